import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SCHEMA_VERSION, entriesMap, listEntries, metaMap, readEntry, readMeta } from "./schema";

// Entries written the way any stock Yjs client would, without ops.ts.
function rawEntry(doc: Y.Doc, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entriesMap(doc).set(id, entry);
  for (const [k, v] of Object.entries(fields)) entry.set(k, v);
  return entry;
}

describe("readEntry", () => {
  it("reads every field of the schema", () => {
    const doc = new Y.Doc();
    const source = new Y.Map<unknown>([["title", "Article"], ["publisher", "Le Monde"], ["quote", "q"]]);
    const sources = new Y.Array<Y.Map<unknown>>();
    sources.push([source]);
    const tags = new Y.Array<string>();
    tags.push(["syria", "idlib"]);
    const entry = rawEntry(doc, "e1", {
      start: "2019-04",
      end: "2019-08",
      qualifier: "circa",
      displayDate: "Spring–summer 2019",
      title: new Y.Text("Offensive"),
      body: new Y.XmlFragment(),
      media: new Y.Map<unknown>([["url", "https://example.org/a.jpg"], ["credit", "Reuters"]]),
      background: new Y.Map<unknown>([["color", "#000"], ["opacity", 0.5]]),
      sources,
      group: "Military",
      tags,
      status: "verified",
      createdBy: "u1",
      createdAt: "2019-12-25T10:00:00.000Z",
      updatedAt: "2019-12-25T11:00:00.000Z",
    });
    expect(readEntry(entry, "e1")).toEqual({
      id: "e1",
      start: "2019-04",
      end: "2019-08",
      qualifier: "circa",
      displayDate: "Spring–summer 2019",
      headline: "Offensive",
      media: { url: "https://example.org/a.jpg", credit: "Reuters" },
      background: { color: "#000", opacity: 0.5 },
      sources: [{ title: "Article", publisher: "Le Monde", quote: "q" }],
      group: "Military",
      tags: ["syria", "idlib"],
      status: "verified",
      createdBy: "u1",
      createdAt: "2019-12-25T10:00:00.000Z",
      updatedAt: "2019-12-25T11:00:00.000Z",
    });
  });

  it("reads what the server recorded about the status", () => {
    const doc = new Y.Doc();
    const entry = rawEntry(doc, "e1", {
      start: "2019-04",
      title: new Y.Text("Offensive"),
      status: "needs-review",
      statusBy: "u1",
      statusByName: "Hana",
      statusAt: "2019-12-25T10:00:00.000Z",
      statusNote: "date changed",
      statusAuto: true,
      verifiedAs: { start: "2019-03", qualifier: "circa", headline: "Offensive" },
    });
    expect(readEntry(entry, "e1").verification).toEqual({
      by: "u1",
      byName: "Hana",
      at: "2019-12-25T10:00:00.000Z",
      note: "date changed",
      auto: true,
      verifiedAs: { start: "2019-03", qualifier: "circa", headline: "Offensive" },
    });
    // Nothing recorded: no verification key at all.
    expect("verification" in readEntry(rawEntry(doc, "e2", { start: "2019" }), "e2")).toBe(false);
  });

  it("drops values that do not fit the schema, leaving optional fields absent", () => {
    const doc = new Y.Doc();
    const entry = rawEntry(doc, "odd", {
      start: 2019,
      end: null,
      qualifier: "roughly",
      title: "plain string, not Y.Text",
      media: new Y.Map<unknown>([["caption", "no url"]]),
      sources: ["not a map"],
      status: "approved",
    });
    const read = readEntry(entry, "odd");
    expect(read).toEqual({ id: "odd", start: "", headline: "", sources: [], tags: [], status: "draft" });
    expect("end" in read).toBe(false);
    expect("media" in read).toBe(false);
  });
});

describe("listEntries", () => {
  it("sorts chronologically, ties by end then id, unparsable starts last", () => {
    const doc = new Y.Doc();
    rawEntry(doc, "b", { start: "2019-04", end: "2019-08" });
    rawEntry(doc, "junk", { start: "December" });
    rawEntry(doc, "a", { start: "2019-04", end: "2019-08" });
    rawEntry(doc, "c", { start: "2019-04" });
    rawEntry(doc, "old", { start: "2011" });
    entriesMap(doc).set("not-a-map", "x" as unknown as Y.Map<unknown>);
    expect(listEntries(doc).map((e) => e.id)).toEqual(["old", "c", "a", "b", "junk"]);
  });
});

describe("readMeta", () => {
  it("fills defaults for an empty doc", () => {
    expect(readMeta(new Y.Doc())).toEqual({
      title: "", summary: "", language: "en", scale: "human", schemaVersion: SCHEMA_VERSION,
    });
  });

  it("reads stored values, ignoring an unknown scale", () => {
    const doc = new Y.Doc();
    const meta = metaMap(doc);
    meta.set("title", "Idlib");
    meta.set("language", "fr");
    meta.set("scale", "geological");
    meta.set("schemaVersion", 1);
    meta.set("media", new Y.Map<unknown>([["url", "https://example.org/t.jpg"]]));
    expect(readMeta(doc)).toEqual({
      title: "Idlib", summary: "", language: "fr", scale: "human", schemaVersion: 1,
      media: { url: "https://example.org/t.jpg" },
    });
  });
});
