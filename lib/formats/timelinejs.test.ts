import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readSheet, writeSheet } from "./csv";
import { ImportError, readImport } from "./import";
import { givenIds, readTl } from "./test-support/timelinejs-read";
import { readTimelineJs, timelineToTimelineJs } from "./timelinejs";
import type { TTlTimeline } from "./timelinejs-types";
import { htmlText } from "./tl-html";
import { addEntry, applyTextDiff, entryBody, entryTitle, initTimeline, setBody, setMeta, updateEntry, writeImportedTimeline } from "../timeline/ops";
import { listEntries, readMeta } from "../timeline/schema";

const SAMPLES = path.resolve(import.meta.dirname, "../../../shared/timelinejs-samples");
const sample = (name: string): string => fs.readFileSync(path.join(SAMPLES, name), "utf8");

function imported(kind: "timelinejs" | "csv", text: string) {
  const { timeline, report } = readImport(kind, text);
  const doc = new Y.Doc();
  writeImportedTimeline(doc, timeline, { userId: "u1" });
  return { doc, report };
}

const fromJson = (t: object) => imported("timelinejs", JSON.stringify(t));

// Slides counted by the real TimelineJS 3.9.11 (the samples' README).
const JSON_SAMPLES: Array<[string, number, number]> = [
  ["eras.json", 20, 3],
  ["all-media-types.json", 41, 0],
  ["marktwain.json", 17, 0],
  ["houston.json", 18, 0],
  ["cosmo-mixed.json", 11, 0],
];

describe("TimelineJS JSON: the samples round-trip as TimelineJS reads them", () => {
  it.each(JSON_SAMPLES)("%s: import -> export gives back every field", (name, events, eras) => {
    const original = JSON.parse(sample(name)) as TTlTimeline;
    const { doc, report } = imported("timelinejs", sample(name));
    expect(report.entries).toBe(events);
    expect(report.eras).toBe(eras);
    expect(report.problems.filter((p) => p.kind === "skipped")).toEqual([]);
    const exported = timelineToTimelineJs(doc);
    expect(exported.events).toHaveLength(events);
    expect(readTl(exported, { ids: givenIds(original) })).toEqual(readTl(original, { ids: givenIds(original) }));
    // And again: an export imported and exported is the same file.
    const again = timelineToTimelineJs(fromJson(exported).doc);
    expect(readTl(again)).toEqual(readTl(exported));
  });

  it("keeps unique_id as the entry id", () => {
    const original = JSON.parse(sample("all-media-types.json")) as TTlTimeline;
    const { doc } = imported("timelinejs", sample("all-media-types.json"));
    const ids = new Set(listEntries(doc).map((e) => e.id));
    for (const id of givenIds(original)) expect(ids.has(id)).toBe(true);
    expect(givenIds(original).size).toBe(4);
  });

  it("reports the fields it could not map in marktwain.json, each by name", () => {
    const { report } = imported("timelinejs", sample("marktwain.json"));
    const fields = report.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["type", "location", "start_date.thumbnail", "start_date.format"]));
    expect(report.problems.every((p) => p.kind !== "skipped")).toBe(true);
  });
});

describe("TimelineJS sheets: import -> export as JSON and as CSV", () => {
  it.each([
    ["women-in-computing.csv", 10, 0],
    ["eras-sheet.csv", 20, 3],
  ])("%s", (name, events, eras) => {
    const read = readSheet(sample(name));
    const { doc, report } = imported("csv", sample(name));
    expect([report.entries, report.eras]).toEqual([events, eras]);
    const asJson = timelineToTimelineJs(doc);
    const reference = readTl(read.timeline, { ids: new Set() });
    expect(readTl(asJson, { ids: new Set() })).toEqual(reference);
    const csv = writeSheet(timelineToTimelineJs(doc, { sheet: true }));
    expect(readTl(readSheet(csv).timeline, { ids: new Set() })).toEqual(reference);
  });
});

describe("TimelineJS dates", () => {
  const slide = (start_date: object, extra: object = {}) => ({ events: [{ start_date, text: { headline: "x" }, ...extra }] });

  it("maps historical years to astronomical and back: -44 is -0043, 1 BCE is year 0", () => {
    const { doc } = fromJson({ events: [
      { start_date: { year: -44, month: 3, day: 15 }, text: { headline: "Ides" } },
      { start_date: { year: -1 }, text: { headline: "1 BCE" } },
      { start_date: { year: 1 }, text: { headline: "AD 1" } },
    ] });
    expect(listEntries(doc).map((e) => e.start)).toEqual(["-0043-03-15", "0000", "0001"]);
    expect(timelineToTimelineJs(doc).events.map((e) => e.start_date)).toEqual([{ year: -44, month: 3, day: 15 }, { year: -1 }, { year: 1 }]);
  });

  it("writes exactly the parts of each precision, no filled-in defaults", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "T" });
    for (const start of ["2011", "2011-03", "2011-03-15", "2011-03-15T14:05", "2011-03-15T14:05:09"]) addEntry(doc, { start, headline: start });
    expect(timelineToTimelineJs(doc).events.map((e) => e.start_date)).toEqual([
      { year: 2011 },
      { year: 2011, month: 3 },
      { year: 2011, month: 3, day: 15 },
      { year: 2011, month: 3, day: 15, hour: 14, minute: 5 },
      { year: 2011, month: 3, day: 15, hour: 14, minute: 5, second: 9 },
    ]);
  });

  it("keeps what ours cannot hold (year 0, an hour alone, milliseconds) and reports it", () => {
    const { doc, report } = fromJson({ events: [
      { start_date: { year: 0 }, text: { headline: "zero" } },
      { start_date: { year: 2001, month: 9, day: 11, hour: 9 }, text: { headline: "hour" } },
      { start_date: { year: 2001, month: 9, day: 11, hour: 9, minute: 3, second: 2, millisecond: 500 }, text: { headline: "ms" } },
    ] });
    const out = timelineToTimelineJs(doc).events;
    expect(out.map((e) => e.start_date)).toEqual([
      { year: 0 },
      { year: 2001, month: 9, day: 11, hour: 9 },
      { year: 2001, month: 9, day: 11, hour: 9, minute: 3, second: 2, millisecond: 500 },
    ]);
    expect(report.problems.map((p) => p.field)).toEqual(expect.arrayContaining(["start_date.year", "start_date.millisecond"]));
  });

  it("a date edited after import is written from the new value", () => {
    const { doc } = fromJson(slide({ year: 2001, month: 9, day: 11, hour: 9 }));
    const [entry] = listEntries(doc);
    updateEntry(doc, entry.id, { start: "2001-09-12" });
    expect(timelineToTimelineJs(doc).events[0].start_date).toEqual({ year: 2001, month: 9, day: 12 });
  });

  it("sets scale cosmological for deep time, and reads it back", () => {
    const { doc } = imported("timelinejs", sample("cosmo-mixed.json"));
    expect(readMeta(doc).scale).toBe("cosmological");
    const out = timelineToTimelineJs(doc);
    expect(out.scale).toBe("cosmological");
    expect(out.events[0].start_date).toEqual({ year: -13_800_000_000 });
    const mine = new Y.Doc();
    initTimeline(mine, { title: "Deep" });
    addEntry(mine, { start: "-4600000000", headline: "Earth" });
    expect(timelineToTimelineJs(mine).scale).toBe("cosmological");
  });

  it("writes display_date only for a display date or a qualifier", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "T" });
    addEntry(doc, { start: "2011", qualifier: "circa", headline: "a" });
    addEntry(doc, { start: "2019-03", qualifier: "before", headline: "b" });
    addEntry(doc, { start: "2020", displayDate: "Spring 2020", headline: "c" });
    addEntry(doc, { start: "2021", headline: "d" });
    expect(timelineToTimelineJs(doc).events.map((e) => e.display_date)).toEqual(["c. 2011", "before March 2019", "Spring 2020", undefined]);
    // Imported again, the qualifiers' labels are qualifiers again; any other display date stays one.
    const back = listEntries(fromJson(timelineToTimelineJs(doc)).doc);
    expect(back.map((e) => [e.qualifier, e.displayDate])).toEqual([["circa", undefined], ["before", undefined], [undefined, "Spring 2020"], [undefined, undefined]]);
  });

  it("leaves out a slide without a usable start date, saying which and why", () => {
    const { report } = fromJson({ events: [slide({ year: 2000 }).events[0], { text: { headline: "no date" } }, { start_date: { year: "MMXI" }, text: { headline: "roman" } }] });
    expect(report.entries).toBe(1);
    expect(report.problems.filter((p) => p.kind === "skipped").map((p) => p.at)).toEqual(["event 2", "event 3"]);
  });
});

describe("TimelineJS fields", () => {
  it("writes unknown keys, autolink and a title slide's extras back, naming each in the report", () => {
    const input = {
      title: { text: { headline: "My <i>timeline</i>", text: "<p class='lead'>Intro</p>" }, unique_id: "title-slide" },
      events: [{ start_date: { year: 2000 }, text: { headline: "x", subtitle: "s" }, autolink: false, location: { lat: 1, lon: 2 }, media: { url: "https://e.org/a.jpg", foo: "bar" } }],
      options: { hash_bookmark: true },
    };
    const { doc, report } = fromJson(input);
    const out = timelineToTimelineJs(doc);
    expect(out.events[0]).toMatchObject({ autolink: false, location: { lat: 1, lon: 2 }, media: { url: "https://e.org/a.jpg", foo: "bar" }, text: { subtitle: "s" } });
    expect(out.options).toEqual({ hash_bookmark: true });
    expect(out.title).toMatchObject({ unique_id: "title-slide", text: { headline: "My <i>timeline</i>", text: "<p class=\"lead\">Intro</p>" } });
    expect(readMeta(doc).title).toBe("My timeline");
    expect(report.problems.map((p) => p.field).sort()).toEqual(["autolink", "location", "media.foo", "options", "text.subtitle", "unique_id"].sort());
  });

  it("keeps a headline's and a text's HTML as a browser reads it until they are edited", () => {
    const headline = '<span class="soundcite" data-url="https://e.org/a.mp3" data-start="0">Listen</span> <a href="https://e.org" target="_self">here</a>';
    const { doc } = fromJson({ events: [{ start_date: { year: 2000 }, text: { headline, text: '<p class="lead" data-x="1">Body &amp; <b>bold</b></p>' } }] });
    let out = timelineToTimelineJs(doc).events[0];
    expect(out.text).toEqual({ headline, text: '<p class="lead" data-x="1">Body &amp; <b>bold</b></p>' });
    const [entry] = listEntries(doc);
    expect(entry.headline).toBe("Listen here");
    // The editor's text changes: the export follows the edit.
    applyTextDiff(entryTitle(doc, entry.id), "Listen there");
    setBody(doc, entry.id, [{ type: "paragraph", content: [{ text: "New body" }] }]);
    out = timelineToTimelineJs(doc).events[0];
    expect(out.text?.headline).not.toContain("soundcite");
    expect(htmlText(out.text?.headline ?? "")).toBe("Listen there");
    expect(out.text?.text).toBe("<p>New body</p>");
  });

  it("keeps a headline's bold, italic and links as formatting of the headline text", () => {
    const { doc } = fromJson({ events: [{ start_date: { year: 2000 }, text: { headline: "<i>Roe</i> v. <b>Wade</b><br>decided" } }] });
    const [entry] = listEntries(doc);
    const delta = entryTitle(doc, entry.id).toDelta();
    expect(delta).toEqual(expect.arrayContaining([{ insert: "Roe", attributes: { italic: true } }, { insert: "Wade", attributes: { bold: true } }]));
    expect(entry.headline).toContain("\n");
  });

  it("removes live content from HTML fields and says so; nothing live is exported even if a client stored it", () => {
    const { doc, report } = fromJson({ events: [{ start_date: { year: 2000 }, text: { headline: 'Hi<script>alert(1)</script>', text: '<p onclick="x()">t</p>' }, media: { url: "https://e.org/a.jpg", caption: '<img src=x onerror="y()">' } }] });
    const out = JSON.stringify(timelineToTimelineJs(doc));
    expect(out).not.toMatch(/script|onclick|onerror/);
    expect(report.problems.filter((p) => p.kind === "changed").map((p) => p.field)).toEqual(["text.headline", "text.text", "media.caption"]);
    const [entry] = listEntries(doc);
    updateEntry(doc, entry.id, { media: { url: "https://e.org/a.jpg", caption: '<a href="javascript:alert(1)">x</a>' } });
    expect(JSON.stringify(timelineToTimelineJs(doc))).not.toContain("javascript:");
  });

  it("keeps media given as embed HTML verbatim", () => {
    const embed = '<blockquote class="twitter-tweet"><a href="https://twitter.com/x/status/1"></a></blockquote><script async src="https://platform.twitter.com/widgets.js"></script>';
    const { doc } = fromJson({ events: [{ start_date: { year: 2000 }, text: { headline: "t" }, media: { url: embed } }] });
    expect(timelineToTimelineJs(doc).events[0].media?.url).toBe(embed);
  });

  it("gives a second slide with a used unique_id a new id, and says so", () => {
    const { doc, report } = fromJson({ events: [{ start_date: { year: 2000 }, unique_id: "a" }, { start_date: { year: 2001 }, unique_id: "a" }] });
    expect(listEntries(doc).map((e) => e.id)).toContain("a");
    expect(new Set(listEntries(doc).map((e) => e.id)).size).toBe(2);
    expect(report.problems).toContainEqual(expect.objectContaining({ field: "unique_id", kind: "changed", at: "event 2" }));
  });

  it("a timeline made in Dateline exports to TimelineJS and imports back with its dates, headlines, groups and media", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Idlib" });
    addEntry(doc, { start: "2019-12-24", end: "2019-12-26", headline: "Exodus", group: "Humanitarian", media: { url: "https://e.org/a.jpg", alt: "Camp", caption: "A camp" }, body: [{ type: "paragraph", content: [{ text: "Tens of " }, { text: "thousands", bold: true }] }] }, { id: "e1" });
    addEntry(doc, { start: "-0043-03-15", headline: "Ides" }, { id: "e2" });
    const back = fromJson(timelineToTimelineJs(doc)).doc;
    const pick = (d: Y.Doc) => listEntries(d).map(({ id, start, end, headline, group, media }) => ({ id, start, end, headline, group, media }));
    expect(pick(back)).toEqual(pick(doc));
    expect(entryBody(back, "e1").toString()).toContain("thousands");
    expect(readMeta(back).title).toBe("Idlib");
  });

  it("refuses what is not TimelineJS, and a file with nothing dated", () => {
    expect(() => readImport("timelinejs", "{nope")).toThrow(ImportError);
    expect(() => readImport("timelinejs", '{"slides": []}')).toThrow(/events/);
    expect(() => readImport("timelinejs", '{"events": [{"text": {"headline": "x"}}]}')).toThrow(/Nothing to import/);
    expect(() => readTimelineJs([])).toThrow(ImportError);
  });

  it("refuses values nested deeper than a TimelineJS file goes, and keys named __proto__, with the place named", () => {
    const deep = `{"events":[{"start_date":{"year":2000},"location":${"[".repeat(2000)}${"]".repeat(2000)}}]}`;
    expect(() => readImport("timelinejs", deep)).toThrow(/nests values more than 32 levels deep \(at events\[0\]\.location/);
    expect(() => readImport("timelinejs", '{"events":[{"start_date":{"year":2000},"location":{"__proto__":{"lat":1}}}]}')).toThrow(/__proto__.*events\[0\]\.location\.__proto__/);
    expect(() => readImport("csv", "Year,Headline,__proto__\r\n2000,x,y")).toThrow(/__proto__/);
  });

  it("media or a background without a URL is written back only while the entry has none, and never live", () => {
    const { doc } = fromJson({ events: [{ start_date: { year: 2000 }, media: { caption: '<img src=x onerror="alert(1)">cap', credit: "c" }, background: { alt: "sky" } }] });
    let out = timelineToTimelineJs(doc).events[0];
    expect(out.media).toEqual({ caption: '<img src="x">cap', credit: "c" });
    expect(out.background).toEqual({ alt: "sky" });
    const [entry] = listEntries(doc);
    updateEntry(doc, entry.id, { media: { url: "https://example.org/a.jpg" }, background: { color: "#000" } });
    out = timelineToTimelineJs(doc).events[0];
    expect(out.media).toEqual({ url: "https://example.org/a.jpg" });
    expect(out.background).toEqual({ color: "#000" });
  });

  it("an end date the file had but Dateline could not show is gone once the end is edited", () => {
    const { doc, report } = fromJson({ events: [{ start_date: { year: 2000 }, end_date: { year: 1990 } }] });
    expect(report.problems).toContainEqual(expect.objectContaining({ field: "end_date", kind: "kept" }));
    expect(timelineToTimelineJs(doc).events[0].end_date).toEqual({ year: 1990 });
    const [entry] = listEntries(doc);
    updateEntry(doc, entry.id, { end: "2005" });
    expect(timelineToTimelineJs(doc).events[0].end_date).toEqual({ year: 2005 });
    updateEntry(doc, entry.id, { end: null });
    expect(timelineToTimelineJs(doc).events[0].end_date).toBeUndefined();
  });

  it("reports every known field that holds a list or an object instead of text", () => {
    const { report } = fromJson({ events: [{ start_date: { year: 2000 }, text: { headline: { b: 1 }, text: ["para"] }, media: { url: "https://x.org/a.jpg", caption: ["c"] }, group: ["g"], display_date: { d: 1 }, unique_id: { id: 1 } }] });
    const changed = report.problems.filter((p) => p.kind === "changed").map((p) => p.field);
    expect(changed).toEqual(expect.arrayContaining(["text.headline", "text.text", "media.caption", "group", "display_date", "unique_id"]));
  });

  it("decides the scale as TimelineJS does: year 275,000 is still human", () => {
    const { doc } = fromJson({ events: [{ start_date: { year: 275_000 } }, { start_date: { year: 2000 } }] });
    expect(readMeta(doc).scale).toBe("human");
    expect(timelineToTimelineJs(doc).scale).toBe("human");
    expect(readMeta(fromJson({ events: [{ start_date: { year: 275_760 } }] }).doc).scale).toBe("cosmological");
  });

  it("leaves out links, thumbnails and backgrounds that would run a script, saying so", () => {
    const { doc, report } = fromJson({ events: [{ start_date: { year: 2000 }, media: { url: "https://x.org/a.jpg", link: "java\tscript:alert(1)", thumbnail: "data:text/html,x" }, background: { url: "javascript:alert(2)", color: "#fff" } }] });
    expect(JSON.stringify(timelineToTimelineJs(doc))).not.toMatch(/javascript|data:/i);
    expect(report.problems.filter((p) => p.kind === "changed").map((p) => p.field)).toEqual(["media.thumbnail", "media.link", "background.url"]);
    const [entry] = listEntries(doc);
    updateEntry(doc, entry.id, { media: { url: "https://x.org/a.jpg", link: "javascript:alert(3)" } });
    expect(JSON.stringify(timelineToTimelineJs(doc))).not.toContain("javascript");
  });

  it("gives a slide whose unique_id is half an emoji a new id", () => {
    const { doc, report } = fromJson({ events: [{ start_date: { year: 2000 }, unique_id: "\ud800" }] });
    expect(listEntries(doc)[0].id).not.toBe("\ud800");
    expect(report.problems).toContainEqual(expect.objectContaining({ field: "unique_id", kind: "changed" }));
  });

  it("writes a file's own $-keys back as they were, apart from Dateline's own", () => {
    const input = { $schema: "x", title: { text: { headline: "T" }, $meta: 1 }, events: [{ start_date: { year: 2000 }, $foo: "bar", $original: "theirs", $sheet: { a: "b" } }] };
    const { doc, report } = fromJson(input);
    const out = timelineToTimelineJs(doc);
    expect(out.$schema).toBe("x");
    expect(out.title?.$meta).toBe(1);
    expect(out.events[0]).toMatchObject({ $foo: "bar", $original: "theirs", $sheet: { a: "b" } });
    expect(report.problems.map((p) => p.field)).toEqual(expect.arrayContaining(["$schema", "$meta", "$foo", "$original", "$sheet"]));
  });

  it("keeps a title slide's media without a URL", () => {
    const { doc } = fromJson({ title: { text: { headline: "T" }, media: { url: "", caption: "Title caption" } }, events: [{ start_date: { year: 2000 } }] });
    expect(timelineToTimelineJs(doc).title?.media).toEqual({ caption: "Title caption" });
  });

  it("forgets a media's unknown keys when the media is removed or replaced", () => {
    const { doc } = fromJson({ events: [{ start_date: { year: 2000 }, media: { url: "https://x.org/a.jpg", autoplay: true } }] });
    expect(timelineToTimelineJs(doc).events[0].media).toEqual({ url: "https://x.org/a.jpg", autoplay: true });
    updateEntry(doc, listEntries(doc)[0].id, { media: null });
    expect(timelineToTimelineJs(doc).events[0].media).toBeUndefined();
  });

  it("reports the span to the end of the latest date: 2011 outlasts May 2011", () => {
    const { report } = fromJson({ events: [{ start_date: { year: 2011, month: 5 } }, { start_date: { year: 2011 } }, { start_date: { year: 2010, month: 3 } }] });
    expect(report.span).toEqual({ start: "2010-03", end: "2011" });
  });

  it("writes an era row's unknown sheet columns back", () => {
    const sheet = [
      "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background,Notes",
      "2000,,,,2005,,,,,The era,,,,,,,era,,,era note",
      "2001,,,,,,,,,An event,,,,,,,,,,event note",
    ].join("\r\n");
    const { doc } = imported("csv", sheet);
    const csv = writeSheet(timelineToTimelineJs(doc, { sheet: true }));
    expect(csv).toContain("era note");
    expect(csv).toContain("event note");
  });

  it("keeps a media's unknown keys while only its caption or alt text changes, and a URL-less one's $-keys as written", () => {
    const { doc } = fromJson({ events: [
      { start_date: { year: 2000 }, media: { url: "https://x.org/a.jpg", caption: "c", foo: "keep", $bar: "keep too" } },
      { start_date: { year: 2001 }, media: { caption: "c", $foo: 1 }, background: { alt: "a", $bar: 2 } },
    ] });
    const [first] = listEntries(doc);
    updateEntry(doc, first.id, { media: { ...first.media!, alt: "Added alt text" } });
    const [a, b] = timelineToTimelineJs(doc).events;
    expect(a.media).toEqual({ url: "https://x.org/a.jpg", caption: "c", alt: "Added alt text", foo: "keep", $bar: "keep too" });
    expect(b.media).toEqual({ caption: "c", $foo: 1 });
    expect(b.background).toEqual({ alt: "a", $bar: 2 });
  });

  it("a title slide's new media has none of the old one's caption", () => {
    const { doc } = fromJson({ title: { text: { headline: "T" }, media: { caption: "Old caption", credit: "Old credit" } }, events: [{ start_date: { year: 2000 } }] });
    setMeta(doc, { media: { url: "https://x.org/new.jpg", alt: "New" } });
    expect(timelineToTimelineJs(doc).title?.media).toEqual({ url: "https://x.org/new.jpg", alt: "New" });
  });

  it("a JSON file's own $sheet key goes back to JSON, never into the sheet's columns", () => {
    const { doc } = fromJson({ events: [{ start_date: { year: 2000 }, $sheet: { Injected: "=1", Other: "x" } }] });
    expect(timelineToTimelineJs(doc).events[0].$sheet).toEqual({ Injected: "=1", Other: "x" });
    const header = writeSheet(timelineToTimelineJs(doc, { sheet: true })).split("\r\n")[0];
    expect(header.endsWith(",Background")).toBe(true);
  });
});
