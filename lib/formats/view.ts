// What the HTML and Markdown exports show the same way: year sections, status wording, source dates and
// which media become an image, a link or nothing.
import * as Y from "yjs";
import { formatDateLabel, tryParsePartialDate, yearLabel } from "../timeline/dates";
import { entriesMap, type TEntry, type TMedia, type TStatus } from "../timeline/schema";
import { safeHref, safeSrc } from "./escape";

export const STATUS_LABELS: Record<TStatus, string> = {
  draft: "draft",
  "needs-review": "needs review",
  verified: "verified",
  disputed: "disputed",
};

/** Entries, already in chronological order, cut into runs of one year; entries whose start is not a date come last. */
export function groupByYear(entries: TEntry[]): Array<{ label: string; entries: TEntry[] }> {
  const groups: Array<{ label: string; entries: TEntry[] }> = [];
  for (const entry of entries) {
    const start = tryParsePartialDate(entry.start);
    const label = start.ok ? yearLabel(start.date.year) : "Undated";
    const last = groups.at(-1);
    if (last?.label === label) last.entries.push(entry);
    else groups.push({ label, entries: [entry] });
  }
  return groups;
}

/** A source's access date for people; a value that is not a date (written by another client) as written. */
export function accessedLabel(accessed: string): string {
  return tryParsePartialDate(accessed).ok ? formatDateLabel(accessed) : accessed;
}

// Judged by the path's extension, as TimelineJS does: we never fetch the URL to find out.
const IMAGE_PATH = /\.(avif|bmp|gif|jpe?g|png|svg|webp)$/i;

/**
 * How media is shown: an image when its URL is a safe http(s) source with an image extension (wrapped in
 * its `link` when that is safe), else a link to a safe URL, else nothing but the caption. Embed HTML in
 * `url` (an iframe, a tweet's blockquote) is never a safe URL, so it is never shown or injected.
 */
export type TMediaShown =
  | { kind: "image"; src: string; href: string | null }
  | { kind: "link"; href: string }
  | { kind: "none" };

export function showMedia(media: TMedia): TMediaShown {
  const src = safeSrc(media.url);
  if (src !== null && IMAGE_PATH.test(new URL(src).pathname)) {
    return { kind: "image", src, href: media.link === undefined ? null : safeHref(media.link) };
  }
  const href = safeHref(media.url);
  return href === null ? { kind: "none" } : { kind: "link", href };
}

/** An entry's body fragment, or undefined when another client stored something else under `body`. */
export function bodyFragment(doc: Y.Doc, id: string): Y.XmlFragment | undefined {
  const entry = entriesMap(doc).get(id);
  const body = entry instanceof Y.Map ? entry.get("body") : undefined;
  return body instanceof Y.XmlFragment ? body : undefined;
}
