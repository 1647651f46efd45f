import { getSchema } from "@tiptap/core";
import { StarterKit } from "@tiptap/starter-kit";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  TimelineOpError,
  addEntry,
  applyTextDiff,
  bodyToPlainText,
  deleteEntry,
  entryBody,
  entryTitle,
  initTimeline,
  setBody,
  setHeadline,
  setEntryStatus,
  setMeta,
  updateEntry,
  type TBodyBlock,
  type TEntryInput,
} from "./ops";
import { SCHEMA_VERSION, entriesMap, listEntries, readMeta } from "./schema";
import { changesSinceVerified } from "./verification";

const NOW = new Date("2019-12-25T09:00:00.000Z");
const LATER = new Date("2019-12-25T10:00:00.000Z");

const BASE: TEntryInput = { start: "2019-12-24", headline: "Exodus from Maarat Al-Nouman" };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function opError(fn: () => unknown): TimelineOpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TimelineOpError) return e;
    throw e;
  }
  throw new Error("expected a TimelineOpError");
}

// Counts the updates a doc emits, to check that an op writes in one transaction, or not at all.
function countUpdates(doc: Y.Doc): { count: number; origins: unknown[] } {
  const seen = { count: 0, origins: [] as unknown[] };
  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    seen.count++;
    seen.origins.push(origin);
  });
  return seen;
}

describe("initTimeline and setMeta", () => {
  it("writes the meta map with its defaults and schema version", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Idlib" });
    expect(readMeta(doc)).toEqual({
      title: "Idlib", summary: "", language: "en", scale: "human", schemaVersion: SCHEMA_VERSION,
    });
    expect(doc.getMap("meta").get("schemaVersion")).toBe(SCHEMA_VERSION);
  });

  it("patches meta, with null removing the title slide's media", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Idlib", language: "fr" });
    setMeta(doc, { summary: "<p>Chronology</p>", media: { url: "https://example.org/t.jpg", credit: "Reuters" } });
    expect(readMeta(doc)).toMatchObject({ summary: "<p>Chronology</p>", language: "fr", media: { credit: "Reuters" } });
    expect(doc.getMap("meta").get("media")).toBeInstanceOf(Y.Map);
    setMeta(doc, { media: null });
    expect(readMeta(doc).media).toBeUndefined();
  });

  it("refuses a bad language tag", () => {
    expect(opError(() => initTimeline(new Y.Doc(), { title: "x", language: "english please" })).field).toBe("language");
  });
});

describe("addEntry", () => {
  it("stores every field as the schema says, and reads back", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, {
      ...BASE,
      start: "+2019-04",
      end: "2019-08",
      qualifier: "circa",
      media: { url: "https://example.org/a.jpg", credit: "REUTERS" },
      background: { color: "#222" },
      sources: [{ title: "Article", publisher: "Le Monde", accessed: "2019-12-25" }],
      group: "Military",
      tags: ["offensive", "offensive", "m5"],
    }, { id: "e1", userId: "u1", now: NOW });
    expect(id).toBe("e1");
    const entry = entriesMap(doc).get("e1");
    expect(entry?.get("title")).toBeInstanceOf(Y.Text);
    expect(entry?.get("body")).toBeInstanceOf(Y.XmlFragment);
    expect(entry?.get("media")).toBeInstanceOf(Y.Map);
    expect(entry?.get("background")).toBeInstanceOf(Y.Map);
    expect(entry?.get("tags")).toBeInstanceOf(Y.Array);
    expect((entry?.get("sources") as Y.Array<unknown>).get(0)).toBeInstanceOf(Y.Map);
    expect(listEntries(doc)).toEqual([{
      id: "e1",
      start: "2019-04",
      end: "2019-08",
      qualifier: "circa",
      headline: "Exodus from Maarat Al-Nouman",
      media: { url: "https://example.org/a.jpg", credit: "REUTERS" },
      background: { color: "#222" },
      sources: [{ title: "Article", publisher: "Le Monde", accessed: "2019-12-25" }],
      group: "Military",
      tags: ["offensive", "m5"],
      status: "draft",
      createdBy: "u1",
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    }]);
  });

  it("generates url-safe random ids", () => {
    const doc = new Y.Doc();
    const ids = new Set(Array.from({ length: 50 }, () => addEntry(doc, BASE)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it("writes in one transaction with the given origin", () => {
    const doc = new Y.Doc();
    const seen = countUpdates(doc);
    addEntry(doc, { ...BASE, body: [{ type: "paragraph", content: [{ text: "x" }] }], sources: [{ title: "t" }] },
      { origin: "import" });
    expect(seen).toEqual({ count: 1, origins: ["import"] });
  });

  it.each<[string, TEntryInput, string]>([
    ["start", { ...BASE, start: "2019-02-29" }, "2019-02-29 is not a date: February 2019 has 28 days"],
    ["start", { ...BASE, start: "" }, "A date is required"],
    ["end", { ...BASE, end: "2019-12-23" }, "The end, 23 December 2019, is before the start, 24 December 2019"],
    ["media.url", { ...BASE, media: { url: " " } }, "Media needs a URL"],
    ["sources.0.url", { ...BASE, sources: [{ url: "javascript:alert(1)" }] }, "Use an http(s) or mailto link"],
    ["sources.0", { ...BASE, sources: [{ quote: "orphan quote" }] }, "A source needs a URL, a title or a publisher"],
    ["body.0.content.0.href", { ...BASE, body: [{ type: "paragraph", content: [{ text: "x", href: "ftp://x" }] }] },
      "Use an http(s) or mailto link"],
    ["body.0.items", { ...BASE, body: [{ type: "bulletList", items: [] }] }, "A list needs at least one item"],
  ])("refuses a bad %s and writes nothing", (field, input, message) => {
    const doc = new Y.Doc();
    const seen = countUpdates(doc);
    const error = opError(() => addEntry(doc, input));
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
    expect(seen.count).toBe(0);
  });

  it("refuses a taken or empty id", () => {
    const doc = new Y.Doc();
    addEntry(doc, BASE, { id: "e1" });
    expect(opError(() => addEntry(doc, BASE, { id: "e1" })).field).toBe("id");
    expect(opError(() => addEntry(doc, BASE, { id: "" })).field).toBe("id");
  });
});

describe("updateEntry", () => {
  it("sets fields, removes them with null, replaces lists whole and bumps updatedAt", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, {
      ...BASE, end: "2019-12-26", group: "Humanitarian", tags: ["exodus"], sources: [{ title: "a" }, { title: "b" }],
    }, { now: NOW });
    updateEntry(doc, id, { end: null, group: null, displayDate: "Christmas Eve 2019", tags: ["civilians"],
      sources: [{ title: "c" }], status: "needs-review" }, { now: LATER });
    const [entry] = listEntries(doc);
    expect(entry).toMatchObject({
      start: "2019-12-24", displayDate: "Christmas Eve 2019", tags: ["civilians"], sources: [{ title: "c" }],
      status: "needs-review", createdAt: NOW.toISOString(), updatedAt: LATER.toISOString(),
    });
    expect("end" in entry).toBe(false);
    expect("group" in entry).toBe(false);
  });

  it("checks the dates the entry will have", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { ...BASE, start: "2019-04", end: "2019-08" });
    expect(opError(() => updateEntry(doc, id, { start: "2019-09" })).field).toBe("start");
    expect(opError(() => updateEntry(doc, id, { end: "2019-03" })).field).toBe("end");
    expect(opError(() => updateEntry(doc, id, { end: "2019-13" })).message).toBe("2019-13 is not a date: there is no month 13");
    updateEntry(doc, id, { start: "2019-09", end: null });
    expect(listEntries(doc)[0]).toMatchObject({ start: "2019-09" });
  });

  it("reports a stored start that is not a date when setting an end", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, BASE);
    entriesMap(doc).get(id)?.set("start", "Christmas");
    const error = opError(() => updateEntry(doc, id, { end: "2020" }));
    expect(error.field).toBe("start");
  });

  // The fallback to review is the server's (server/collab/extensions/verification.ts), so that it holds for
  // every client: a client's op leaves the status alone.
  it("leaves the status of a verified entry to the server when its date changes", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, BASE);
    setEntryStatus(doc, id, { status: "verified", by: "u1", byName: "Hana", at: NOW.toISOString() });
    updateEntry(doc, id, { qualifier: "circa" });
    const [entry] = listEntries(doc);
    expect(entry.status).toBe("verified");
    expect(changesSinceVerified(entry)).toEqual([{ field: "qualifier", old: null, new: "circa" }]);
  });

  it("refuses an unknown id", () => {
    expect(opError(() => updateEntry(new Y.Doc(), "nope", { group: "x" })).field).toBe("id");
  });
});

describe("headline", () => {
  it("applies the minimal edit", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { ...BASE, headline: "Idlib offensive" });
    const deltas: unknown[] = [];
    entryTitle(doc, id).observe((e) => deltas.push(e.delta));
    setHeadline(doc, id, "Idlib winter offensive");
    expect(deltas).toEqual([[{ retain: 6 }, { insert: "winter " }]]);
  });

  it("merges two people typing in one headline", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addEntry(a, { ...BASE, headline: "Idlib offensive" });
    sync(a, b);
    setHeadline(a, id, "Idlib offensive resumes");
    setHeadline(b, id, "The Idlib offensive");
    sync(a, b);
    expect(entryTitle(a, id).toString()).toBe("The Idlib offensive resumes");
    expect(entryTitle(b, id).toString()).toBe("The Idlib offensive resumes");
  });

  it("does not split surrogate pairs", () => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, "Flag 🇸🇾");
    doc.transact(() => applyTextDiff(text, "Flag 🇹🇷"));
    expect(text.toString()).toBe("Flag 🇹🇷");
  });

  it("writes a lone surrogate as U+FFFD, as every other replica will receive it", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addEntry(a, { ...BASE, headline: "Syria \uD83C", group: "\uDDF8" });
    setHeadline(a, id, "Syria \uD83C!");
    sync(a, b);
    expect(listEntries(a)[0]).toMatchObject({ headline: "Syria \uFFFD!", group: "\uFFFD" });
    expect(listEntries(b)).toEqual(listEntries(a));
  });

  it("bumps updatedAt, leaves the status to the server, and writes nothing when unchanged", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { ...BASE, status: "verified" }, { now: NOW });
    const seen = countUpdates(doc);
    setHeadline(doc, id, BASE.headline);
    expect(seen.count).toBe(0);
    setHeadline(doc, id, "Exodus", { now: LATER, origin: "typing" });
    expect(seen).toEqual({ count: 1, origins: ["typing"] });
    expect(listEntries(doc)[0]).toMatchObject({ headline: "Exodus", status: "verified", updatedAt: LATER.toISOString() });
  });
});

describe("body", () => {
  const blocks: TBodyBlock[] = [
    { type: "paragraph", content: [
      { text: "Troops are " },
      { text: "4 km", bold: true },
      { text: " from " },
      { text: "Maarat Al-Nouman", italic: true, bold: true },
      { text: ".\nSee " },
      { text: "Le Monde", href: "https://www.lemonde.fr/" },
    ] },
    { type: "paragraph", content: [] },
    { type: "blockquote", content: [{ text: "A ghost town." }] },
    { type: "bulletList", items: [[{ text: "Saraqeb" }], [{ text: "Maarat Al-Nouman" }]] },
    { type: "orderedList", items: [[{ text: "first", italic: true }]] },
  ];

  const LINK = { href: "https://www.lemonde.fr/", target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null };

  // What Tiptap's StarterKit editor holds for the same content.
  const expected = {
    type: "doc",
    content: [
      { type: "paragraph", content: [
        { type: "text", text: "Troops are " },
        { type: "text", text: "4 km", marks: [{ type: "bold", attrs: {} }] },
        { type: "text", text: " from " },
        { type: "text", text: "Maarat Al-Nouman", marks: [{ type: "bold", attrs: {} }, { type: "italic", attrs: {} }] },
        { type: "text", text: "." },
        { type: "hardBreak" },
        { type: "text", text: "See " },
        { type: "text", text: "Le Monde", marks: [{ type: "link", attrs: LINK }] },
      ] },
      { type: "paragraph" },
      { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "A ghost town." }] }] },
      { type: "bulletList", content: [
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Saraqeb" }] }] },
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Maarat Al-Nouman" }] }] },
      ] },
      { type: "orderedList", attrs: { start: 1 }, content: [
        { type: "listItem", content: [{ type: "paragraph", content: [
          { type: "text", text: "first", marks: [{ type: "italic", attrs: {} }] },
        ] }] },
      ] },
    ],
  };

  it("stores Tiptap StarterKit content exactly as y-prosemirror does", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, BASE);
    setBody(doc, id, blocks);
    const body = entryBody(doc, id);
    const json = yXmlFragmentToProsemirrorJSON(body);
    expect(json).toEqual(expected);

    const schema = getSchema([StarterKit]);
    expect(() => schema.nodeFromJSON(json).check()).not.toThrow();
    const viaTiptap = new Y.Doc().getXmlFragment("body");
    prosemirrorJSONToYXmlFragment(schema, expected, viaTiptap);
    expect(body.toJSON()).toBe(viaTiptap.toJSON());
    expect(yXmlFragmentToProsemirrorJSON(viaTiptap)).toEqual(json);
  });

  it("replaces the body in one transaction and reads it as plain text", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { ...BASE, body: [{ type: "paragraph", content: [{ text: "old" }] }] }, { now: NOW });
    const seen = countUpdates(doc);
    setBody(doc, id, blocks, { now: LATER, origin: "import" });
    expect(seen).toEqual({ count: 1, origins: ["import"] });
    expect(listEntries(doc)[0].updatedAt).toBe(LATER.toISOString());
    expect(bodyToPlainText(entryBody(doc, id))).toBe(
      "Troops are 4 km from Maarat Al-Nouman.\nSee Le Monde\n\nA ghost town.\nSaraqeb\nMaarat Al-Nouman\nfirst",
    );
  });

  it("refuses invalid blocks and an unknown entry", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, BASE);
    expect(opError(() => setBody(doc, id, [{ type: "heading" } as unknown as TBodyBlock])).field).toBe("body.0.type");
    expect(opError(() => entryBody(doc, "nope")).field).toBe("id");
    expect(opError(() => entryTitle(doc, "nope")).field).toBe("id");
  });
});

describe("setEntryStatus", () => {
  const AT = NOW.toISOString();

  it("records who set the status, when and why, and what was verified", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { ...BASE, end: "2019-12-31", qualifier: "circa" });
    const seen = countUpdates(doc);
    setEntryStatus(doc, id, { status: "verified", by: "u1", byName: "Hana", at: AT, note: "Checked with OCHA" }, { origin: "route" });
    expect(seen).toEqual({ count: 1, origins: ["route"] });
    expect(listEntries(doc)[0]).toMatchObject({
      status: "verified",
      verification: {
        by: "u1",
        byName: "Hana",
        at: AT,
        note: "Checked with OCHA",
        verifiedAs: { start: "2019-12-24", end: "2019-12-31", qualifier: "circa", headline: BASE.headline },
      },
    });
    // Stored as one plain value: it changes whole, and any stock client reads it as JSON.
    expect(entriesMap(doc).get(id)!.toJSON().verifiedAs).toEqual({ start: "2019-12-24", end: "2019-12-31", qualifier: "circa", headline: BASE.headline });
  });

  it("keeps the last verified values when the entry falls back, and drops the note and the automatic mark on the next set", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, BASE);
    setEntryStatus(doc, id, { status: "verified", by: "u1", byName: "Hana", at: AT, note: "ok" });
    setHeadline(doc, id, "Exodus");
    setEntryStatus(doc, id, { status: "needs-review", by: "u2", byName: "Omar", at: LATER.toISOString(), auto: true });
    let [entry] = listEntries(doc);
    expect(entry.verification).toEqual({ by: "u2", byName: "Omar", at: LATER.toISOString(), auto: true, verifiedAs: { start: "2019-12-24", headline: BASE.headline } });
    expect(changesSinceVerified(entry)).toEqual([{ field: "headline", old: BASE.headline, new: "Exodus" }]);
    setEntryStatus(doc, id, { status: "disputed", at: AT });
    [entry] = listEntries(doc);
    expect(entry.status).toBe("disputed");
    expect(entry.verification).toEqual({ at: AT, verifiedAs: { start: "2019-12-24", headline: BASE.headline } });
  });

  it("refuses an unknown status, a time that is not ISO 8601 and an unknown id", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, BASE);
    expect(opError(() => setEntryStatus(doc, id, { status: "approved" as "verified", at: AT })).field).toBe("status");
    expect(opError(() => setEntryStatus(doc, id, { status: "verified", at: "yesterday" })).field).toBe("at");
    expect(opError(() => setEntryStatus(doc, "nope", { status: "verified", at: AT })).field).toBe("id");
  });
});

describe("deleteEntry", () => {
  it("removes the entry, and refuses an unknown id", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, BASE);
    deleteEntry(doc, id);
    expect(listEntries(doc)).toEqual([]);
    expect(opError(() => deleteEntry(doc, id)).field).toBe("id");
  });
});
