import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, entryBody, initTimeline, setEntryStatus } from "../timeline/ops";
import { erasArray } from "../timeline/schema";
import { ZTimelineJson, timelineToJson } from "./json";
import { EVERY_NODE_AND_MARK, editorBody, schema } from "./test-support/starter-kit";
import { hostileTimeline, sampleTimeline } from "./test-support/timelines";

describe("timelineToJson", () => {
  it("gives meta, eras and entries in chronological order, as plain data", () => {
    const doc = sampleTimeline();
    erasArray(doc).push([new Y.Map<unknown>([["start", "2019-12"], ["end", "2020-03"], ["title", "Offensive"]]), new Y.Map<unknown>([["start", 7]])]);
    const json = timelineToJson(doc);
    expect(ZTimelineJson.parse(json)).toEqual(json);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.meta).toEqual({
      title: "Idlib: the last offensive",
      summary: "How the siege unfolded.",
      language: "en",
      scale: "human",
      schemaVersion: 1,
    });
    expect(json.eras).toEqual([
      { start: "2019-12", end: "2020-03", title: "Offensive" },
      { start: "", end: "", title: "" },
    ]);
    expect(json.entries.map((e) => e.id)).toEqual(["e1", "e2"]);
    const { createdAt, updatedAt, ...first } = json.entries[0];
    expect(typeof createdAt).toBe("string");
    expect(typeof updatedAt).toBe("string");
    expect(first).toEqual({
      id: "e1",
      start: "2019-12-24",
      headline: "Exodus from Maarat al-Nouman",
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "Tens of thousands flee " },
              { type: "text", text: "south", marks: [{ type: "bold" }] },
            ],
          },
        ],
      },
      media: { url: "https://example.org/photo.jpg", caption: "Families on the M5", credit: "AFP", alt: "Cars on a highway" },
      sources: [
        {
          url: "https://example.org/un",
          title: "UN OCHA flash update",
          publisher: "OCHA",
          accessed: "2019-12-26",
          quote: "Over 235,000 people displaced",
        },
      ],
      group: "Humanitarian",
      tags: ["displacement"],
      status: "verified",
    });
    expect(json.entries[1]).toMatchObject({ id: "e2", qualifier: "circa", body: { type: "doc", content: [] } });
  });

  it("carries who verified an entry and what they verified", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "T" });
    const id = addEntry(doc, { start: "2020-03-05", headline: "Ceasefire" });
    setEntryStatus(doc, id, { status: "verified", by: "u1", byName: "Hana", at: "2020-03-06T10:00:00.000Z", note: "Two sources" });
    const json = timelineToJson(doc);
    expect(ZTimelineJson.parse(json)).toEqual(json);
    expect(json.entries[0]).toMatchObject({
      status: "verified",
      verification: { by: "u1", byName: "Hana", at: "2020-03-06T10:00:00.000Z", note: "Two sources", verifiedAs: { start: "2020-03-05", headline: "Ceasefire" } },
    });
  });

  it("gives bodies the editor loads back unchanged", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "T" });
    const id = addEntry(doc, { start: "2020", headline: "h" });
    const body = entryBody(doc, id);
    const source = editorBody(EVERY_NODE_AND_MARK);
    body.insert(0, source.toArray().flatMap((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : [])));
    const [entry] = timelineToJson(doc).entries;
    expect(schema.nodeFromJSON(entry.body).eq(schema.nodeFromJSON(EVERY_NODE_AND_MARK))).toBe(true);
  });

  // JSON is data served as application/json, not markup: it keeps what is stored so that nothing is
  // silently lost, and a consumer that renders it applies the allow-lists of the HTML export.
  it("keeps a hostile timeline's strings as stored, in a shape that still validates", () => {
    const json = timelineToJson(hostileTimeline());
    expect(ZTimelineJson.safeParse(json).success).toBe(true);
    const first = json.entries[0];
    expect(first.headline).toBe("<img src=x onerror=alert(1)>");
    expect(first.body.content?.[0]).toEqual({ type: "script", content: [{ type: "text", text: "alert('script element')" }] });
    expect(first.body.content?.[2].content?.[0]).toEqual({
      type: "text",
      text: "js ",
      marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
    });
    const crafted = json.entries.find((e) => e.id === "crafted");
    // Unknown status reads as draft; a body that is not a fragment reads as empty.
    expect(crafted).toMatchObject({ status: "draft", body: { type: "doc", content: [] }, tags: [], sources: [] });
  });
});
