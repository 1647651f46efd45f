// A timeline doc <-> TimelineJS3 JSON (PRODUCT.md, "TimelineJS formats"). The round trip is lossless:
// what our schema has no place for goes into `extra` on import (unknown keys as they were; the HTML of
// headlines and texts and dates ours cannot hold as originals tied to the field's fingerprint) and is
// written back on export. Years: TimelineJS numbers them historically (no year 0, -44 is 44 BCE), ours
// are astronomical (-0043).
import * as Y from "yjs";
import { bodyFingerprint, headlineFingerprint, textFingerprint } from "../timeline/fingerprint";
import {
  comparePartialDates,
  formatPartialDate,
  MAX_CALENDAR_YEAR,
  entryDateLabel,
  tryParsePartialDate,
  type TPartialDate,
} from "../timeline/dates";
import {
  ORIGINALS_KEY,
  wellFormed,
  type TImportedEntry,
  type TImportedEra,
  type TImportedTimeline,
  type TRichRun,
  type TStoredOriginal,
} from "../timeline/ops";
import { QUALIFIERS, entriesMap, erasArray, listEntries, metaMap, readMeta, type TBackground, type TEntry, type TMedia } from "../timeline/schema";
import { bodyToHtml } from "./body-html";
import { escapeHtml } from "./escape";
import { ImportError } from "./import-error";
import type { TImportProblem, TJson, TTlDate, TTlEra, TTlSlide, TTlTimeline } from "./timelinejs-types";
import { htmlText, htmlToBody, htmlToRuns, normalizeHtml, runsToHtml, sanitizeTlHtml } from "./tl-html";

// ---------------------------------------------------------------------------------------------------------
// Shared

const DATE_PARTS = ["year", "month", "day", "hour", "minute", "second", "millisecond"] as const;

const toHistorical = (year: number): number => (year <= 0 ? year - 1 : year);
const toAstronomical = (year: number): number => (year < 0 ? year + 1 : year);

type TJsonObject = { [key: string]: TJson };

function isObject(v: unknown): v is TJsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Only JSON survives into an export: another client may have stored binary or a BigInt in `extra`.
function asJson(v: unknown, depth = 0): TJson | undefined {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (depth > 50) return undefined;
  if (Array.isArray(v)) return v.flatMap((x) => { const j = asJson(x, depth + 1); return j === undefined ? [] : [j]; });
  if (isObject(v)) {
    const out: TJsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      const j = asJson(x, depth + 1);
      if (j !== undefined) out[k] = j;
    }
    return out;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Export

function readExtra(map: Y.Map<unknown>): TJsonObject {
  const extra = map.get("extra");
  if (!(extra instanceof Y.Map)) return {};
  const json = asJson(extra.toJSON());
  return isObject(json) ? json : {};
}

function originalOf(extra: TJsonObject, key: string): TStoredOriginal | undefined {
  const originals = extra[ORIGINALS_KEY];
  const o = isObject(originals) ? originals[key] : undefined;
  return isObject(o) && typeof o.for === "string" && "value" in o ? { for: o.for, value: o.value } : undefined;
}

// The generated object wins; extra fills in what it lacks, object by object. Our own keys ($original,
// $sheet) are not TimelineJS's and never written as such.
function withExtra<T extends Record<string, unknown>>(generated: T, extra: TJsonObject): T {
  const out: Record<string, unknown> = { ...generated };
  for (const [k, v] of Object.entries(extra)) {
    // "$"-keys are our own ($original, $sheet); a file's own "$key" is kept as "$$key" (see unknownKeys).
    if (k.startsWith("$") && !k.startsWith("$$")) continue;
    const key = k.startsWith("$$") ? k.slice(1) : k;
    const g = out[key];
    if (g === undefined) out[key] = v;
    else if (isObject(g) && isObject(v)) out[key] = withExtra(g, v);
  }
  return out as T;
}

// TimelineJS renders these fields as HTML, so what we write passes the allow-list whatever a client stored.
function safeHtml(html: string): string {
  return html.includes("<") ? sanitizeTlHtml(html).html : html;
}

function tlDate(value: string, original: TStoredOriginal | undefined): TTlDate | undefined {
  if (original !== undefined && original.for === value && isObject(original.value)) return original.value as TTlDate;
  const parsed = tryParsePartialDate(value);
  if (!parsed.ok) return undefined;
  const d = parsed.date;
  const out: TTlDate = { year: toHistorical(d.year) };
  if (d.month !== undefined) out.month = d.month;
  if (d.day !== undefined) out.day = d.day;
  if (d.hour !== undefined) out.hour = d.hour;
  if (d.minute !== undefined) out.minute = d.minute;
  if (d.second !== undefined) out.second = d.second;
  return out;
}

// For the sheet writer, our record of a sheet's unknown columns, and only ours: a JSON file's own "$sheet"
// key (written back to JSON as it was) never becomes columns.
function withSheet<T extends TTlSlide | TTlEra>(out: T, extra: TJsonObject, opts: { sheet?: boolean }): T {
  const copy: Record<string, unknown> = { ...out };
  delete copy.$sheet;
  const sheet = extra.$sheet;
  if (opts.sheet && isObject(sheet)) copy.$sheet = sheetCells(sheet);
  else if (!opts.sheet && "$sheet" in out) copy.$sheet = out.$sheet;
  return copy as T;
}

// A sheet's unknown columns as stored: text cells only (another client may have written anything).
function sheetCells(sheet: TJsonObject): Record<string, string> {
  return Object.fromEntries(Object.entries(sheet).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A headline's runs as stored: its text with the formatting attributes TimelineJS headlines carry. */
export function headlineRuns(title: Y.Text): TRichRun[] {
  const delta: Array<{ insert: unknown; attributes?: Record<string, unknown> }> = title.toDelta();
  return delta.flatMap(({ insert, attributes = {} }): TRichRun[] => {
    if (typeof insert !== "string" || insert === "") return [];
    const run: TRichRun = { text: insert };
    if (attributes.bold === true || isObject(attributes.bold)) run.bold = true;
    if (attributes.italic === true || isObject(attributes.italic)) run.italic = true;
    const link = attributes.link;
    if (isObject(link) && typeof link.href === "string") {
      run.link = typeof link.target === "string" ? { href: link.href, target: link.target } : { href: link.href };
    }
    return [run];
  });
}

function tlMedia(media: TMedia): TTlSlide["media"] {
  const { linkTarget, link, thumbnail, ...rest } = media;
  return {
    ...rest,
    ...(thumbnail !== undefined && isSafeUrl(thumbnail) && { thumbnail }),
    ...(link !== undefined && isSafeUrl(link) && { link }),
    ...(linkTarget !== undefined && { link_target: linkTarget }),
  };
}

function tlBackground(bg: TBackground): TTlSlide["background"] | undefined {
  const { url, ...rest } = bg;
  const safe = url !== undefined && isSafeUrl(url) ? url : undefined;
  return safe === undefined && bg.color === undefined ? undefined : { ...rest, ...(safe !== undefined && { url: safe }) };
}

// The fields TimelineJS renders as HTML pass the allow-list last, whatever they came from (the entry,
// its extra, an original): any Yjs client may have written any of them. A link or image URL that would
// run a script goes too.
function safeSlide<T extends TTlSlide | TTlEra>(slide: T): T {
  const out: Record<string, unknown> = { ...slide };
  if (isObject(slide.text)) {
    const t: Record<string, unknown> = { ...slide.text };
    for (const k of ["headline", "text"]) if (typeof t[k] === "string") t[k] = safeHtml(t[k] as string);
    out.text = t;
  }
  for (const [key, fields] of [["media", ["caption", "credit"]], ["background", []]] as const) {
    const v = out[key];
    if (!isObject(v)) continue;
    const m: Record<string, unknown> = { ...v };
    for (const k of fields) if (typeof m[k] === "string") m[k] = safeHtml(m[k] as string);
    for (const k of key === "media" ? ["link", "thumbnail"] : ["url"]) if (typeof m[k] === "string" && !isSafeUrl(m[k] as string)) delete m[k];
    out[key] = m;
  }
  return out as T;
}

function entrySlide(doc: Y.Doc, entry: TEntry, opts: { sheet?: boolean }): TTlSlide | undefined {
  const map = entriesMap(doc).get(entry.id);
  if (!(map instanceof Y.Map)) return undefined;
  const extra = readExtra(map);
  const start = tlDate(entry.start, originalOf(extra, "start_date"));
  // TimelineJS leaves out a slide without a start date: so would any reader of ours.
  if (start === undefined) return undefined;
  const end = tlDate(entry.end ?? "", originalOf(extra, "end_date"));

  const title = map.get("title");
  const headlineOriginal = originalOf(extra, "headline");
  const headline =
    title instanceof Y.Text
      ? headlineOriginal && headlineOriginal.for === headlineFingerprint(title) && typeof headlineOriginal.value === "string"
        ? headlineOriginal.value
        : runsToHtml(headlineRuns(title))
      : "";
  const body = map.get("body");
  const textOriginal = originalOf(extra, "text");
  const text =
    body instanceof Y.XmlFragment
      ? textOriginal && textOriginal.for === bodyFingerprint(body) && typeof textOriginal.value === "string"
        ? textOriginal.value
        : body.length === 0
          ? ""
          : bodyToHtml(body)
      : "";

  const displayDate = entry.displayDate ?? (entry.qualifier ? entryDateLabel({ ...entry, displayDate: undefined }) : undefined);
  const background = entry.background && tlBackground(entry.background);
  // What a file had as media or background without a URL, while the entry has none of its own.
  const mediaOriginal = originalOf(extra, "media");
  const backgroundOriginal = originalOf(extra, "background");
  const media = entry.media ? tlMedia(entry.media) : isObject(mediaOriginal?.value) ? mediaOriginal.value : undefined;
  const bg = background ?? (entry.background === undefined && isObject(backgroundOriginal?.value) ? backgroundOriginal.value : undefined);
  const slide: TTlSlide = {
    start_date: start,
    ...(end && { end_date: end }),
    text: { headline, text },
    ...(media && { media }),
    ...(entry.group !== undefined && { group: entry.group }),
    ...(displayDate !== undefined && { display_date: displayDate }),
    ...(bg && { background: bg }),
    unique_id: entry.id,
  };
  const out = safeSlide(withExtra(slide, extra));
  return withSheet(out, extra, opts);
}

function titleSlide(doc: Y.Doc, opts: { sheet?: boolean }): TTlSlide | undefined {
  const meta = readMeta(doc);
  const extra = readExtra(metaMap(doc));
  const original = originalOf(extra, "title");
  const matches = original !== undefined && original.for === textFingerprint(meta.title);
  const slideExtra = isObject(extra.title) ? extra.title : {};
  // The file had no title slide and nothing has been given to one since.
  if (matches && original.value === null && !meta.summary && !meta.media && !meta.background) return undefined;
  const headline = matches && typeof original.value === "string" ? original.value : escapeHtml(meta.title);
  const background = meta.background && tlBackground(meta.background);
  const slide: TTlSlide = {
    text: { headline, text: meta.summary },
    ...(meta.media && { media: tlMedia(meta.media) }),
    ...(background && { background }),
  };
  return withSheet(safeSlide(withExtra(slide, slideExtra)), slideExtra, opts);
}

function eraOf(map: Y.Map<unknown>, opts: { sheet?: boolean }): TTlEra | undefined {
  const get = (k: string) => (typeof map.get(k) === "string" ? (map.get(k) as string) : undefined);
  const extra = readExtra(map);
  const start = tlDate(get("start") ?? "", originalOf(extra, "start_date"));
  const end = tlDate(get("end") ?? "", originalOf(extra, "end_date"));
  if (start === undefined || end === undefined) return undefined;
  const title = get("title") ?? "";
  const original = originalOf(extra, "headline");
  const headline = original && original.for === textFingerprint(title) && typeof original.value === "string" ? original.value : escapeHtml(title);
  return withSheet(safeSlide(withExtra({ start_date: start, end_date: end, text: { headline } } as TTlEra, extra)), extra, opts);
}

// TimelineJS's human scale holds the years of a JS Date: it turns cosmological beyond these (historical).
const HUMAN_SCALE_YEARS = { min: -271_820, max: 275_759 };
const beyondHumanScale = (historicalYear: number): boolean => historicalYear < HUMAN_SCALE_YEARS.min || historicalYear > HUMAN_SCALE_YEARS.max;

function isDeepTime(value: string): boolean {
  const parsed = tryParsePartialDate(value);
  return parsed.ok && beyondHumanScale(toHistorical(parsed.date.year));
}

/**
 * The timeline as TimelineJS3 JSON: the title slide, every dated entry (`unique_id` = entry id), the eras,
 * and `scale: cosmological` when the timeline is set so or reaches beyond the years TimelineJS's human
 * scale can hold. `sheet`: keep each slide's `$sheet` (a sheet's unknown columns), for the sheet writer.
 */
export function timelineToTimelineJs(doc: Y.Doc, opts: { sheet?: boolean } = {}): TTlTimeline {
  const entries = listEntries(doc);
  const events = entries.flatMap((e): TTlSlide[] => {
    const slide = entrySlide(doc, e, opts);
    return slide ? [slide] : [];
  });
  const eras = erasArray(doc)
    .toArray()
    .flatMap((m): TTlEra[] => {
      const era = m instanceof Y.Map ? eraOf(m, opts) : undefined;
      return era ? [era] : [];
    });
  const deep = readMeta(doc).scale === "cosmological" || entries.some((e) => isDeepTime(e.start) || (e.end !== undefined && isDeepTime(e.end)));
  const title = titleSlide(doc, opts);
  const extra = readExtra(metaMap(doc));
  const topExtra = Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "title"));
  const out: TTlTimeline = {
    ...(title && { title }),
    events,
    ...(eras.length > 0 && { eras }),
    scale: deep ? "cosmological" : "human",
  };
  return withExtra(out, topExtra);
}

// ---------------------------------------------------------------------------------------------------------
// Import

const KNOWN_TOP = new Set(["title", "events", "eras", "scale"]);
const KNOWN_SLIDE = new Set(["start_date", "end_date", "text", "media", "group", "display_date", "background", "unique_id"]);
const KNOWN_TEXT = new Set(["headline", "text"]);
const KNOWN_MEDIA = new Set(["url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"]);
const KNOWN_BACKGROUND = new Set(["url", "color", "alt", "opacity"]);

// An id must fit a URL and a database key: TimelineJS's unique_id is any string, ours keep it when sane.
const MAX_ID_LENGTH = 200;

export type TRowNumbers = { title?: number; events: number[]; eras: number[] };

class Problems {
  readonly list: TImportProblem[] = [];
  constructor(private readonly rows: TRowNumbers | undefined) {}

  /** Read from a sheet: each slide's `$sheet` holds its unknown columns, set by the sheet reader. */
  get fromSheet(): boolean {
    return this.rows !== undefined;
  }

  where(kind: "title" | "event" | "era", index = 0): { at: string; row?: number } {
    const row = kind === "title" ? this.rows?.title : kind === "event" ? this.rows?.events[index] : this.rows?.eras[index];
    if (row !== undefined) return { at: `row ${row}`, row };
    return { at: kind === "title" ? "title" : `${kind} ${index + 1}` };
  }

  add(where: { at: string; row?: number }, kind: TImportProblem["kind"], message: string, field?: string): void {
    this.list.push({ ...where, ...(field !== undefined && { field }), message, kind });
  }
}

type TWhere = { at: string; row?: number };

function unescapedKeys(obj: TJsonObject): TJsonObject {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k.startsWith("$$") ? k.slice(1) : k, v]));
}

// A date part as TimelineJS reads it: a number, or a string of digits ("08"); "" and null are absent.
function datePart(v: unknown): { ok: true; value?: number } | { ok: false } {
  if (v === undefined || v === null) return { ok: true };
  if (typeof v === "number") return Number.isInteger(v) ? { ok: true, value: v } : { ok: false };
  if (typeof v === "string") {
    const s = v.trim();
    if (s === "") return { ok: true };
    return /^-?\d+$/.test(s) ? { ok: true, value: Number.parseInt(s, 10) } : { ok: false };
  }
  return { ok: false };
}

type TReadDate = { value: string; original?: TJson } | { error: string };

/** A TimelineJS date to our partial date; the original is kept when ours cannot say exactly what it said. */
function readDate(raw: unknown, field: string, where: TWhere, problems: Problems): TReadDate {
  if (!isObject(raw)) return { error: `${field} is not a date object` };
  const parts: Partial<Record<(typeof DATE_PARTS)[number], number>> = {};
  for (const k of DATE_PARTS) {
    const p = datePart(raw[k]);
    if (!p.ok) return { error: `${field}.${k} is not a whole number (${JSON.stringify(raw[k])})` };
    if (p.value !== undefined) parts[k] = p.value;
  }
  if (parts.year === undefined) return { error: `${field} has no year` };
  let keep = false;
  const unknown = Object.keys(raw).filter((k) => !(DATE_PARTS as readonly string[]).includes(k));
  for (const k of unknown) {
    problems.add(where, "kept", `not a part of our dates: kept and written back on export while the date is unchanged`, `${field}.${k}`);
    keep = true;
  }
  if (parts.year === 0) {
    problems.add(where, "changed", "TimelineJS has no year 0: read as 1 BCE; the 0 is kept for export", `${field}.year`);
    keep = true;
  }
  const year = toAstronomical(parts.year);
  const d: TPartialDate = { year, precision: "year" };
  const fill = (k: "month" | "day" | "hour" | "minute", v: number): number => {
    keep = true;
    problems.add(where, "changed", `${field} has no ${k} but a smaller part: ${k} read as ${v}, the original kept for export`, `${field}.${k}`);
    return v;
  };
  const hasTime = parts.hour !== undefined || parts.minute !== undefined || parts.second !== undefined || parts.millisecond !== undefined;
  if (Math.abs(year) > MAX_CALENDAR_YEAR) {
    if (parts.month !== undefined || parts.day !== undefined || hasTime) {
      keep = true;
      problems.add(where, "changed", `deep-time dates are years only: month, day and time kept for export`, field);
    }
  } else if (parts.month !== undefined || parts.day !== undefined || hasTime) {
    d.month = parts.month ?? fill("month", 1);
    d.precision = "month";
    if (parts.day !== undefined || hasTime) {
      d.day = parts.day ?? fill("day", 1);
      d.precision = "day";
    }
    if (hasTime) {
      d.hour = parts.hour ?? fill("hour", 0);
      if (parts.minute === undefined) {
        // An hour alone is a common TimelineJS date; ours has minutes, so keep what was written.
        keep = true;
        d.minute = 0;
      } else d.minute = parts.minute;
      d.precision = "minute";
      if (parts.second !== undefined || parts.millisecond !== undefined) {
        d.second = parts.second ?? 0;
        d.precision = "second";
      }
      if (parts.millisecond !== undefined) {
        keep = true;
        problems.add(where, "changed", "milliseconds are kept for export; Dateline shows the date to the second", `${field}.millisecond`);
      }
    }
  }
  const value = formatPartialDate(d);
  const check = tryParsePartialDate(value);
  if (!check.ok) return { error: `${field}: ${check.error}` };
  return keep ? { value, original: raw } : { value };
}

function str(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

// A text field as TimelineJS takes it (a number is its digits); a list or an object where text belongs
// is no text TimelineJS could show, and is reported as left out.
function text(v: unknown, field: string, where: TWhere, problems: Problems): string | undefined {
  if (typeof v === "object" && v !== null) {
    problems.add(where, "changed", `${field} is ${Array.isArray(v) ? "a list" : "an object"}, not text: left out`, field);
    return undefined;
  }
  return str(v);
}

// Where a link, an image or a thumbnail may point: anything but a script or inline data, as a browser
// reads the URL (tabs and line breaks inside are ignored, spaces around trimmed).
export function isSafeUrl(url: string): boolean {
  return !/^(javascript|data|vbscript):/i.test(url.replace(/[\u0000-\u0020\u007f]+/g, ""));
}

function url(v: unknown, field: string, where: TWhere, problems: Problems): string | undefined {
  const s = text(v, field, where, problems)?.trim();
  if (!s) return undefined;
  if (isSafeUrl(s)) return s;
  problems.add(where, "changed", `${field} is a ${s.replace(/[\u0000-\u0020\u007f]+/g, "").split(":")[0].toLowerCase()}: URL, which TimelineJS would make a live link: left out`, field);
  return undefined;
}

// An HTML field through the allow-list; what it removed is reported.
function cleanHtml(v: unknown, field: string, where: TWhere, problems: Problems): string {
  const s = text(v, field, where, problems);
  if (s === undefined) return "";
  if (!s.includes("<")) return s;
  const { html, removed } = sanitizeTlHtml(s);
  for (const r of removed) problems.add(where, "changed", `removed ${r}: not allowed in Dateline's HTML`, field);
  return html;
}

// Keys outside the format, for `extra`, each reported by name. Ours start with "$" ($original, $sheet):
// a file's own "$key" is stored as "$$key" and written back as it was.
function unknownKeys(obj: TJsonObject, known: Set<string>, prefix: string, where: TWhere, problems: Problems): TJsonObject {
  const out: TJsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (known.has(k) || (k === "$sheet" && problems.fromSheet)) continue;
    out[k.startsWith("$") ? `$${k}` : k] = v;
    problems.add(where, "kept", "not a TimelineJS field we map: kept and written back on export", `${prefix}${k}`);
  }
  return out;
}

type TMediaRead = { media?: TImportedEntry["media"]; extra?: TJsonObject; original?: TJsonObject };

function readMediaField(raw: unknown, where: TWhere, problems: Problems): TMediaRead {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) {
    problems.add(where, "changed", "media is not an object: left out", "media");
    return {};
  }
  const extra = unknownKeys(raw, KNOWN_MEDIA, "media.", where, problems);
  // The URL may be embed HTML (an iframe, a tweet): kept as written, shown by Dateline only sandboxed.
  const mediaUrl = text(raw.url, "media.url", where, problems)?.trim();
  const field = (k: string) => {
    const v = text(raw[k], `media.${k}`, where, problems);
    return v === undefined || v.trim() === "" ? undefined : v;
  };
  const caption = raw.caption === undefined ? undefined : cleanHtml(raw.caption, "media.caption", where, problems) || undefined;
  const credit = raw.credit === undefined ? undefined : cleanHtml(raw.credit, "media.credit", where, problems) || undefined;
  const thumbnail = url(raw.thumbnail, "media.thumbnail", where, problems);
  const link = url(raw.link, "media.link", where, problems);
  const rest = {
    ...(caption !== undefined && { caption }),
    ...(credit !== undefined && { credit }),
    ...(thumbnail !== undefined && { thumbnail }),
    ...(field("alt") !== undefined && { alt: field("alt") }),
    ...(field("title") !== undefined && { title: field("title") }),
    ...(link !== undefined && { link }),
    ...(field("link_target") !== undefined && { linkTarget: field("link_target") }),
  };
  const hasExtra = Object.keys(extra).length > 0;
  if (!mediaUrl) {
    // TimelineJS shows no media without a URL; what else was filled in is written back while the entry
    // has no media of its own.
    if (Object.keys(rest).length > 0 || hasExtra) {
      problems.add(where, "kept", "media without a URL: kept for export, not shown", "media");
      const { linkTarget, ...others } = rest;
      return { original: { ...others, ...(linkTarget !== undefined && { link_target: linkTarget }), ...extra } };
    }
    return {};
  }
  return { media: { url: mediaUrl, ...rest }, ...(hasExtra && { extra: { media: extra } }) };
}

function readBackgroundField(raw: unknown, where: TWhere, problems: Problems): { background?: TImportedEntry["background"]; extra?: TJsonObject; original?: TJsonObject } {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) {
    problems.add(where, "changed", "background is not an object: left out", "background");
    return {};
  }
  const extra = unknownKeys(raw, KNOWN_BACKGROUND, "background.", where, problems);
  const bgUrl = url(raw.url, "background.url", where, problems);
  const color = text(raw.color, "background.color", where, problems)?.trim() || undefined;
  const alt = text(raw.alt, "background.alt", where, problems) || undefined;
  const opacity = typeof raw.opacity === "number" && raw.opacity >= 0 && raw.opacity <= 1 ? raw.opacity : undefined;
  if (opacity === undefined && raw.opacity !== undefined && raw.opacity !== null) {
    extra.opacity = raw.opacity;
    problems.add(where, "kept", `opacity ${JSON.stringify(raw.opacity)} is not a number from 0 to 1: kept for export`, "background.opacity");
  }
  const hasExtra = Object.keys(extra).length > 0;
  if (bgUrl === undefined && color === undefined) {
    if (alt !== undefined || opacity !== undefined || hasExtra) {
      problems.add(where, "kept", "a background without an image or a colour: kept for export, not shown", "background");
      return { original: { ...(alt && { alt }), ...(opacity !== undefined && { opacity }), ...extra } };
    }
    return {};
  }
  return {
    background: { ...(bgUrl && { url: bgUrl }), ...(color && { color }), ...(alt && { alt }), ...(opacity !== undefined && { opacity }) },
    ...(hasExtra && { extra: { background: extra } }),
  };
}

function mergeInto(target: TJsonObject, source: TJsonObject | undefined): void {
  for (const [k, v] of Object.entries(source ?? {})) {
    const t = target[k];
    target[k] = isObject(t) && isObject(v) ? { ...t, ...v } : v;
  }
}

type TTextRead = { headline: TRichRun[]; headlineHtml: string; headlineOriginal?: string; body: TImportedEntry["body"]; textHtml: string; extra?: TJsonObject };

function readText(raw: unknown, where: TWhere, problems: Problems): TTextRead {
  const empty = { headline: [], headlineHtml: "", body: { type: "doc", content: [] }, textHtml: "" };
  if (raw === undefined || raw === null) return empty;
  if (!isObject(raw)) {
    problems.add(where, "changed", "text is not an object with a headline and a text: left out", "text");
    return empty;
  }
  const unknown = unknownKeys(raw, KNOWN_TEXT, "text.", where, problems);
  const headlineHtml = cleanHtml(raw.headline, "text.headline", where, problems);
  const textHtml = cleanHtml(raw.text, "text.text", where, problems);
  const headline = headlineHtml ? htmlToRuns(headlineHtml) : [];
  const same = headlineHtml === "" || normalizeHtml(runsToHtml(headline)) === normalizeHtml(headlineHtml);
  return {
    headline,
    headlineHtml,
    ...(!same && { headlineOriginal: headlineHtml }),
    body: textHtml.trim() ? htmlToBody(textHtml) : { type: "doc", content: [] },
    textHtml,
    ...(Object.keys(unknown).length > 0 && { extra: { text: unknown } }),
  };
}

function newId(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => alphabet[b & 63]).join("");
}

function readSlide(raw: unknown, index: number, ids: Set<string>, problems: Problems): TImportedEntry | undefined {
  const where = problems.where("event", index);
  if (!isObject(raw)) {
    problems.add(where, "skipped", "not a slide object: left out");
    return undefined;
  }
  if (raw.start_date === undefined || raw.start_date === null) {
    problems.add(where, "skipped", "no start_date: TimelineJS leaves such a slide out, and so do we", "start_date");
    return undefined;
  }
  const start = readDate(raw.start_date, "start_date", where, problems);
  if ("error" in start) {
    problems.add(where, "skipped", `${start.error}: left out`, "start_date");
    return undefined;
  }
  const extra = unknownKeys(raw, KNOWN_SLIDE, "", where, problems);
  const originals: NonNullable<TImportedEntry["originals"]> = {};
  if (start.original !== undefined) originals.start_date = start.original;

  let end: string | undefined;
  if (raw.end_date !== undefined && raw.end_date !== null) {
    const e = readDate(raw.end_date, "end_date", where, problems);
    if ("error" in e) {
      if (isObject(raw.end_date)) {
        problems.add(where, "kept", `${e.error}: the end is kept for export, not shown`, "end_date");
        originals.end_date = raw.end_date;
      } else problems.add(where, "changed", `${e.error}: left out`, "end_date");
    } else if (comparePartialDates(e.value, start.value) < 0) {
      problems.add(where, "kept", "the end is before the start: kept for export, not shown", "end_date");
      originals.end_date = raw.end_date;
    } else if (e.value === start.value && e.original === undefined && start.original === undefined) {
      // TimelineJS drops an end date equal to the start, so the slide reads the same without it.
    } else {
      end = e.value;
      if (e.original !== undefined) originals.end_date = e.original;
    }
  }

  const content = readText(raw.text, where, problems);
  if (content.headlineOriginal !== undefined) originals.headline = content.headlineOriginal;
  if (content.textHtml.trim()) originals.text = content.textHtml;
  mergeInto(extra, content.extra);
  const media = readMediaField(raw.media, where, problems);
  mergeInto(extra, media.extra);
  // Written back as they are (not through withExtra): a file's "$key" is itself again.
  if (media.original) originals.media = unescapedKeys(media.original);
  const background = readBackgroundField(raw.background, where, problems);
  mergeInto(extra, background.extra);
  if (background.original) originals.background = unescapedKeys(background.original);
  if (problems.fromSheet && isObject(raw.$sheet)) extra.$sheet = raw.$sheet;

  let id = text(raw.unique_id, "unique_id", where, problems)?.trim() ?? "";
  // Ids are keys of the doc, of database rows and of URLs: a NUL or half an emoji would not survive them.
  if (id !== "" && (ids.has(id) || id.length > MAX_ID_LENGTH || id.includes("\u0000") || wellFormed(id) !== id)) {
    problems.add(where, "changed", ids.has(id) ? `unique_id "${id}" is used twice: this slide gets a new one` : "unique_id is not usable as an id: this slide gets a new one", "unique_id");
    id = "";
  }
  if (id === "") id = newId();
  ids.add(id);

  const group = text(raw.group, "group", where, problems)?.trim();
  const display = text(raw.display_date, "display_date", where, problems);
  const given = display !== undefined && display.trim() !== "" ? display : undefined;
  // Our export writes a qualifier as the label it gives ("c. 2011"): read that label back as the qualifier.
  const qualifier = given === undefined ? undefined : QUALIFIERS.find((q) => entryDateLabel({ start: start.value, end, qualifier: q }) === given);
  return {
    id,
    start: start.value,
    ...(end !== undefined && { end }),
    ...(qualifier !== undefined ? { qualifier } : given !== undefined && { displayDate: given }),
    headline: content.headline,
    body: content.body,
    ...(media.media && { media: media.media }),
    ...(background.background && { background: background.background }),
    ...(group && { group }),
    ...(Object.keys(extra).length > 0 && { extra }),
    ...(Object.keys(originals).length > 0 && { originals }),
  };
}

function readEra(raw: unknown, index: number, problems: Problems): TImportedEra | undefined {
  const where = problems.where("era", index);
  if (!isObject(raw)) {
    problems.add(where, "skipped", "not an era object: left out");
    return undefined;
  }
  const start = readDate(raw.start_date, "start_date", where, problems);
  const end = readDate(raw.end_date, "end_date", where, problems);
  if ("error" in start || "error" in end) {
    problems.add(where, "skipped", `${"error" in start ? start.error : (end as { error: string }).error}: an era needs a start and an end date; left out`);
    return undefined;
  }
  if (comparePartialDates(end.value, start.value) < 0) {
    problems.add(where, "skipped", "the era ends before it starts: left out");
    return undefined;
  }
  const extra = unknownKeys(raw, new Set(["start_date", "end_date", "text"]), "", where, problems);
  if (raw.text !== undefined && raw.text !== null && !isObject(raw.text)) problems.add(where, "changed", "text is not an object with a headline: left out", "text");
  const textOf = isObject(raw.text) ? raw.text : {};
  const headlineHtml = cleanHtml(textOf.headline, "text.headline", where, problems);
  const title = htmlText(headlineHtml);
  // Eras have a title only: their text and anything else is kept for export.
  const rest = unknownKeys(textOf, new Set(["headline"]), "text.", where, problems);
  if (Object.keys(rest).length > 0) extra.text = rest;
  if (problems.fromSheet && isObject(raw.$sheet)) extra.$sheet = raw.$sheet;
  const originals: NonNullable<TImportedEra["originals"]> = {};
  if (headlineHtml !== "" && normalizeHtml(escapeHtml(title)) !== normalizeHtml(headlineHtml)) originals.headline = headlineHtml;
  if (start.original !== undefined) originals.start_date = start.original;
  if (end.original !== undefined) originals.end_date = end.original;
  return {
    start: start.value,
    end: end.value,
    title,
    ...(Object.keys(extra).length > 0 && { extra }),
    ...(Object.keys(originals).length > 0 && { originals }),
  };
}

function rawYear(date: unknown): number {
  const p = isObject(date) ? datePart(date.year) : undefined;
  return p?.ok ? (p.value ?? 0) : 0;
}

/** The title of a timeline whose file has no title slide. */
export const UNTITLED = "Untitled timeline";

/**
 * TimelineJS3 JSON (already parsed) to a timeline to write with `writeImportedTimeline`, and the problems:
 * every field kept in `extra` or read differently, every slide left out. `rows` gives the sheet rows
 * the slides came from, when they came from a sheet, so problems name rows. Throws ImportError when the
 * input is not TimelineJS JSON at all.
 */
export function readTimelineJs(input: unknown, opts: { rows?: TRowNumbers } = {}): { timeline: TImportedTimeline; problems: TImportProblem[] } {
  if (!isObject(input) || !Array.isArray(input.events)) {
    throw new ImportError("This is not TimelineJS JSON: it needs an \"events\" list of slides");
  }
  const problems = new Problems(opts.rows);
  const topExtra = unknownKeys(input, KNOWN_TOP, "", { at: "timeline" }, problems);
  const ids = new Set<string>();
  const entries = input.events.flatMap((raw, i) => readSlide(raw, i, ids, problems) ?? []);
  const eras = Array.isArray(input.eras) ? input.eras.flatMap((raw, i) => readEra(raw, i, problems) ?? []) : [];
  if (input.eras !== undefined && !Array.isArray(input.eras)) {
    topExtra.eras = input.eras;
    problems.add({ at: "timeline" }, "kept", "eras is not a list: kept as it was", "eras");
  }

  let scale: TImportedTimeline["scale"];
  if (input.scale === "human" || input.scale === "cosmological") scale = input.scale;
  else {
    if (input.scale !== undefined) {
      problems.add({ at: "timeline" }, "changed", `scale ${JSON.stringify(input.scale)} is not human or cosmological: chosen from the dates`, "scale");
    }
    // As TimelineJS decides: cosmological when a slide says so or a year is beyond what a JS Date holds.
    const deep = input.events.some((e) => isObject(e) && (e.scale === "cosmological" || beyondHumanScale(rawYear(e.start_date))));
    scale = deep ? "cosmological" : "human";
  }

  const t: TImportedTimeline = { title: UNTITLED, summary: "", scale, eras, entries, originals: { title: null } };
  const extra: TJsonObject = { ...topExtra };
  if (isObject(input.title)) {
    const where = problems.where("title");
    const slideExtra = unknownKeys(input.title, new Set(["text", "media", "background"]), "", where, problems);
    if (input.title.text !== undefined && input.title.text !== null && !isObject(input.title.text)) problems.add(where, "changed", "text is not an object with a headline: left out", "text");
    const textOf = isObject(input.title.text) ? input.title.text : {};
    const headlineHtml = cleanHtml(textOf.headline, "text.headline", where, problems);
    const title = htmlText(headlineHtml);
    t.title = title || UNTITLED;
    // The headline as written, unless the title alone says the same.
    t.originals = normalizeHtml(escapeHtml(t.title)) === normalizeHtml(headlineHtml) ? {} : { title: headlineHtml };
    t.summary = cleanHtml(textOf.text, "text.text", where, problems);
    const textRest = Object.fromEntries(Object.entries(textOf).filter(([k]) => !KNOWN_TEXT.has(k)));
    if (Object.keys(textRest).length > 0) {
      slideExtra.text = textRest;
      for (const k of Object.keys(textRest)) problems.add(where, "kept", "not a TimelineJS field we map: kept and written back on export", `text.${k}`);
    }
    const media = readMediaField(input.title.media, where, problems);
    if (media.media) t.media = media.media;
    mergeInto(slideExtra, media.extra);
    // Media or a background without a URL: written back with the title slide (whose own is then absent).
    if (media.original) mergeInto(slideExtra, { media: media.original });
    const background = readBackgroundField(input.title.background, where, problems);
    if (background.background) t.background = background.background;
    mergeInto(slideExtra, background.extra);
    if (background.original) mergeInto(slideExtra, { background: background.original });
    if (problems.fromSheet && isObject(input.title.$sheet)) slideExtra.$sheet = input.title.$sheet;
    if (Object.keys(slideExtra).length > 0) extra.title = slideExtra;
  } else if (input.title !== undefined && input.title !== null) {
    problems.add({ at: "title" }, "changed", "title is not a slide object: left out", "title");
  }
  if (Object.keys(extra).length > 0) t.extra = extra;
  if (t.originals && Object.keys(t.originals).length === 0) delete t.originals;
  return { timeline: t, problems: problems.list };
}
