// The Y.Doc schema of one timeline (the open format of PRODUCT.md): root names, field names, value
// sets and typed readers. Writers live in ops.ts; nothing else writes a timeline doc.
import * as Y from "yjs";
import { compareEntries } from "./dates";

export const SCHEMA_VERSION = 1;

export const ROOT = { meta: "meta", eras: "eras", entries: "entries" } as const;

export const STATUSES = ["draft", "needs-review", "verified", "disputed"] as const;
export type TStatus = (typeof STATUSES)[number];

export const QUALIFIERS = ["circa", "before", "after"] as const;
export type TQualifier = (typeof QUALIFIERS)[number];

export const SCALES = ["human", "cosmological"] as const;
export type TScale = (typeof SCALES)[number];

export const MEDIA_FIELDS = ["url", "caption", "credit", "alt", "title", "thumbnail", "link", "linkTarget"] as const;
export type TMedia = Partial<Record<(typeof MEDIA_FIELDS)[number], string>> & { url: string };

export const SOURCE_FIELDS = ["url", "title", "publisher", "accessed", "quote"] as const;
export type TSource = Partial<Record<(typeof SOURCE_FIELDS)[number], string>>;

export type TBackground = { url?: string; color?: string; alt?: string; opacity?: number };

/** What was verified: the entry's date and headline at the moment someone set it `verified`. */
export type TVerifiedAs = { start: string; end?: string; qualifier?: TQualifier; headline: string };

/**
 * Who set the entry's status, when and why (`auto`: the server sent a verified entry back to review
 * because it changed), and what was verified. Written by the server only (its verification extension).
 */
export type TVerification = { by?: string; byName?: string; at?: string; note?: string; auto?: boolean; verifiedAs?: TVerifiedAs };

/** The entry fields only the server writes; a client's change to them is undone. */
export const VERIFICATION_FIELDS = ["statusBy", "statusByName", "statusAt", "statusNote", "statusAuto", "verifiedAs"] as const;

/** A plain-data view of one entry. `body` is not included: it is a Y.XmlFragment edited in place. */
export type TEntry = {
  id: string;
  start: string;
  end?: string;
  qualifier?: TQualifier;
  displayDate?: string;
  headline: string;
  media?: TMedia;
  background?: TBackground;
  sources: TSource[];
  group?: string;
  tags: string[];
  status: TStatus;
  /** Absent when the server has recorded nothing about the status (a draft, an older doc). */
  verification?: TVerification;
  createdBy?: string;
  createdAt?: string;
  updatedAt?: string;
};

export type TMeta = {
  title: string;
  summary: string;
  language: string;
  scale: TScale;
  schemaVersion: number;
  /** The title slide's media and background. */
  media?: TMedia;
  background?: TBackground;
};

export type YEntry = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta);
}

export function entriesMap(doc: Y.Doc): Y.Map<YEntry> {
  return doc.getMap<YEntry>(ROOT.entries);
}

export function erasArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ROOT.eras);
}

// Readers. Any stock Yjs client may write a timeline, so they check every value's type and drop what does
// not fit the schema instead of trusting it.

function str(map: Y.Map<unknown>, key: string): string | undefined {
  const v = map.get(key);
  return typeof v === "string" ? v : undefined;
}

function oneOf<T extends string>(values: readonly T[], v: unknown): T | undefined {
  return values.find((x) => x === v);
}

function stringFields<K extends string>(map: Y.Map<unknown>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = str(map, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function readMedia(v: unknown): TMedia | undefined {
  if (!(v instanceof Y.Map)) return undefined;
  const { url, ...rest } = stringFields(v, MEDIA_FIELDS);
  return url === undefined ? undefined : { url, ...rest };
}

export function readBackground(v: unknown): TBackground | undefined {
  if (!(v instanceof Y.Map)) return undefined;
  const bg: TBackground = stringFields(v, ["url", "color", "alt"] as const);
  const opacity = v.get("opacity");
  if (typeof opacity === "number") bg.opacity = opacity;
  return bg;
}

// verifiedAs is a plain JSON object (stored as one value, so it changes whole); anything else reads as absent.
function readVerifiedAs(v: unknown): TVerifiedAs | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Y.AbstractType) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.start !== "string" || typeof o.headline !== "string") return undefined;
  return withoutUndefined({
    start: o.start,
    end: typeof o.end === "string" ? o.end : undefined,
    qualifier: oneOf(QUALIFIERS, o.qualifier),
    headline: o.headline,
  });
}

export function readVerification(entry: YEntry): TVerification | undefined {
  const v = withoutUndefined({
    by: str(entry, "statusBy"),
    byName: str(entry, "statusByName"),
    at: str(entry, "statusAt"),
    note: str(entry, "statusNote"),
    auto: entry.get("statusAuto") === true ? true : undefined,
    verifiedAs: readVerifiedAs(entry.get("verifiedAs")),
  });
  return Object.keys(v).length > 0 ? v : undefined;
}

export function readEntry(entry: YEntry, id: string): TEntry {
  const title = entry.get("title");
  const sources = entry.get("sources");
  const tags = entry.get("tags");
  return withoutUndefined({
    id,
    start: str(entry, "start") ?? "",
    end: str(entry, "end"),
    qualifier: oneOf(QUALIFIERS, entry.get("qualifier")),
    displayDate: str(entry, "displayDate"),
    headline: title instanceof Y.Text ? title.toString() : "",
    media: readMedia(entry.get("media")),
    background: readBackground(entry.get("background")),
    sources: sources instanceof Y.Array
      ? sources.toArray().flatMap((s) => (s instanceof Y.Map ? [stringFields(s, SOURCE_FIELDS)] : []))
      : [],
    group: str(entry, "group"),
    tags: tags instanceof Y.Array ? tags.toArray().filter((t): t is string => typeof t === "string") : [],
    status: oneOf(STATUSES, entry.get("status")) ?? "draft",
    verification: readVerification(entry),
    createdBy: str(entry, "createdBy"),
    createdAt: str(entry, "createdAt"),
    updatedAt: str(entry, "updatedAt"),
  });
}

// Absent fields stay absent rather than present-but-undefined, so `"end" in entry` means what it says.
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Every entry, in the chronological order of PRODUCT.md; entries whose start is not a date come last. */
export function listEntries(doc: Y.Doc): TEntry[] {
  const out: TEntry[] = [];
  entriesMap(doc).forEach((entry, id) => {
    if (entry instanceof Y.Map) out.push(readEntry(entry, id));
  });
  return out.sort(compareEntries);
}

export function readMeta(doc: Y.Doc): TMeta {
  const meta = metaMap(doc);
  const version = meta.get("schemaVersion");
  return withoutUndefined({
    title: str(meta, "title") ?? "",
    summary: str(meta, "summary") ?? "",
    language: str(meta, "language") ?? "en",
    scale: oneOf(SCALES, meta.get("scale")) ?? "human",
    schemaVersion: typeof version === "number" ? version : SCHEMA_VERSION,
    media: readMedia(meta.get("media")),
    background: readBackground(meta.get("background")),
  });
}
