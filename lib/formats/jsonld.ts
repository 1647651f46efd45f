// A timeline as schema.org JSON-LD, for search engines and linked-data readers: an ItemList of Events in
// the chronological order of PRODUCT.md. The published page embeds it (jsonLdScript); the export serves it.
import type * as Y from "yjs";
import { entryDateLabel, formatPartialDate, tryParsePartialDate } from "../timeline/dates";
import { bodyToPlainText } from "../timeline/ops";
import { listEntries, readMeta, type TEntry, type TMedia, type TSource } from "../timeline/schema";
import { safeHref } from "./escape";
import type { TJson } from "./timelinejs-types";
import { fieldText } from "./tl-html";
import { bodyFragment, showMedia } from "./view";

export type TJsonLdObject = { [key: string]: TJson };

/**
 * Inline, so that a processor expands the document without fetching anything: `"https://schema.org"`
 * names a remote context that every JSON-LD processor would have to download first (and ours, offline,
 * cannot). `@vocab` maps every term to its schema.org IRI; the one coercion repeats what schema.org's
 * own context says of `url` (an IRI, not a string), so the expanded graph links where it should.
 */
const CONTEXT: TJsonLdObject = {
  "@vocab": "https://schema.org/",
  url: { "@type": "@id" },
  itemListOrder: { "@type": "@id" },
};

/** The timeline as an ItemList of Events. `url`: the published page, for the list's and each entry's @id and url. */
export function timelineToJsonLd(doc: Y.Doc, opts: { url?: string } = {}): TJsonLdObject {
  const meta = readMeta(doc);
  const page = opts.url === undefined ? undefined : new URL(opts.url);
  const entries = listEntries(doc);
  return present({
    "@context": CONTEXT,
    "@type": "ItemList",
    "@id": page?.href,
    url: page?.href,
    name: meta.title,
    // A TimelineJS title slide's HTML as the text a browser shows of it.
    description: fieldText(meta.summary),
    image: meta.media && imageObject(meta.media),
    itemListOrder: "https://schema.org/ItemListOrderAscending",
    numberOfItems: entries.length,
    itemListElement: entries.map((entry, i) => ({ "@type": "ListItem", position: i + 1, item: eventOf(doc, entry, page) })),
  });
}

function eventOf(doc: Y.Doc, entry: TEntry, page: URL | undefined): TJsonLdObject {
  let anchor: string | undefined;
  if (page !== undefined) {
    // The id each page gives an entry's article; the URL parser percent-encodes what a fragment cannot hold.
    const url = new URL(page);
    url.hash = `entry-${entry.id}`;
    anchor = url.href;
  }
  const start = isoDate(entry.start);
  const end = entry.end === undefined ? undefined : isoDate(entry.end);
  const fragment = bodyFragment(doc, entry.id);
  const body = fragment === undefined ? "" : bodyToPlainText(fragment).trim();
  // schema.org dates say nothing of "circa", "before" or a date written in words: where the entry's label
  // says more than its dates do, or a stored date is not one (written by another client), the label
  // leads the description rather than being lost.
  const unreadable = start === undefined || (entry.end !== undefined && end === undefined);
  const labelled = Boolean(entry.displayDate) || entry.qualifier !== undefined || unreadable;
  const description = [labelled ? entryDateLabel(entry) : "", body].filter((s) => s !== "").join(" — ");
  return present({
    "@type": "Event",
    "@id": anchor,
    url: anchor,
    name: entry.headline,
    startDate: start,
    endDate: end,
    description,
    image: entry.media && imageObject(entry.media),
    keywords: entry.tags.length > 0 ? entry.tags : undefined,
    citation: entry.sources.length > 0 ? entry.sources.map(citationOf) : undefined,
  });
}

// A date at its precision, as ISO 8601 writes it ("2011", "2011-03", "-0043-03-15", "2011-03-15T14:30"),
// which is what schema.org's Date and DateTime take; undefined when the stored value is not a date.
function isoDate(s: string): string | undefined {
  const parsed = tryParsePartialDate(s);
  return parsed.ok ? formatPartialDate(parsed.date) : undefined;
}

// Only media the other exports show as an image (a safe http(s) URL with an image extension): a video page
// or embed HTML is not an image of the event.
function imageObject(media: TMedia): TJsonLdObject | undefined {
  const shown = showMedia(media);
  if (shown.kind !== "image") return undefined;
  return present({ "@type": "ImageObject", url: shown.src, caption: media.caption && fieldText(media.caption), creditText: media.credit && fieldText(media.credit) });
}

// schema.org has no property for the date a source was accessed; the quote is the passage of the work
// the entry relies on, so it is the work's `text`. An unsafe URL (a crafted doc) is no `url`: as in the
// HTML export, it is at most the work's name, as text.
function citationOf(source: TSource): TJsonLdObject {
  const href = source.url === undefined ? null : safeHref(source.url);
  return present({
    "@type": "CreativeWork",
    url: href ?? undefined,
    name: source.title || (href === null ? source.url : undefined),
    publisher: source.publisher ? { "@type": "Organization", name: source.publisher } : undefined,
    text: source.quote,
  });
}

// An absent or empty value is left out rather than written as "" (which would state an empty name).
function present(fields: Record<string, TJson | undefined>): TJsonLdObject {
  const out: TJsonLdObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== "") out[key] = value;
  return out;
}

// `<`, `>` and `&` only ever occur inside JSON strings, where `\uXXXX` means the same character: escaped,
// no `</script>` or `<!--` can end or change the script element, whatever the doc holds. U+2028 and U+2029
// were line terminators in JavaScript strings before ES2019, for any reader that evaluates the block.
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/** The complete `<script type="application/ld+json">` element for a page's head, its JSON made inert in HTML. */
export function jsonLdScript(ld: TJson): string {
  const json = JSON.stringify(ld).replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `<script type="application/ld+json">${json}</script>`;
}
