// Test support: a TimelineJS configuration as TimelineJS3 itself reads it (TimelineConfig.js, TLDate.js), so
// that an original file and our export of its import can be compared field by field. It follows TimelineJS:
// the scale decided from the dates when not given, slides without a start date left out, an end date equal
// to the start dropped, date parts through parseInt ("08" is 8, "" is absent), group trimmed, HTML fields
// through the sanitiser a browser's TimelineJS runs (ours stands in for DOMPurify) and read as a browser
// reads HTML, events in date order. Unknown keys are compared as they are.
import type { TTlDate, TTlSlide, TTlTimeline } from "../timelinejs-types";
import { normalizeHtml, sanitizeTlHtml } from "../tl-html";

const PARTS = ["year", "month", "day", "hour", "minute", "second", "millisecond"] as const;
type TObj = Record<string, unknown>;
const isObj = (v: unknown): v is TObj => typeof v === "object" && v !== null && !Array.isArray(v);

const html = (v: unknown): string => (typeof v === "string" ? normalizeHtml(sanitizeTlHtml(v).html) : "");
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

function part(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = Number.parseInt(String(v).trim(), 10);
  return Number.isNaN(n) ? undefined : n;
}

export function readTlDate(d: unknown): TObj | undefined {
  if (!isObj(d)) return undefined;
  const out: TObj = {};
  for (const k of PARTS) {
    const n = part(d[k]);
    if (n !== undefined) out[k] = n;
  }
  for (const [k, v] of Object.entries(d)) if (!(PARTS as readonly string[]).includes(k)) out[k] = v;
  return out;
}

function sameDate(a: TTlDate, b: TTlDate): boolean {
  return Object.keys(a).every((k) => a[k] == b[k]); // TimelineJS compares each property of the start with ==
}

function readMedia(m: unknown): TObj | undefined {
  if (!isObj(m)) return undefined;
  const out: TObj = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === "caption" || k === "credit") {
      const h = html(v);
      if (h !== "") out[k] = h;
    } else if (typeof v === "string") {
      if (v.trim() !== "") out[k] = k === "url" ? v.trim() : v;
    } else if (v !== null && v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function readBackground(b: unknown): TObj | undefined {
  if (!isObj(b)) return undefined;
  const out: TObj = {};
  for (const [k, v] of Object.entries(b)) if (v !== null && v !== undefined && v !== "") out[k] = typeof v === "string" ? v.trim() : v;
  return Object.keys(out).length > 0 ? out : undefined;
}

const SLIDE_KEYS = new Set(["start_date", "end_date", "text", "media", "group", "display_date", "background", "unique_id", "$sheet"]);

export function readTlSlide(s: TTlSlide, opts: { id: boolean }): TObj {
  const out: TObj = {};
  const start = readTlDate(s.start_date);
  if (start) out.start_date = start;
  if (s.end_date !== undefined && !(isObj(s.start_date) && isObj(s.end_date) && sameDate(s.start_date, s.end_date))) {
    out.end_date = readTlDate(s.end_date);
  }
  const t = isObj(s.text) ? s.text : {};
  out.headline = html(t.headline);
  out.text = html(t.text);
  for (const [k, v] of Object.entries(t)) if (k !== "headline" && k !== "text") out[`text.${k}`] = v;
  const media = readMedia(s.media);
  if (media) out.media = media;
  const group = text(s.group);
  if (group) out.group = group;
  const display = text(s.display_date);
  if (display) out.display_date = display;
  const bg = readBackground(s.background);
  if (bg) out.background = bg;
  if (opts.id && text(s.unique_id)) out.unique_id = text(s.unique_id);
  for (const [k, v] of Object.entries(s)) if (!SLIDE_KEYS.has(k)) out[k] = v;
  return out;
}

function detectScale(t: TTlTimeline): string {
  if (typeof t.scale === "string" && t.scale) return t.scale;
  // TimelineJS: beyond the years of a JS Date (TimelineConfig._ensureValidScale).
  const deep = t.events.some((e) => e.scale === "cosmological" || (part(e.start_date?.year) ?? 0) < -271_820 || (part(e.start_date?.year) ?? 0) > 275_759);
  return deep ? "cosmological" : "human";
}

function dateKey(d: unknown): number[] {
  const x = readTlDate(d) ?? {};
  return [x.year, x.month ?? 1, x.day ?? 1, x.hour ?? 0, x.minute ?? 0, x.second ?? 0, x.millisecond ?? 0].map(Number);
}

// TimelineJS keeps the file's order among slides of one date; ours is by id there: ties go by content.
function byDate(a: TObj, b: TObj): number {
  const [x, y] = [dateKey(a.start_date), dateKey(b.start_date)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return canonical(a).localeCompare(canonical(b));
}

// JSON with sorted keys: the same slide reads the same whatever order its keys were written in.
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/**
 * The timeline as TimelineJS reads it. `ids`: compare unique_id only for the slides that carry one in
 * `reference` (TimelineJS makes up the others; so do we, differently).
 */
export function readTl(t: TTlTimeline, opts: { ids?: Set<string> } = {}): TObj {
  const events = t.events
    .filter((e) => isObj(e) && e.start_date !== undefined)
    .map((e) => readTlSlide(e, { id: opts.ids === undefined || opts.ids.has(String(e.unique_id ?? "").trim()) }))
    .sort(byDate);
  const out: TObj = { scale: detectScale(t), events };
  if (isObj(t.title)) {
    const title = readTlSlide(t.title, { id: false });
    delete title.start_date;
    out.title = title;
  }
  const eras = Array.isArray(t.eras) ? t.eras : [];
  out.eras = eras.map((e) => ({ start_date: readTlDate(e.start_date), end_date: readTlDate(e.end_date), headline: html(e.text?.headline), ...Object.fromEntries(Object.entries(e).filter(([k]) => !["start_date", "end_date", "text", "$sheet"].includes(k))), ...(isObj(e.text) ? Object.fromEntries(Object.entries(e.text).filter(([k]) => k !== "headline").map(([k, v]) => [`text.${k}`, v])) : {}) })).sort(byDate);
  for (const [k, v] of Object.entries(t)) if (!["title", "events", "eras", "scale"].includes(k)) out[k] = v;
  return out;
}

/** The unique_ids a file gives its slides. */
export function givenIds(t: TTlTimeline): Set<string> {
  return new Set(t.events.flatMap((e) => (typeof e.unique_id === "string" && e.unique_id.trim() ? [e.unique_id.trim()] : [])));
}
