// The TimelineJS spreadsheet as CSV <-> the TimelineJS configuration (`TTlTimeline`). Reading follows
// TimelineJS 3.9.11 (src/js/core/ConfigFactory.js `extractEventFromCSVObject` and `handleRow`,
// src/js/date/DateUtil.js `parseTime` and `validDateConfig`, src/js/date/TLDate.js `parseDate`), so a
// sheet means here what it means on a TimelineJS page. Where TimelineJS stops on a row (and then draws
// nothing at all: one logged error makes the whole configuration invalid) we leave the row out and say why.
//
// The browser builds of csv-parse / csv-stringify: the default builds use Node's global `Buffer`, and
// lib/ also runs in the dashboard (the import preview).
import { parse } from "csv-parse/browser/esm/sync";
import { stringify } from "csv-stringify/browser/esm/sync";
import type { TImportProblem, TTlDate, TTlEra, TTlSlide, TTlTimeline } from "./timelinejs-types";

/** The current Google template's header, in its order (PRODUCT.md, "Spreadsheet CSV"). */
export const SHEET_HEADER = [
  "Year",
  "Month",
  "Day",
  "Time",
  "End Year",
  "End Month",
  "End Day",
  "End Time",
  "Display Date",
  "Headline",
  "Text",
  "Media",
  "Media Credit",
  "Media Caption",
  "Media Thumbnail",
  "Alt Text",
  "Type",
  "Group",
  "Background",
] as const;

export type TSheetRead = {
  timeline: TTlTimeline;
  /** Sheet row numbers (the header is row 1) of the title, of `timeline.eras[i]` and of `timeline.events[i]`. */
  rows: { title?: number; events: number[]; eras: number[] };
  problems: TImportProblem[];
};

// The template's first eight columns are its dates; version-1 sheets have Start Date / End Date instead.
const V3_DATE_COLUMNS: readonly string[] = SHEET_HEADER.slice(0, 8);
const V1_DATE_COLUMNS = ["Start Date", "End Date"];
// Read in both generations. `Tag` is the version-1 name of Group; TimelineJS reads it when Group is empty.
const COMMON_COLUMNS: readonly string[] = [...SHEET_HEADER.slice(8), "Tag"];

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection). Apostrophes before
// one are counted so that a value which itself starts with `'=` survives a write and a read.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;
// Exempt: a spreadsheet reads these as numbers, not formulas, and TimelineJS must read Year -44 as -44.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

// TimelineJS: a Background starting like a URL (http, https, protocol- or site-relative) is an image.
const BACKGROUND_URL = /^(https?:)?\/\/?/;

class RowError extends Error {}

type TCells = { get(name: string): string };

/**
 * Reads a TimelineJS sheet (19 columns, the 18 without Alt Text, or version 1 with Start Date / End Date /
 * Tag). Throws an `Error` naming what is missing when the file is not such a sheet.
 */
export function readSheet(text: string): TSheetRead {
  const records = parseCsv(text);
  if (records.length === 0) throw new Error("The file is empty: a TimelineJS sheet starts with a header row (Year, Month, Day, …, Headline, …).");

  const header = records[0].map(readCell);
  const width = records.reduce((max, r) => Math.max(max, r.length), 0);
  // TimelineJS names a column without a header `untitled<index>`; cells past the header get the same.
  const names = Array.from({ length: width }, (_, i) => header[i] || `untitled${i}`);
  // No object built from the rows (Yjs's included) keeps a key named __proto__: it could not be written back.
  if (names.includes("__proto__")) throw new Error('The header has a column named "__proto__", which cannot be kept: rename it.');
  const lastIndex = new Map<string, number>();
  names.forEach((name, i) => lastIndex.set(name, i));

  const v1 = lastIndex.has("Start Date") || lastIndex.has("End Date");
  checkIsSheet(names.slice(0, header.length), lastIndex, v1);

  const problems: TImportProblem[] = [];
  reportDuplicates(names, lastIndex, problems);

  const read = new Set([...(v1 ? V1_DATE_COLUMNS : V3_DATE_COLUMNS), ...COMMON_COLUMNS]);
  // Columns TimelineJS does not read: their cells travel in each slide's `$sheet`. A template column the
  // reader ignores (Year in a version-1 sheet) cannot: the writer always writes that column itself.
  const kept: { name: string; index: number; used: boolean }[] = [];
  for (const [name, index] of lastIndex) {
    if (read.has(name)) continue;
    if ((SHEET_HEADER as readonly string[]).includes(name)) {
      problems.push({
        at: `column ${columnLetter(index)}`,
        field: name,
        kind: "changed",
        message: `Column "${name}" is ignored: the sheet has Start Date / End Date columns, so it is a version-1 sheet and TimelineJS takes its dates from those.`,
      });
    } else {
      kept.push({ name, index, used: false });
    }
  }
  kept.sort((a, b) => a.index - b.index);

  const timeline: TTlTimeline = { events: [], eras: [] };
  const eras: TTlEra[] = [];
  const rows: TSheetRead["rows"] = { events: [], eras: [] };
  const tagKeptOn: number[] = [];
  const headed = [...new Set(names.slice(0, header.length))];

  records.slice(1).forEach((record, r) => {
    const row = r + 2;
    const cells: TCells = {
      get: (name) => {
        const i = lastIndex.get(name);
        return i === undefined || i >= header.length ? "" : readCell(record[i] ?? "");
      },
    };
    const visible = headed.some((name) => cells.get(name) !== "");
    if (!visible) {
      const beyond = record.slice(header.length).some((c) => readCell(c) !== "");
      if (beyond) {
        problems.push({
          at: `row ${row}`,
          row,
          kind: "skipped",
          message: `Row ${row} has cells only in columns without a header, which TimelineJS does not read.`,
        });
      }
      return;
    }

    const notes: TImportProblem[] = [];
    const note = (message: string, field?: string) => notes.push({ at: `row ${row}`, row, kind: "changed", message, ...(field ? { field } : {}) });
    const type = cells.get("Type");
    let slide: TTlSlide;
    try {
      slide = readSlide(cells, v1, type === "title" && rows.title === undefined, note);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      problems.push({ at: `row ${row}`, row, kind: "skipped", message: `Row ${row} is left out, as TimelineJS would refuse it: ${e.message}` });
      return;
    }

    const extra: Record<string, string> = {};
    for (const column of kept) {
      const value = column.index < record.length ? readCell(record[column.index]) : "";
      if (value === "") continue;
      extra[column.name] = value;
      column.used = true;
    }
    // A Tag next to a Group is ignored by TimelineJS; keep it like an unknown column.
    const tag = cells.get("Tag");
    if (tag !== "" && cells.get("Group") !== "") {
      extra.Tag = tag;
      tagKeptOn.push(row);
    }
    if (Object.keys(extra).length > 0) slide.$sheet = extra;

    const skip = (message: string) => problems.push({ at: `row ${row}`, row, kind: "skipped", message: `Row ${row} is left out: ${message}` });
    if (type === "title" && rows.title === undefined) {
      timeline.title = slide;
      rows.title = row;
    } else if (type === "era") {
      if (!slide.start_date || !slide.end_date) {
        skip(`an era needs a start and an end date (${v1 ? "Start Date and End Date" : "Year and End Year"}); TimelineJS shows no timeline with an era missing either.`);
        return;
      }
      eras.push(slide);
      rows.eras.push(row);
    } else {
      const second = type === "title";
      if (!slide.start_date) {
        skip(
          `${second ? "a second title row is read as an event, and " : ""}an event needs a ${v1 ? "Start Date" : "Year"}; TimelineJS leaves out a slide without one.`,
        );
        return;
      }
      if (second) note(`A second title row: TimelineJS shows it as an event (the title is row ${rows.title}).`, "Type");
      else if (type !== "") note(`Type "${type}" is neither "title" nor "era": read as an event, as TimelineJS does.`, "Type");
      timeline.events.push(slide);
      rows.events.push(row);
    }
    problems.push(...notes);
  });
  timeline.eras = eras;

  for (const column of kept) {
    const at = `column ${columnLetter(column.index)}`;
    const headerless = column.index >= header.length || header[column.index] === "";
    const label = headerless ? `Column ${columnLetter(column.index)} (no header, named "${column.name}")` : `Column "${column.name}"`;
    problems.push(
      column.used
        ? { at, field: column.name, kind: "kept", message: `${label} is not one TimelineJS reads: its cells are kept with each row and written back on export.` }
        : { at, field: column.name, kind: "changed", message: `${label} is not one TimelineJS reads and is empty on every imported row: not kept.` },
    );
  }
  if (tagKeptOn.length > 0) {
    problems.push({
      at: `column ${columnLetter(lastIndex.get("Tag") ?? 0)}`,
      field: "Tag",
      kind: "kept",
      message: `Tag on rows that also have a Group (${tagKeptOn.join(", ")}): TimelineJS ignores it there; kept and written back on export.`,
    });
  }
  return { timeline, rows, problems };
}

/** Writes the 19-column sheet: title row, era rows, event rows, then any `$sheet` columns; CRLF, RFC 4180. */
export function writeSheet(timeline: TTlTimeline): string {
  const slides: { slide: TTlSlide | TTlEra; type: string }[] = [
    ...(timeline.title ? [{ slide: timeline.title, type: "title" }] : []),
    ...(timeline.eras ?? []).map((era) => ({ slide: era, type: "era" })),
    ...timeline.events.map((event) => ({ slide: event, type: "" })),
  ];
  // A `$sheet` name the template already has (or Start Date / End Date, which would make the file a
  // version-1 sheet) would shadow our own column when read back: TimelineJS reads the last of a name.
  const reserved = new Set<string>([...SHEET_HEADER, ...V1_DATE_COLUMNS]);
  const extraNames: string[] = [];
  for (const { slide } of slides) {
    for (const [name, value] of Object.entries(sheetCells(slide))) {
      if (value !== "" && name.trim() === name && name !== "" && !reserved.has(name) && !extraNames.includes(name)) extraNames.push(name);
    }
  }
  const lines = [
    [...SHEET_HEADER, ...extraNames],
    ...slides.map(({ slide, type }) => {
      const extra = sheetCells(slide);
      return [...slideRow(slide, type), ...extraNames.map((name) => extra[name] ?? "")];
    }),
  ];
  return stringify(
    lines.map((line) => line.map(neutralise)),
    // With a record delimiter given, csv-stringify no longer quotes a lone LF or CR unless told to.
    { record_delimiter: "\r\n", quote_record_delimiter: true },
  );
}

function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      // TimelineJS turns CRLF and CR into LF before splitting, so any of them ends a row.
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      // TimelineJS's own splitter takes a quote in the middle of a cell as text.
      relax_quotes: true,
    });
  } catch (e) {
    throw new Error(`The file is not a readable CSV: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function checkIsSheet(headerNames: string[], lastIndex: Map<string, number>, v1: boolean): void {
  const missing: { name: string; phrase: string }[] = [];
  if (v1 && !lastIndex.has("Start Date")) {
    missing.push({ name: "Start Date", phrase: `"Start Date" column (it has "End Date", so TimelineJS reads it as a version-1 sheet)` });
  }
  if (!v1 && !lastIndex.has("Year")) missing.push({ name: "Year", phrase: `"Year" column (or "Start Date", for a version-1 sheet)` });
  if (!lastIndex.has("Headline")) missing.push({ name: "Headline", phrase: `"Headline" column` });
  if (missing.length === 0) return;
  const otherCase = missing.some(({ name }) => headerNames.some((n) => n !== name && n.toLowerCase() === name.toLowerCase()));
  const caseHint = otherCase ? " Column names are case-sensitive, as in TimelineJS." : "";
  const shown = headerNames.slice(0, 8).join(", ") + (headerNames.length > 8 ? ", …" : "");
  throw new Error(`Not a TimelineJS sheet: its header row (${shown || "empty"}) has no ${missing.map((m) => m.phrase).join(" and no ")}.${caseHint}`);
}

function reportDuplicates(names: string[], lastIndex: Map<string, number>, problems: TImportProblem[]): void {
  for (const [name, last] of lastIndex) {
    const all = names.flatMap((n, i) => (n === name ? [i] : []));
    if (all.length < 2) continue;
    problems.push({
      at: `column ${columnLetter(last)}`,
      field: name,
      kind: "changed",
      message: `Column "${name}" appears ${all.length} times (columns ${all.map(columnLetter).join(", ")}): TimelineJS reads only the last one, ${columnLetter(last)}; the others are not imported.`,
    });
  }
}

/** A cell as TimelineJS sees it (line breaks as LF, trimmed), without the apostrophe our writer added. */
function readCell(raw: string): string {
  const cell = raw.trim();
  if (NEUTRALISED.test(cell)) return cell[1] + normalizeNewlines(cell.slice(2));
  return normalizeNewlines(cell);
}

function normalizeNewlines(s: string): string {
  return s.replace(/\r\n|\r/g, "\n");
}

function neutralise(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

function readSlide(cells: TCells, v1: boolean, isTitle: boolean, note: (message: string, field?: string) => void): TTlSlide {
  const slide: TTlSlide = {};
  const dates = v1 ? readV1Dates(cells, isTitle, note) : readV3Dates(cells, note);
  if (dates.start) slide.start_date = dates.start;
  if (dates.end) slide.end_date = dates.end;
  const get = (name: string) => cells.get(name);
  if (get("Display Date")) slide.display_date = get("Display Date");
  const text = present({ headline: get("Headline"), text: get("Text") });
  if (text) slide.text = text;
  const media = present({
    url: get("Media"),
    credit: get("Media Credit"),
    caption: get("Media Caption"),
    thumbnail: get("Media Thumbnail"),
    alt: get("Alt Text"),
  });
  if (media) slide.media = media;
  const group = get("Group") || get("Tag");
  if (group) slide.group = group;
  const background = get("Background");
  if (background) slide.background = BACKGROUND_URL.test(background) ? { url: background } : { color: background };
  return slide;
}

// Empty cells are absent, as a JSON file would leave them out.
function present(fields: Record<string, string>): Record<string, string> | undefined {
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ""));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

type TTimeParts = { hour: number; minute?: number; second?: number; millisecond?: number };

function readV3Dates(cells: TCells, note: (message: string, field?: string) => void): { start?: TTlDate; end?: TTlDate } {
  // TimelineJS's order of checks: the dates, then Time without a date, then every part a whole number.
  const start = v3DateCells(cells, "", note);
  const end = v3DateCells(cells, "End ", note);
  const time = cells.get("Time");
  const endTime = cells.get("End Time");
  if (time && !start) throw new RowError(`Time "${time}" without a Year.`);
  if (endTime && !end) throw new RowError(`End Time "${endTime}" without an End Year.`);
  const startTime = time ? parseTime(time, "Time") : undefined;
  const finishTime = endTime ? parseTime(endTime, "End Time") : undefined;
  return {
    ...(start ? { start: { ...wholeNumbers(start), ...startTime } } : {}),
    ...(end ? { end: { ...wholeNumbers(end), ...finishTime } } : {}),
  };
}

type TDateCells = { column: string; key: "year" | "month" | "day"; cell: string; value: string }[];

function v3DateCells(cells: TCells, prefix: "" | "End ", note: (message: string, field?: string) => void): TDateCells | undefined {
  const parts = (["Year", "Month", "Day"] as const).map((name) => {
    const column = `${prefix}${name}`;
    const cell = cells.get(column);
    // TimelineJS's clean_integer: "1,815" and "1 815" are 1815.
    return { column, key: name.toLowerCase() as "year" | "month" | "day", cell, value: cell.replace(/[\s,]+/g, "") };
  });
  const [year, ...rest] = parts;
  if (year.cell === "") {
    const ignored = rest.filter((p) => p.cell !== "");
    if (ignored.length > 0) {
      note(
        `${ignored.map((p) => `${p.column} "${p.cell}"`).join(" and ")} without ${prefix ? "an End Year" : "a Year"}: ignored, as TimelineJS does.`,
        ignored[0].column,
      );
    }
    return undefined;
  }
  if (year.value === "") throw new RowError(`${year.column} "${year.cell}" has no digits.`);
  return parts.filter((p) => p.value !== "");
}

function wholeNumbers(parts: TDateCells): TTlDate {
  const date: TTlDate = {};
  for (const p of parts) {
    if (!/^-?\d+$/.test(p.value)) throw new RowError(`${p.column} "${p.cell}" is not a whole number.`);
    date[p.key] = Number(p.value);
  }
  return date;
}

/** TimelineJS's `parseTime`: "14", "14:30", "14:30:15.5", "6:45 PM", "0930", "9.30". */
function parseTime(cell: string, column: string): TTimeParts {
  const bad = (why: string) => new RowError(`${column} "${cell}" is not a time TimelineJS reads (${why}).`);
  let str = cell;
  const period = /(\s*[AaPp]\.?[Mm]\.?\s*)$/.exec(str)?.[0].trim();
  if (period) str = str.substring(0, str.lastIndexOf(period)).trim();
  const compact = /^\s*(\d{1,2})(\d{2})\s*$/.exec(str);
  let parts = compact ? [compact[1], compact[2]] : str.split(":");
  if (!compact && parts.length === 1) parts = str.split(".");
  if (parts.length > 4) throw bad("too many separators");

  let hour = Number.parseInt(parts[0]);
  const afternoon = period?.[0].toLowerCase() === "p";
  if (afternoon && hour !== 12) hour += 12;
  else if (period && !afternoon && hour === 12) hour = 0;
  if (Number.isNaN(hour) || hour < 0 || hour > 23) throw bad(`hour "${parts[0]}"`);
  const time: TTimeParts = { hour };

  if (parts.length > 1) {
    const minute = Number.parseInt(parts[1]);
    if (Number.isNaN(minute)) throw bad(`minute "${parts[1]}"`);
    time.minute = minute;
  }
  if (parts.length > 2) {
    // Seconds may carry a fraction after "." or ","; TimelineJS reads the fraction's digits as tenths.
    const seconds = [...parts[2].split(/[.,]/), ...parts.slice(3)];
    if (seconds.length > 2) throw bad("seconds and fraction");
    const second = Number.parseInt(seconds[0]);
    if (Number.isNaN(second)) throw bad(`second "${seconds[0]}"`);
    time.second = second;
    if (seconds.length === 2) {
      const fraction = Number.parseInt(seconds[1]);
      if (Number.isNaN(fraction)) throw bad(`fraction of a second "${seconds[1]}"`);
      time.millisecond = 100 * fraction;
    }
  }
  return time;
}

function readV1Dates(cells: TCells, isTitle: boolean, note: (message: string, field?: string) => void): { start?: TTlDate; end?: TTlDate } {
  const read = (column: string): TTlDate | undefined => {
    const cell = cells.get(column);
    if (!cell) return undefined;
    try {
      return parseV1Date(cell, column, note);
    } catch (e) {
      // TimelineJS never turns the title's dates into dates, so a bad one does not stop it.
      if (!(e instanceof RowError) || !isTitle) throw e;
      note(`${e.message} The title slide is read without it.`, column);
      return undefined;
    }
  };
  const start = read("Start Date");
  const end = read("End Date");
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

const ISO_SHORT = /^([+-]?\d+?)(-\d{2}?)?(-\d{2}?)?$/;
// TimelineJS's ISO 8601 pattern (from pelagodesign), for what ISO_SHORT does not take.
const ISO_FULL =
  /^([+-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T\s]((([01]\d|2[0-3])((:?)[0-5]\d)?|24:?00)([.,]\d+(?!:))?)?(\17[0-5]\d([.,]\d+)?)?([zZ]|([+-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$/;
// The calendar date-and-time forms of ISO_FULL, parts as written.
const ISO_DATE_TIME = /^([+-]?\d{4})-?(\d{2})-?(\d{2})[T\s](\d{2})(?::?(\d{2}))?(?::?(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

type TDatePartKey = "year" | "month" | "day" | "hour" | "minute" | "second" | "millisecond";

/** TimelineJS's `parseDate` for a version-1 Start Date / End Date, then TLDate's whole-number check. */
function parseV1Date(cell: string, column: string, note: (message: string, field?: string) => void): TTlDate {
  const bad = (why: string) =>
    new RowError(`${column} "${cell}" is not a date TimelineJS reads (${why}); write it as 1990, 1990-03-15, 3/15/1990 or 3/1990.`);
  const parts: Partial<Record<TDatePartKey, string>> = {};
  const short = ISO_SHORT.exec(cell);
  if (short) {
    parts.year = short[1].replace("+", "");
    if (short[2]) parts.month = short[2].slice(1);
    if (short[3]) parts.day = short[3].slice(1);
  } else if (ISO_FULL.test(cell)) {
    // TimelineJS 3.9.11 fails on these (`cls.parseISODate` is undefined there); we read what is written.
    const m = ISO_DATE_TIME.exec(cell);
    if (!m) throw bad("an ISO week or ordinal date");
    const [, year, month, day, hour, minute, second, fraction, zone] = m;
    Object.assign(parts, { year: year.replace("+", ""), month, day, hour, minute, second });
    if (fraction) parts.millisecond = String(Math.round(Number(`0.${fraction}`) * 1000));
    note(
      `${column} "${cell}": TimelineJS 3.9.11 cannot read a date with a time in ISO form and would show nothing; read as written${zone ? ", time zone ignored" : ""}.`,
      column,
    );
  } else if (/^-?\d+$/.test(cell)) {
    parts.year = cell;
  } else {
    let rest = cell;
    const full = /\d+\/\d+\/\d+/.exec(rest)?.[0];
    if (full) {
      rest = rest.replace(full, "").trim();
      [parts.month, parts.day, parts.year] = full.split("/");
    }
    const monthYear = /\d+\/\d+/.exec(rest)?.[0];
    if (monthYear) {
      rest = rest.replace(monthYear, "").trim();
      [parts.month, parts.year] = monthYear.split("/");
    }
    if (rest.includes(":")) {
      const time = rest.split(":");
      parts.hour = time[0];
      parts.minute = time[1];
      if (time[2]) [parts.second, parts.millisecond] = time[2].split(".");
    } else if (rest !== "" && parts.year !== undefined) {
      note(`${column} "${cell}": "${rest}" is ignored, as TimelineJS does.`, column);
    }
  }
  if (parts.year === undefined) throw bad("no year");
  const date: TTlDate = {};
  for (const key of ["year", "month", "day", "hour", "minute", "second", "millisecond"] as const) {
    const value = parts[key]?.trim();
    if (value === undefined || value === "") continue;
    if (!/^-?\d+$/.test(value)) throw bad(`${key} "${value}"`);
    date[key] = Number(value);
  }
  return date;
}

function slideRow(slide: TTlSlide | TTlEra, type: string): string[] {
  const start = slide.start_date;
  const end = slide.end_date;
  const text = slide.text;
  const media = isObject(slide.media) ? slide.media : undefined;
  const background = isObject(slide.background) ? slide.background : undefined;
  const cells: Record<(typeof SHEET_HEADER)[number], string> = {
    Year: datePart(start?.year),
    Month: datePart(start?.month),
    Day: datePart(start?.day),
    Time: timeCell(start),
    "End Year": datePart(end?.year),
    "End Month": datePart(end?.month),
    "End Day": datePart(end?.day),
    "End Time": timeCell(end),
    // The sheet has one Display Date, the slide's; a JSON file may put it on the start date instead.
    "Display Date": str(slide.display_date) || str(start?.display_date),
    Headline: str(text?.headline),
    Text: str(text?.text),
    Media: str(media?.url),
    "Media Credit": str(media?.credit),
    "Media Caption": str(media?.caption),
    "Media Thumbnail": str(media?.thumbnail),
    "Alt Text": str(media?.alt),
    Type: type,
    Group: str(slide.group),
    // One cell: an image wins over a colour, as TimelineJS draws the image over it.
    Background: str(background?.url) || str(background?.color),
  };
  return SHEET_HEADER.map((name) => cells[name]);
}

function sheetCells(slide: TTlSlide | TTlEra): Record<string, string> {
  const sheet = slide.$sheet;
  if (!isObject(sheet)) return {};
  return Object.fromEntries(Object.entries(sheet).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return "";
}

function datePart(v: unknown): string {
  return str(v).trim();
}

function timePart(v: unknown): number | undefined {
  const s = datePart(v);
  return /^-?\d+$/.test(s) ? Number(s) : undefined;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * `HH`, `HH:mm`, `HH:mm:ss` or `HH:mm:ss.f`, which `parseTime` reads back to the same parts. A missing
 * higher part under a present lower one is written as 0 (a sheet cannot leave a gap). Milliseconds travel
 * as tenths, which is all TimelineJS reads; anything finer is rounded.
 */
function timeCell(date: TTlDate | undefined): string {
  if (!date) return "";
  const [hour, minute, second, millisecond] = [date.hour, date.minute, date.second, date.millisecond].map(timePart);
  if (hour === undefined && minute === undefined && second === undefined && millisecond === undefined) return "";
  let out = pad2(hour ?? 0);
  if (minute !== undefined || second !== undefined || millisecond !== undefined) out += `:${pad2(minute ?? 0)}`;
  if (second !== undefined || millisecond !== undefined) out += `:${pad2(second ?? 0)}`;
  if (millisecond !== undefined) out += `.${Math.round(millisecond / 100)}`;
  return out;
}

/** "A", …, "Z", "AA", … as a spreadsheet names column `index` (0-based). */
function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const d = (n - 1) % 26;
    out = String.fromCharCode(65 + d) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
