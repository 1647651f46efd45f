// The Y.Doc schema of one timeline (the open format of PRODUCT.md): root names, field names, value
// sets and typed readers. Writers live in ops.ts; nothing else writes a timeline doc.
import * as Y from "yjs";

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
