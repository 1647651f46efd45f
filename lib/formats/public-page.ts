// The published timeline's pages (PRODUCT.md, "Publishing"): /p/<slug>, readable without JavaScript and
// described for search engines and link previews, and /embed/<slug> for an iframe. Both show the real
// TimelineJS3, loaded from our own origin and fed by /p/<slug>/timeline.json; the chronology is plain
// server-rendered HTML, so a reader without JavaScript, a crawler or a screen reader gets every entry.
// Pure: the route handlers pass in the URLs and the TimelineJS asset paths.
import type * as Y from "yjs";
import { entryDateLabel, formatDateLabel, formatPartialDate, tryParsePartialDate } from "../timeline/dates";
import { listEntries, readMeta, type TEntry, type TMeta } from "../timeline/schema";
import { bodyToHtml } from "./body-html";
import { escapeAttr, escapeHtml } from "./escape";
import { link, mediaHtml, sourceHtml } from "./html";
import { jsonLdScript, timelineToJsonLd } from "./jsonld";
import { htmlText, sanitizeTlHtml } from "./tl-html";
import { bodyFragment, groupByYear, showMedia } from "./view";

/** Where a publication lives, from the public base URL (PUBLIC_URL, else the request's origin). */
export type TPublicationUrls = { page: string; embed: string; json: string; oembed: string };

export function publicationUrls(base: string, slug: string): TPublicationUrls {
  const root = base.replace(/\/+$/, "");
  const page = `${root}/p/${encodeURIComponent(slug)}`;
  return {
    page,
    embed: `${root}/embed/${encodeURIComponent(slug)}`,
    json: `${page}/timeline.json`,
    oembed: `${root}/api/oembed?url=${encodeURIComponent(page)}&format=json`,
  };
}

/**
 * The embed snippet people paste into their CMS (and oEmbed's `html`): an iframe of /embed/<slug>,
 * `width` pixels at most but never wider than its column.
 */
export function embedSnippet(embedUrl: string, title: string, size: { width: number; height: number } = EMBED_SIZE): string {
  return (
    `<iframe src="${escapeAttr(embedUrl)}" title="${escapeAttr(title || "Timeline")}" width="${size.width}" height="${size.height}" ` +
    `style="width:100%;max-width:${size.width}px;border:0" allowfullscreen loading="lazy"></iframe>`
  );
}

/** TimelineJS's own embed generator defaults to 650 pixels high; 800 wide fits a news article's column. */
export const EMBED_SIZE = { width: 800, height: 650 } as const;

/** The TimelineJS files and our mount script, as paths on our origin. */
export type TTimelineJsAssets = {
  css: string;
  js: string;
  /** TimelineJS's `script_path`: the directory its locale files and fonts are found from. */
  scriptPath: string;
  /** Our script that reads the container's data attributes and starts TimelineJS. */
  mount: string;
  /** A TimelineJS locale this timeline's language has, or "en". */
  language: string;
};

/**
 * The policy of both pages, also sent as a header. Scripts only from our origin (the mount script is a
 * file; TimelineJS is served by us), so no inline script runs and any embed HTML that TimelineJS itself
 * injects for a media `url` cannot run code. Styles allow 'unsafe-inline' because TimelineJS positions
 * everything with style attributes. Media, images and embedded players may come from any http(s) host,
 * as TimelineJS media do; `connect-src 'self'` is for the timeline JSON and TimelineJS's locale file.
 */
export function publicCsp(frameAncestors: "'self'" | "*"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: http: data:",
    "media-src https: http:",
    "font-src 'self' data:",
    "frame-src https: http:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

const STYLE = `
body { margin: 0; font: 17px/1.55 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fff; }
.page { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
.summary { white-space: pre-line; color: #444; }
.band { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.viewer { height: min(650px, 85vh); margin: 1.5rem 0 2rem; }
.year { margin-top: 2.5rem; }
.year > h2 { font: 700 1.4rem/1.2 system-ui, sans-serif; border-bottom: 2px solid #ccc; padding-bottom: .25rem; }
.entry { margin: 0 0 2rem; padding-left: 1rem; border-left: 3px solid #ddd; }
.date, .meta, .sources, figcaption, footer { font-family: system-ui, sans-serif; }
.date { font-size: .9rem; font-weight: 600; color: #555; margin: 0; }
.entry > h3 { font-size: 1.25rem; margin: .2rem 0 .5rem; }
.meta { font-size: .85rem; color: #555; }
figure { margin: 1rem 0; }
img { max-width: 100%; height: auto; }
figcaption, .sources { font-size: .85rem; color: #555; }
.sources h4 { margin: 1rem 0 .25rem; }
blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid #ccc; color: #444; }
pre { overflow-x: auto; background: #f5f5f5; padding: .5rem; }
footer { margin-top: 3rem; font-size: .8rem; color: #777; }
`.trim();

// The embed fills its iframe; TimelineJS sizes itself from its container and follows resizes.
const EMBED_STYLE = `
html, body { width: 100%; height: 100%; margin: 0; padding: 0; }
.viewer { width: 100%; height: 100%; }
.page { max-width: 44rem; margin: 1rem auto; padding: 0 1rem; font: 16px/1.5 Georgia, serif; }
`.trim();

// The app's icon (app/icon.svg): without it a browser asks for /favicon.ico, which we do not have.
const ICON = '<link rel="icon" href="/icon.svg" type="image/svg+xml">';

// What a BCP 47 tag looks like (the ops.ts rule); anything else would make `lang` meaningless.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

// Link previews cut descriptions at about 200 characters; a sentence cut there reads better than one cut later.
const DESCRIPTION_CHARS = 200;

export type TPublicPageOptions = {
  urls: TPublicationUrls;
  assets: TTimelineJsAssets;
  publishedAt: Date;
};

/** /p/<slug>: the complete page. */
export function publicPageHtml(doc: Y.Doc, opts: TPublicPageOptions): string {
  const meta = readMeta(doc);
  const entries = listEntries(doc);
  const title = meta.title || "Untitled timeline";
  const description = describe(meta, entries);
  const image = previewImage(meta, entries);
  return lines(
    "<!DOCTYPE html>",
    `<html lang="${escapeAttr(languageOf(meta))}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    description && `<meta name="description" content="${escapeAttr(description)}">`,
    ICON,
    `<link rel="canonical" href="${escapeAttr(opts.urls.page)}">`,
    `<link rel="alternate" type="application/json+oembed" href="${escapeAttr(opts.urls.oembed)}" title="${escapeAttr(title)}">`,
    `<link rel="alternate" type="application/json" href="${escapeAttr(opts.urls.json)}" title="TimelineJS JSON">`,
    property("og:type", "article"),
    property("og:title", title),
    description && property("og:description", description),
    property("og:url", opts.urls.page),
    image && property("og:image", image.src),
    image?.alt && property("og:image:alt", image.alt),
    named("twitter:card", image ? "summary_large_image" : "summary"),
    named("twitter:title", title),
    description && named("twitter:description", description),
    image && named("twitter:image", image.src),
    image?.alt && named("twitter:image:alt", image.alt),
    jsonLdScript(timelineToJsonLd(doc, { url: opts.urls.page })),
    ...assetTags(opts.assets),
    `<style>\n${STYLE}\n</style>`,
    "</head>",
    "<body>",
    '<div class="page">',
    "<header>",
    `<h1>${escapeHtml(title)}</h1>`,
    // The summary may hold a TimelineJS title slide's HTML (an import's `<p>`s and links): shown as a
    // browser reads it, by the same allow-list TimelineJS's own text goes through on import.
    meta.summary && `<div class="summary">${sanitizeTlHtml(meta.summary).html}</div>`,
    meta.media && mediaHtml(meta.media, PAGE_MEDIA),
    "</header>",
    "</div>",
    // TimelineJS wider than the text column: its slides and time axis need the room.
    `<div class="band">${viewerHtml(opts, {})}</div>`,
    '<div class="page">',
    chronologyHtml(doc, entries),
    `<footer><p>Published on <time datetime="${escapeAttr(opts.publishedAt.toISOString())}">${escapeHtml(publishedLabel(opts.publishedAt))}</time> with Dateline</p></footer>`,
    "</div>",
    "</body>",
    "</html>",
  );
}

/** /embed/<slug>: TimelineJS filling the iframe, no chrome; the chronology for readers without JavaScript. */
export function embedPageHtml(doc: Y.Doc, opts: TPublicPageOptions): string {
  const meta = readMeta(doc);
  const title = meta.title || "Untitled timeline";
  return lines(
    "<!DOCTYPE html>",
    `<html lang="${escapeAttr(languageOf(meta))}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<link rel="canonical" href="${escapeAttr(opts.urls.page)}">`,
    // Links in slides leave the iframe instead of replacing the embed inside the host's page.
    '<base target="_blank">',
    ...assetTags(opts.assets),
    `<style>\n${EMBED_STYLE}\n</style>`,
    "</head>",
    "<body>",
    viewerHtml(opts, { is_embed: true, is_full_embed: true }),
    "<noscript>",
    '<div class="page">',
    `<h1>${escapeHtml(title)}</h1>`,
    chronologyHtml(doc, listEntries(doc)),
    "</div>",
    "</noscript>",
    "</body>",
    "</html>",
  );
}

/** A page for a publication that is gone (410) or never was (404). */
export function publicStatusHtml(status: 404 | 410): string {
  const [heading, text] =
    status === 410
      ? ["This timeline is no longer published", "Its publisher has taken it down."]
      : ["No such timeline", "Nothing is published at this address."];
  return lines(
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${heading}</title>`,
    ICON,
    `<style>\n${STYLE}\n</style>`,
    "</head>",
    "<body>",
    `<div class="page"><h1>${heading}</h1><p>${text}</p></div>`,
    "</body>",
    "</html>",
  );
}

/** The editor's live preview frame: TimelineJS waiting for the parent's `dateline:timelinejs` message. */
export function previewFrameHtml(assets: TTimelineJsAssets & { frameScript: string }): string {
  return lines(
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>TimelineJS preview</title>",
    '<meta name="robots" content="noindex">',
    '<base target="_blank">',
    `<link rel="stylesheet" href="${escapeAttr(assets.css)}">`,
    `<script src="${escapeAttr(assets.js)}" defer></script>`,
    `<script src="${escapeAttr(assets.frameScript)}" defer></script>`,
    `<style>\n${EMBED_STYLE}\n</style>`,
    "</head>",
    "<body>",
    `<div id="timeline" class="viewer" data-script-path="${escapeAttr(assets.scriptPath)}" data-options="${escapeAttr(JSON.stringify(timelineJsOptions(assets)))}"></div>`,
    "</body>",
    "</html>",
  );
}

function assetTags(assets: TTimelineJsAssets): string[] {
  // `defer` runs them in order once the page is parsed: TimelineJS first, then the script that starts it.
  return [
    `<link rel="stylesheet" href="${escapeAttr(assets.css)}">`,
    `<script src="${escapeAttr(assets.js)}" defer></script>`,
    `<script src="${escapeAttr(assets.mount)}" defer></script>`,
  ];
}

// The TimelineJS container, hidden until the mount script has the data: without JavaScript it would be
// an empty box above the chronology. The options are data, read by a script file (no inline script). The
// JSON is named by its path: fetched from whatever origin the reader reached, which `connect-src 'self'`
// allows, even when PUBLIC_URL names another.
function viewerHtml(opts: TPublicPageOptions, extra: Record<string, boolean>): string {
  return (
    `<div id="timeline" class="viewer" hidden data-source="${escapeAttr(new URL(opts.urls.json).pathname)}" ` +
    `data-script-path="${escapeAttr(opts.assets.scriptPath)}" data-options="${escapeAttr(JSON.stringify(timelineJsOptions(opts.assets, extra)))}"></div>`
  );
}

// TimelineJS's default font CSS loads PT Sans and PT Serif from Google Fonts; this theme of its own uses
// Georgia and Helvetica, already on the reader's machine, so nothing loads from another origin.
const TIMELINEJS_FONT = "georgia-helvetica";

function timelineJsOptions(assets: TTimelineJsAssets, extra: Record<string, boolean> = {}): Record<string, string | boolean> {
  return { language: assets.language, font: TIMELINEJS_FONT, ...extra };
}

function chronologyHtml(doc: Y.Doc, entries: TEntry[]): string {
  if (entries.length === 0) return '<main><p class="empty">This timeline has no entries yet.</p></main>';
  const sections = groupByYear(entries).map(
    (group) =>
      `<section class="year">\n<h2>${escapeHtml(group.label)}</h2>\n` +
      `${group.entries.map((entry) => entryHtml(doc, entry)).join("\n")}\n</section>`,
  );
  return lines("<main>", ...sections, "</main>").trimEnd();
}

function entryHtml(doc: Y.Doc, entry: TEntry): string {
  const fragment = bodyFragment(doc, entry.id);
  const body = fragment === undefined ? "" : bodyToHtml(fragment);
  const sources = entry.sources.map(sourceHtml).filter((s) => s !== "");
  const metaParts = [
    entry.group && `<span class="group">${escapeHtml(entry.group)}</span>`,
    entry.tags.length > 0 && `<span class="tags">${escapeHtml(entry.tags.join(", "))}</span>`,
  ].filter(Boolean);
  return lines(
    `<article class="entry" id="${escapeAttr(`entry-${entry.id}`)}">`,
    `<p class="date">${dateHtml(entry)}</p>`,
    entry.headline && `<h3>${escapeHtml(entry.headline)}</h3>`,
    metaParts.length > 0 && `<p class="meta">${metaParts.join(" · ")}</p>`,
    body && `<div class="body">${body}</div>`,
    entry.media && mediaHtml(entry.media, PAGE_MEDIA),
    sources.length > 0 &&
      `<section class="sources">\n<h4>Sources</h4>\n<ul>\n${sources.map((s) => `<li>${s}</li>`).join("\n")}\n</ul>\n</section>`,
    "</article>",
  ).trimEnd();
}

/**
 * The entry's date as people read it everywhere else (entryDateLabel: "c. 2011", "April – August 2019"),
 * with each end in a `<time datetime>` at its own precision: `2019-04`, `2019-08`. A display date is one
 * label for the whole span, so it carries the start. A stored value that is not a date is shown as text.
 */
function dateHtml(entry: TEntry): string {
  const label = entryDateLabel(entry);
  const start = tryParsePartialDate(entry.start);
  if (!start.ok) return escapeHtml(label);
  const time = (iso: string, text: string) => `<time datetime="${escapeAttr(iso)}">${escapeHtml(text)}</time>`;
  const cut = label.indexOf(RANGE_DASH);
  if (entry.displayDate || entry.end === undefined || cut < 0) return time(formatPartialDate(start.date), label);
  const end = tryParsePartialDate(entry.end);
  const endText = label.slice(cut + RANGE_DASH.length);
  return `${time(formatPartialDate(start.date), label.slice(0, cut))}${RANGE_DASH}${end.ok ? time(formatPartialDate(end.date), endText) : escapeHtml(endText)}`;
}

// Images load as readers scroll; captions and credits are shown as text.
const PAGE_MEDIA = { lazy: true, caption: escapeHtml };

// entryDateLabel joins the two ends of a range with this, and no single date label contains it.
const RANGE_DASH = " – ";

// The summary, else how many entries from when: what a link preview shows under the title.
function describe(meta: TMeta, entries: TEntry[]): string {
  const text = htmlText(meta.summary);
  const fallback = entries.length === 0 ? "" : `${entries.length === 1 ? "1 entry" : `${entries.length.toLocaleString("en")} entries`}, from ${entryDateLabel(entries[0])}.`;
  const chosen = text || fallback;
  if (chosen.length <= DESCRIPTION_CHARS) return chosen;
  const cut = chosen.slice(0, DESCRIPTION_CHARS - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), DESCRIPTION_CHARS / 2))}…`;
}

// The title slide's image, else the first entry's (in chronological order) that is an image.
function previewImage(meta: TMeta, entries: TEntry[]): { src: string; alt: string } | null {
  for (const media of [meta.media, ...entries.map((e) => e.media)]) {
    if (media === undefined) continue;
    const shown = showMedia(media);
    if (shown.kind === "image") return { src: shown.src, alt: media.alt?.trim() ?? "" };
  }
  return null;
}

function languageOf(meta: TMeta): string {
  return LANGUAGE_TAG.test(meta.language) ? meta.language : "en";
}

// To the minute, in UTC: "25 December 2019, 09:00 UTC".
function publishedLabel(at: Date): string {
  return `${formatDateLabel(at.toISOString().slice(0, 16))} UTC`;
}

function property(name: string, content: string): string {
  return `<meta property="${name}" content="${escapeAttr(content)}">`;
}

function named(name: string, content: string): string {
  return `<meta name="${name}" content="${escapeAttr(content)}">`;
}

// Joins the parts that are present, one per line.
function lines(...parts: Array<string | undefined | false | null>): string {
  return `${parts.filter((p): p is string => typeof p === "string" && p !== "").join("\n")}\n`;
}

