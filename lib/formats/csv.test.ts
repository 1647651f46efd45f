// Issue 14, the TimelineJS sheet: read as TimelineJS 3.9.11 reads it (checked against TimelineJS's own
// reader, run here), written back with the 19-column header, formula cells neutralised.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";
import { SHEET_HEADER, readSheet, writeSheet } from "./csv";
import type { TJson, TTlTimeline } from "./timelinejs-types";

// TimelineJS's CSV reader imports its DOM helpers and DOMPurify at load; neither is used while reading.
vi.mock("@knight-lab/timelinejs/src/js/net/Net.js", () => ({ ajax: () => undefined }));
vi.mock("dompurify", () => ({ default: { addHook: () => undefined, sanitize: (s: string) => s } }));

const SAMPLES = new URL("../../../shared/timelinejs-samples/", import.meta.url);
const FIXTURES = new URL("./fixtures/sheets/", import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, SAMPLES), "utf8");
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");

type TTlReads = { title?: TJson; events: TJson[]; eras: TJson[]; errors: unknown[]; warnings: string[] };

/** The configuration TimelineJS 3.9.11 itself builds from a sheet (its `readCSVFromURL`, fed `text`). */
async function timelineJsReads(text: string): Promise<TTlReads> {
  vi.stubGlobal("window", { fetch: async () => ({ status: 200, text: async () => text }) });
  try {
    // @ts-expect-error TimelineJS ships its sources without type declarations.
    const factory: { readCSVFromURL(url: string): Promise<TTlReads> } = await import("@knight-lab/timelinejs/src/js/core/ConfigFactory.js");
    return await factory.readCSVFromURL("sheet.csv");
  } finally {
    vi.unstubAllGlobals();
  }
}

// TimelineJS's reader fills every field with "" and keeps date parts as strings; the TimelineJS
// configuration then reads "" as absent and "08" as 8. Ours leaves absent parts out and writes numbers.
const DATE_KEYS = new Set(["start_date", "end_date"]);
function normalised(value: TJson | undefined, key = ""): TJson | undefined {
  if (value === "" || value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((v) => normalised(v) ?? null);
  if (typeof value !== "object") return value;
  const out: Record<string, TJson> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "$sheet") continue;
    const n = DATE_KEYS.has(key) && typeof v === "string" && v !== "" ? Number(v) : normalised(v, k);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function ours(timeline: TTlTimeline) {
  return {
    title: normalised(timeline.title as TJson | undefined),
    events: timeline.events.map((e) => normalised(e as TJson)),
    eras: (timeline.eras ?? []).map((e) => normalised(e as TJson)),
  };
}

// TimelineJS keeps, at this stage, events it drops later for want of a start date.
async function theirs(text: string) {
  const tl = await timelineJsReads(text);
  const dated = (e: TJson) => typeof e === "object" && e !== null && !Array.isArray(e) && e.start_date !== undefined;
  return {
    title: normalised(tl.title),
    events: tl.events.filter(dated).map((e) => normalised(e)),
    eras: tl.eras.map((e) => normalised(e)),
    errors: tl.errors.map(String),
    warnings: tl.warnings,
  };
}

const cellsOf = (csv: string): string[][] => parse(csv, { relax_column_count: true });

describe("SHEET_HEADER", () => {
  it("is the current Google template's 19 columns", () => {
    expect(SHEET_HEADER.join(",")).toBe(
      "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background",
    );
  });
});

describe("readSheet on the samples", () => {
  it("women-in-computing.csv (real Google export, 18 columns): the title and 10 events, as TimelineJS reads them", async () => {
    const text = sample("women-in-computing.csv");
    const { timeline, rows, problems } = readSheet(text);
    expect(problems).toEqual([]);
    expect(timeline.events).toHaveLength(10);
    expect(rows).toEqual({ title: 2, events: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], eras: [] });
    expect(timeline.title?.text?.text).toMatch(/^<p class="lead">In this sample timeline/);
    expect(timeline.title?.background).toEqual({ url: expect.stringMatching(/^https:\/\/upload\.wikimedia\.org\/.*ENIAC.*\.gif$/) });
    const [ada, clarke, eniac] = timeline.events;
    expect(ada.start_date).toEqual({ year: 1815, month: 12, day: 10 });
    expect(ada.end_date).toEqual({ year: 1852, month: 11, day: 27 });
    expect(ada.media?.credit).toBe("Wikimedia Commons");
    expect(clarke.media?.url).toMatch(/^<blockquote>There is no demand/);
    expect(eniac.start_date).toEqual({ year: 1943, month: 7 });
    expect(eniac.end_date).toEqual({ year: 1946 });
    // A bare LF inside a quoted cell stays in the cell; the unclosed <p> is kept as written.
    expect(eniac.text?.text).toContain("ENIAC Women.\n.</span>");
    expect(timeline.events[3].text?.text).toContain("\n<p><span class=\"tl-note\">");
    expect(timeline.events.map((e) => e.text?.headline)).toContain("Rózsa Péter writes recursion");
    expect(await theirs(text)).toEqual({ ...ours(timeline), errors: [], warnings: [] });
  });

  it("eras-sheet.csv: 20 events, 3 eras, times, display dates, groups and colour backgrounds, as TimelineJS reads them", async () => {
    const text = sample("eras-sheet.csv");
    const { timeline, rows, problems } = readSheet(text);
    expect(problems).toEqual([]);
    expect(timeline.events).toHaveLength(20);
    expect(rows.eras).toEqual([3, 4, 5]);
    expect(timeline.eras?.map((e) => [e.text?.headline, e.start_date, e.end_date])).toEqual([
      ["Era Test 650-700", { year: 650 }, { year: 700 }],
      ["Era Test 600-650", { year: 600 }, { year: 650 }],
      ["Era Test 700-720", { year: 700 }, { year: 720 }],
    ]);
    const hijra = timeline.events.find((e) => e.text?.headline?.startsWith("Muhammad Migrates"));
    expect(hijra?.start_date).toEqual({ year: 622, month: 8, day: 9, hour: 18, minute: 45 });
    expect(hijra?.end_date).toEqual({ year: 622, month: 8, day: 23, hour: 7, minute: 30 });
    expect(hijra?.display_date).toBe("9–23 August 622");
    expect(hijra?.background).toEqual({ color: "#1c2b36" });
    const nineveh = timeline.events.find((e) => e.text?.headline === "Battle of Nineveh");
    expect(nineveh?.start_date).toEqual({ year: 627, month: 12, day: 12, hour: 9, minute: 30 });
    expect(timeline.events.filter((e) => e.group === undefined)).toHaveLength(2);
    expect(timeline.events.map((e) => e.background?.color).filter(Boolean)).toEqual(["#1c2b36", "darkslategray", "#FFF"]);
    expect(await theirs(text)).toEqual({ ...ours(timeline), errors: [], warnings: [] });
  });

  it.each(["women-in-computing.csv", "eras-sheet.csv"])("%s: read → write → read gives the same timeline and rows", (name) => {
    const first = readSheet(sample(name));
    const written = writeSheet(first.timeline);
    expect(written.split("\r\n")[0]).toBe(SHEET_HEADER.join(","));
    const second = readSheet(written);
    expect(second.problems).toEqual([]);
    expect(second.timeline).toEqual(first.timeline);
    expect(second.rows.events).toHaveLength(first.rows.events.length);
  });
});

describe("readSheet on the three generations", () => {
  it("19 columns with Alt Text: deep time, BCE, times, relative backgrounds, unknown columns kept", async () => {
    const text = fixture("nineteen-columns.csv");
    const { timeline, rows, problems } = readSheet(text);
    expect(await theirs(text)).toEqual({ ...ours(timeline), errors: [], warnings: [] });
    expect(rows).toEqual({ title: 2, events: [3, 4, 5, 6], eras: [] });
    const [bang, caesar, apollo, galileo] = timeline.events;
    expect(timeline.title?.media).toEqual({ url: "https://example.org/cosmos.jpg", credit: "NASA", caption: "Deep field", alt: "A field of galaxies" });
    expect(timeline.title?.background).toEqual({ color: "#000" });
    expect(bang.start_date).toEqual({ year: -13_800_000_000 });
    expect(caesar.start_date).toEqual({ year: -44, month: 3, day: 15 });
    expect(caesar.media?.alt).toBe("Painting of the murder of Caesar");
    expect(caesar.background).toEqual({ url: "//example.org/bg.jpg" });
    expect(apollo.start_date).toEqual({ year: 1969, month: 7, day: 20, hour: 20, minute: 17, second: 40 });
    expect(apollo.end_date).toEqual({ year: 1969, month: 7, day: 21, hour: 2, minute: 56 });
    expect(apollo.background).toEqual({ url: "/images/moon.jpg" });
    expect(galileo.background).toEqual({ color: "papayawhip" });
    expect(timeline.title?.$sheet).toEqual({ Notes: "title note" });
    expect(bang.$sheet).toEqual({ Location: "Everywhere" });
    expect(caesar.$sheet).toEqual({ Notes: "check date" });
    expect(apollo.$sheet).toEqual({ Location: "Sea of Tranquility" });
    expect(galileo.$sheet).toBeUndefined();
    expect(problems).toEqual([
      { at: "column T", field: "Notes", kind: "kept", message: expect.stringContaining('Column "Notes" is not one TimelineJS reads') },
      { at: "column U", field: "Location", kind: "kept", message: expect.stringContaining('Column "Location" is not one TimelineJS reads') },
    ]);
  });

  it("18 columns (no Alt Text): no alt, everything else read", () => {
    const { timeline } = readSheet(sample("women-in-computing.csv"));
    expect(timeline.events.every((e) => e.media?.alt === undefined)).toBe(true);
    expect(timeline.title?.media).toBeUndefined();
  });

  it("version 1 (Start Date, End Date, Tag): dates by TimelineJS's parseDate, Tag as group", async () => {
    const text = fixture("version-1.csv");
    const { timeline, rows, problems } = readSheet(text);
    expect(timeline.title?.text).toEqual({ headline: "Version one", text: "An old TimelineJS sheet" });
    expect(timeline.events.map((e) => [e.text?.headline, e.start_date, e.end_date, e.group])).toEqual([
      ["A year", { year: 1990 }, undefined, "Politics"],
      ["An ISO date", { year: 2011, month: 3, day: 15 }, { year: 2011, month: 3, day: 18 }, "Politics"],
      ["US style", { year: 2011, month: 3, day: 15 }, undefined, "Economy"],
      ["Month and year", { year: 2011, month: 3 }, undefined, undefined],
      ["With a time", { year: 2011, month: 3, day: 15, hour: 14, minute: 30, second: 15 }, undefined, undefined],
      ["ISO date and time", { year: 2011, month: 3, day: 15, hour: 14, minute: 30 }, undefined, undefined],
    ]);
    expect(timeline.eras).toEqual([{ start_date: { year: 1980 }, end_date: { year: 1985 }, text: { headline: "An era" } }]);
    expect(rows).toEqual({ title: 2, events: [3, 4, 5, 6, 7, 8], eras: [11] });
    expect(problems).toEqual([
      { at: "row 8", row: 8, field: "Start Date", kind: "changed", message: expect.stringContaining("TimelineJS 3.9.11 cannot read a date with a time in ISO form") },
      { at: "row 9", row: 9, kind: "skipped", message: expect.stringContaining('Start Date "March 1990" is not a date TimelineJS reads (no year)') },
      { at: "row 10", row: 10, kind: "skipped", message: expect.stringContaining("an event needs a Start Date") },
    ]);

    // TimelineJS agrees on every row but the ISO date-time (its own reader fails there) and "March 1990"
    // (which it would place at year 0).
    const tl = await theirs(text);
    expect(tl.errors).toEqual(["cls is not defined[ISO date and time]"]);
    const expected = ours(timeline);
    expect(tl.title).toEqual(expected.title);
    expect(tl.eras).toEqual(expected.eras);
    expect(tl.events.filter((e) => JSON.stringify(e).includes('"Words"') === false)).toEqual(
      expected.events.filter((e) => !JSON.stringify(e).includes("ISO date and time")),
    );
  });

  it("version 1 written back as 19 columns reads the same", () => {
    const first = readSheet(fixture("version-1.csv"));
    const second = readSheet(writeSheet(first.timeline));
    expect(second.timeline).toEqual(first.timeline);
    expect(second.problems).toEqual([]);
  });
});

const H = SHEET_HEADER.join(",");
const row = (cells: Partial<Record<(typeof SHEET_HEADER)[number], string>>) => SHEET_HEADER.map((c) => cells[c] ?? "").join(",");

describe("readSheet: rows TimelineJS refuses, and what it reads differently", () => {
  it("leaves out each row TimelineJS would refuse, with its row number and why; keeps the rest", async () => {
    const text = [
      H,
      row({ Year: "2001", Headline: "Good" }),
      row({ Year: "abc", Headline: "Word year" }),
      row({ Year: "2001", Time: "25:00", Headline: "Bad hour" }),
      row({ Time: "10:00", Headline: "Time without a date" }),
      row({ Headline: "No year" }),
      row({ Year: "2001", "End Time": "10:00", Headline: "End time without end year" }),
      row({ Year: "2001", Month: "March", Headline: "Word month" }),
      row({ Year: "1990.5", Headline: "Fraction" }),
      row({ Year: '","', Headline: "Only a comma" }),
      row({ Year: "1900", Type: "era", Headline: "Era without an end" }),
      row({ Year: '"1,999"', Month: " 08 ", Day: "1", Time: "9:05:03.5 pm", Headline: "Good too" }),
    ].join("\r\n");
    const { timeline, rows, problems } = readSheet(text);
    expect(timeline.events.map((e) => e.text?.headline)).toEqual(["Good", "Good too"]);
    expect(timeline.events[1].start_date).toEqual({ year: 1999, month: 8, day: 1, hour: 21, minute: 5, second: 3, millisecond: 500 });
    expect(rows.events).toEqual([2, 12]);
    expect(problems.map((p) => [p.at, p.row, p.kind])).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11].map((r) => [`row ${r}`, r, "skipped"]));
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('Year "abc" is not a whole number'),
      expect.stringContaining('Time "25:00" is not a time TimelineJS reads (hour "25")'),
      expect.stringContaining('Time "10:00" without a Year'),
      expect.stringContaining("an event needs a Year"),
      expect.stringContaining('End Time "10:00" without an End Year'),
      expect.stringContaining('Month "March" is not a whole number'),
      expect.stringContaining('Year "1990.5" is not a whole number'),
      expect.stringContaining('Year "," has no digits'),
      expect.stringContaining("an era needs a start and an end date"),
    ]);
    // TimelineJS logs an error for six of them (and then shows no timeline at all); it drops "No year"
    // silently, refuses the era later, and would place Year "," at year 0.
    const tl = await theirs(text);
    expect(tl.errors).toHaveLength(6);
    expect(tl.events.map((e) => (e as { text: { headline: string } }).text.headline)).toEqual(["Good", "Only a comma", "Good too"]);
  });
});

describe("readSheet: read differently, said so", () => {
  it("a second title row is an event, as TimelineJS makes it, with a `changed` problem", async () => {
    const text = [H, row({ Headline: "First", Type: "title" }), row({ Year: "2000", Headline: "Second", Type: "title" }), row({ Year: "2001", Headline: "Capital T", Type: "Title" })].join("\n");
    const { timeline, rows, problems } = readSheet(text);
    expect(timeline.title?.text).toEqual({ headline: "First" });
    expect(timeline.events.map((e) => e.text?.headline)).toEqual(["Second", "Capital T"]);
    expect(rows).toEqual({ title: 2, events: [3, 4], eras: [] });
    expect(problems).toEqual([
      { at: "row 3", row: 3, field: "Type", kind: "changed", message: expect.stringContaining("A second title row: TimelineJS shows it as an event") },
      { at: "row 4", row: 4, field: "Type", kind: "changed", message: expect.stringContaining('Type "Title" is neither "title" nor "era"') },
    ]);
    const tl = await theirs(text);
    expect(tl.warnings).toEqual(["Multiple title slides detected."]);
    expect(tl.events).toEqual(ours(timeline).events);
  });

  it("Month, Day or End Month without their year: ignored as TimelineJS does, and said", () => {
    const { timeline, problems } = readSheet([H, row({ Year: "2000", "End Month": "5", Headline: "x" }), row({ Month: "3", Headline: "y" })].join("\n"));
    expect(timeline.events).toEqual([{ start_date: { year: 2000 }, text: { headline: "x" } }]);
    expect(problems).toEqual([
      { at: "row 2", row: 2, field: "End Month", kind: "changed", message: 'End Month "5" without an End Year: ignored, as TimelineJS does.' },
      { at: "row 3", row: 3, kind: "skipped", message: expect.stringContaining("an event needs a Year") },
    ]);
  });

  it("unknown columns: kept per slide in column order, one problem per column; empty or headerless ones said", () => {
    const text = [
      "Headline,Year,Notes,,Group,Tag,Empty,Headline",
      "ignored,1990,a note,no header,G,T,,A",
      "ignored,1991,,,,only tag,,B,past the header",
    ].join("\r\n");
    const { timeline, problems } = readSheet(text);
    expect(timeline.events).toEqual([
      { start_date: { year: 1990 }, text: { headline: "A" }, group: "G", $sheet: { Notes: "a note", untitled3: "no header", Tag: "T" } },
      { start_date: { year: 1991 }, text: { headline: "B" }, group: "only tag", $sheet: { untitled8: "past the header" } },
    ]);
    expect(problems.map((p) => [p.at, p.field, p.kind])).toEqual([
      ["column H", "Headline", "changed"],
      ["column C", "Notes", "kept"],
      ["column D", "untitled3", "kept"],
      ["column G", "Empty", "changed"],
      ["column I", "untitled8", "kept"],
      ["column F", "Tag", "kept"],
    ]);
    expect(problems[0].message).toContain("appears 2 times (columns A, H): TimelineJS reads only the last one, H");
    expect(problems[2].message).toContain('Column D (no header, named "untitled3")');
    expect(problems[5].message).toContain("(2)");

    const written = writeSheet(timeline);
    expect(cellsOf(written)[0]).toEqual([...SHEET_HEADER, "Notes", "untitled3", "Tag", "untitled8"]);
    const again = readSheet(written);
    expect(again.timeline).toEqual(timeline);
  });

  it("empty rows are ignored but counted; BOM, LF, CR, no final newline and RFC 4180 quoting are read", () => {
    const lines = [H, row({ Year: "1", Headline: '"a, ""quoted"" one"' }), ",,,,", "", row({ Year: "2", Text: '"two\r\nlines"' })];
    for (const eol of ["\r\n", "\n", "\r"]) {
      const { timeline, rows, problems } = readSheet(`\uFEFF${lines.join(eol)}`);
      expect(problems).toEqual([]);
      expect(rows.events).toEqual([2, 5]);
      expect(timeline.events).toEqual([
        { start_date: { year: 1 }, text: { headline: 'a, "quoted" one' } },
        // TimelineJS turns every line break into LF before reading.
        { start_date: { year: 2 }, text: { text: "two\nlines" } },
      ]);
    }
  });

  it("a file that is not a sheet throws, naming what is missing", () => {
    expect(() => readSheet("")).toThrow(/The file is empty/);
    expect(() => readSheet("name,date\nx,1990")).toThrow('Not a TimelineJS sheet: its header row (name, date) has no "Year" column (or "Start Date", for a version-1 sheet) and no "Headline" column.');
    expect(() => readSheet("year,headline\n1990,x")).toThrow(/no "Year".*Column names are case-sensitive/);
    expect(() => readSheet("End Date,Headline\n1990,x")).toThrow(/no "Start Date" column \(it has "End Date".*version-1 sheet\)\.$/);
    expect(() => readSheet('Year,Headline\n1990,"x')).toThrow(/The file is not a readable CSV/);
  });
});

describe("writeSheet", () => {
  const timeline: TTlTimeline = {
    title: { text: { headline: "T", text: "<p>Intro</p>" }, media: { url: "https://e.org/t.jpg", alt: "Alt" }, background: { url: "https://e.org/bg.jpg", color: "#fff" } },
    eras: [{ start_date: { year: 1900 }, end_date: { year: "1950" }, text: { headline: "Early" } }],
    events: [
      { start_date: { year: 1969, month: "07", day: 20, hour: 20 }, end_date: { year: 1969, month: 7, day: 20, hour: 22, minute: 5 }, text: { headline: "Hours" } },
      { start_date: { year: -44, hour: 9, minute: 0, second: 30, millisecond: 500 }, text: { headline: "Seconds" }, group: "G", background: { color: "papayawhip" } },
      { start_date: { year: 2000, display_date: "about 2000" }, text: { headline: "Shown date on the start" }, $sheet: { Year: "shadow", "Start Date": "v1", Notes: "n" } },
    ],
  };

  it("writes the header, the title row, the era rows and the events, CRLF", () => {
    const csv = writeSheet(timeline);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "").includes("\n")).toBe(false);
    const cells = cellsOf(csv);
    const col = (name: string) => SHEET_HEADER.indexOf(name as (typeof SHEET_HEADER)[number]);
    expect(cells[0]).toEqual([...SHEET_HEADER, "Notes"]);
    expect(cells.slice(1).map((r) => [r[col("Type")], r[col("Headline")]])).toEqual([
      ["title", "T"],
      ["era", "Early"],
      ["", "Hours"],
      ["", "Seconds"],
      ["", "Shown date on the start"],
    ]);
    expect(cells[1][col("Background")]).toBe("https://e.org/bg.jpg");
    expect(cells[1][col("Alt Text")]).toBe("Alt");
    expect(cells[3].slice(0, 8)).toEqual(["1969", "07", "20", "20", "1969", "7", "20", "22:05"]);
    expect(cells[4].slice(0, 4)).toEqual(["-44", "", "", "09:00:30.5"]);
    expect(cells[5][col("Display Date")]).toBe("about 2000");
    expect(cells[5].at(-1)).toBe("n");
  });

  it("quotes a cell with a bare LF or CR (RFC 4180), so it stays one cell", () => {
    const csv = writeSheet({ events: [{ start_date: { year: 1 }, text: { headline: "one\ntwo", text: "three\rfour" } }] });
    expect(csv.split("\r\n")[1]).toBe('1,,,,,,,,,"one\ntwo","three\rfour",,,,,,,,');
    expect(readSheet(csv).timeline.events[0].text).toEqual({ headline: "one\ntwo", text: "three\nfour" });
  });

  it("what it writes reads back as TimelineJS reads it: numbers, times, one background", async () => {
    const csv = writeSheet(timeline);
    const { timeline: back, problems } = readSheet(csv);
    expect(problems).toEqual([{ at: "column T", field: "Notes", kind: "kept", message: expect.any(String) }]);
    expect(back.title?.background).toEqual({ url: "https://e.org/bg.jpg" });
    expect(back.eras).toEqual([{ start_date: { year: 1900 }, end_date: { year: 1950 }, text: { headline: "Early" } }]);
    expect(back.events.map((e) => [e.start_date, e.end_date])).toEqual([
      [{ year: 1969, month: 7, day: 20, hour: 20 }, { year: 1969, month: 7, day: 20, hour: 22, minute: 5 }],
      [{ year: -44, hour: 9, minute: 0, second: 30, millisecond: 500 }, undefined],
      [{ year: 2000 }, undefined],
    ]);
    expect(back.events[2].$sheet).toEqual({ Notes: "n" });
    expect(await theirs(csv)).toEqual({ ...ours(back), errors: [], warnings: [] });
  });

  it("neutralises cells a spreadsheet would run as formulas, and reads them back exactly", async () => {
    const hostile = ["=HYPERLINK(\"https://evil.example\",\"click\")", "+1 555 0100", "-2+3", "@SUM(A1)", "\tTabbed", "\rCarriage", "'=already quoted"];
    const t: TTlTimeline = {
      events: hostile.map((h, i) => ({ start_date: { year: -44 - i }, text: { headline: h, text: `${h} (text)` }, media: { url: h, credit: h }, $sheet: { "=Notes": h } })),
    };
    const csv = writeSheet(t);
    const cells = cellsOf(csv);
    expect(cells[0].at(-1)).toBe("'=Notes");
    for (const [i, line] of cells.slice(1).entries()) {
      expect(line[0]).toBe(String(-44 - i));
      for (const cell of line.filter((c) => c !== "" && c !== String(-44 - i))) expect(cell).toMatch(/^'/);
    }
    const back = readSheet(csv);
    expect(back.timeline.events.map((e) => [e.text?.headline, e.media?.credit, e.$sheet?.["=Notes"]])).toEqual(hostile.map((h) => [h, h, h]));
    expect(back.timeline.events.map((e) => e.start_date?.year)).toEqual(hostile.map((_, i) => -44 - i));
    // TimelineJS reads the plain-number years as they are.
    expect((await theirs(csv)).errors).toEqual([]);
  });

  it("eras.json (strings such as \"08\" in dates) written as a sheet reads back with the same dates as numbers", () => {
    const json = JSON.parse(readFileSync(new URL("eras.json", SAMPLES), "utf8")) as TTlTimeline;
    const back = readSheet(writeSheet(json)).timeline;
    const num = (d: Record<string, unknown> | undefined) => (d ? Object.fromEntries(Object.entries(d).filter(([, v]) => v !== "").map(([k, v]) => [k, Number(v)])) : undefined);
    expect(back.events.map((e) => [e.text?.headline, e.start_date, e.end_date])).toEqual(
      json.events.map((e) => [e.text?.headline, num(e.start_date), num(e.end_date)]),
    );
    expect(back.eras?.map((e) => e.text?.headline)).toEqual(json.eras?.map((e) => e.text?.headline));
    expect(back.events.map((e) => e.background?.url)).toEqual(json.events.map((e) => e.background?.url));
  });
});
