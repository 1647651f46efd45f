// One entry point for imports: the server's `POST /api/timelines/import` and the dashboard's preview (in the
// browser) read a file the same way, so the preview shows exactly what the import will do.
import { comparePartialDates, tryParsePartialDate } from "../timeline/dates";
import type { TImportedTimeline } from "../timeline/ops";
import { readSheet } from "./csv";
import { ImportError } from "./import-error";
import { readTimelineJs } from "./timelinejs";
import type { TImportProblem } from "./timelinejs-types";

export { ImportError };

export type TImportKind = "timelinejs" | "csv";

export type TImportReport = {
  format: TImportKind;
  title: string;
  entries: number;
  eras: number;
  /** Earliest start and latest end (or start) as partial ISO dates; null with no entries. */
  span: { start: string; end: string } | null;
  /** Every field kept in `extra` or read differently and every row or slide left out, one line per kind of problem. */
  problems: TImportProblem[];
};

// Large enough for years of a desk's timelines (5,000 entries of TimelineJS JSON is about 3 MB), small enough
// that one request cannot hold the process for long.
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ENTRIES = 20_000;

/**
 * A file's bytes as text. TimelineJS files and Google's sheet exports are UTF-8; anything else (a sheet
 * saved as Windows-1252 by Excel, say) would import with its accents replaced, so it is refused.
 */
export function decodeImport(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError("The file is not UTF-8 text: save it as UTF-8 (in Excel, \"CSV UTF-8\") and import it again");
  }
}

/** The kind a file is, from its name or type, else from its first character. */
export function importKindOf(name: string | undefined, type: string | undefined, text: string): TImportKind {
  if (/\.csv$/i.test(name ?? "") || /^text\/(csv|comma-separated-values)\b/i.test(type ?? "")) return "csv";
  if (/\.json$/i.test(name ?? "") || /^application\/(.+\+)?json\b/i.test(type ?? "")) return "timelinejs";
  return /^\uFEFF?\s*[{[]/.test(text) ? "timelinejs" : "csv";
}

// The same problem on many slides ("location" on every event) is one line naming where it occurs.
const MAX_PLACES = 8;

function grouped(problems: TImportProblem[]): TImportProblem[] {
  const groups = new Map<string, TImportProblem[]>();
  for (const p of problems) {
    // Skipped rows stay one line each: each says what is wrong with that row.
    const key = p.kind === "skipped" ? `${groups.size}` : `${p.kind}\u0000${p.field ?? ""}\u0000${p.message}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((list) => {
    if (list.length === 1) return list[0];
    const places = list.slice(0, MAX_PLACES).map((p) => p.at).join(", ");
    const { row: _row, ...first } = list[0];
    void _row;
    return { ...first, at: list.length > MAX_PLACES ? `${places} and ${list.length - MAX_PLACES} more` : places };
  });
}

// The last instant a partial date covers: "2011" runs to the end of December, after "2011-05".
function lastInstant(s: string): number[] {
  const p = tryParsePartialDate(s);
  if (!p.ok) return [];
  const d = p.date;
  return [d.year, d.month ?? 12, d.day ?? 31, d.hour ?? 23, d.minute ?? 59, d.second ?? 59];
}

function later(a: string, b: string): boolean {
  const [x, y] = [lastInstant(a), lastInstant(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] > y[i];
  // Ending together, the coarser date says it: "2011", not "2011-12".
  return a.length < b.length;
}

function spanOf(t: TImportedTimeline): TImportReport["span"] {
  if (t.entries.length === 0) return null;
  let start = t.entries[0].start;
  let end = t.entries[0].end ?? t.entries[0].start;
  for (const e of t.entries) {
    if (comparePartialDates(e.start, start) < 0) start = e.start;
    const last = e.end ?? e.start;
    if (later(last, end)) end = last;
  }
  return { start, end };
}

// A TimelineJS file is a few levels deep (timeline > events > slide > media > ...); a value nested far
// deeper is no timeline, and would exhaust the stack of every recursive reader after this one.
export const MAX_IMPORT_DEPTH = 32;

// Walked iteratively, before any recursive reader sees the value. A key named __proto__ is refused too:
// JSON.parse makes it a plain key, but no JavaScript object built from it afterwards (Yjs's included)
// keeps it, so it could not be written back.
function checkShape(json: unknown): void {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value: json, depth: 0, path: "" }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_IMPORT_DEPTH) throw new ImportError(`The file nests values more than ${MAX_IMPORT_DEPTH} levels deep (at ${path || "the top"}): this is not a TimelineJS file`);
    for (const [k, v] of Object.entries(value)) {
      const at = Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      if (k === "__proto__") throw new ImportError(`The file has a key named "__proto__" (at ${at}), which cannot be kept: rename or remove it`);
      stack.push({ value: v, depth: depth + 1, path: at });
    }
  }
}

/** Reads a file into a timeline to write and its report; throws ImportError when nothing in it can become a timeline. */
export function readImport(kind: TImportKind, text: string): { report: TImportReport; timeline: TImportedTimeline } {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  let read: { timeline: TImportedTimeline; problems: TImportProblem[] };
  if (kind === "timelinejs") {
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (err) {
      throw new ImportError(`This is not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    checkShape(json);
    read = readTimelineJs(json);
  } else {
    let sheet: ReturnType<typeof readSheet>;
    try {
      sheet = readSheet(text);
    } catch (err) {
      throw new ImportError(err instanceof Error ? err.message : String(err));
    }
    const fromRows = readTimelineJs(sheet.timeline, { rows: sheet.rows });
    read = { timeline: fromRows.timeline, problems: [...sheet.problems, ...fromRows.problems] };
  }
  const { timeline, problems } = read;
  if (timeline.entries.length === 0) {
    const why = problems.find((p) => p.kind === "skipped");
    throw new ImportError(`Nothing to import: the file has no slide with a date${why ? ` (${why.at}: ${why.message})` : ""}`);
  }
  if (timeline.entries.length > MAX_IMPORT_ENTRIES) {
    throw new ImportError(`The file has ${timeline.entries.length} entries; at most ${MAX_IMPORT_ENTRIES} can be imported at once`);
  }
  const byRow = (a: TImportProblem, b: TImportProblem) => (a.row ?? 0) - (b.row ?? 0);
  return {
    timeline,
    report: {
      format: kind,
      title: timeline.title,
      entries: timeline.entries.length,
      eras: timeline.eras.length,
      span: spanOf(timeline),
      problems: grouped(kind === "csv" ? [...problems].sort(byRow) : problems),
    },
  };
}
