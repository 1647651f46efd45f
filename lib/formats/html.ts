// A timeline as one standalone HTML5 page: readable offline, in a CMS preview or as an e-mail
// attachment. It carries no script at all, and its Content-Security-Policy forbids any, so that even a
// rendering mistake here could not run code in the reader's browser.
import type * as Y from "yjs";
import { entryDateLabel, formatDateLabel } from "../timeline/dates";
import { listEntries, readMeta, type TEntry, type TMedia, type TSource } from "../timeline/schema";
import { LINK_REL, bodyToHtml } from "./body-html";
import { escapeAttr, escapeHtml, safeHref } from "./escape";
import { sanitizeTlHtml } from "./tl-html";
import { STATUS_LABELS, accessedLabel, bodyFragment, groupByYear, showMedia } from "./view";

/**
 * The page's policy, also meant for the Content-Security-Policy header of the export response (a header
 * applies from the first byte; the meta tag only from where it is parsed). Styles are inline, images may
 * come from any http(s) host; nothing else loads. `base-uri` and `form-action` are not covered by
 * `default-src`, so they are closed explicitly.
 */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; base-uri 'none'; form-action 'none'";

const STYLE = `
body { max-width: 44rem; margin: 2rem auto; padding: 0 1rem; font: 17px/1.55 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fff; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
.summary { white-space: pre-line; color: #444; }
.year { margin-top: 2.5rem; }
.year > h2 { font: 700 1.4rem/1.2 system-ui, sans-serif; border-bottom: 2px solid #ccc; padding-bottom: .25rem; }
.entry { margin: 0 0 2rem; padding-left: 1rem; border-left: 3px solid #ddd; }
.date, .meta, .sources, figcaption, footer { font-family: system-ui, sans-serif; }
.date { font-size: .9rem; font-weight: 600; color: #555; margin: 0; }
.entry > h3 { font-size: 1.25rem; margin: .2rem 0 .5rem; }
.meta { font-size: .85rem; color: #555; }
.status { display: inline-block; padding: 0 .6em; border-radius: 1em; font-weight: 600; }
.status-draft { background: #eee; color: #444; }
.status-needs-review { background: #fff3cd; color: #6b4e00; }
.status-verified { background: #d9f2e3; color: #17603a; }
.status-disputed { background: #fbe0e0; color: #8a1c1c; }
figure { margin: 1rem 0; }
img { max-width: 100%; height: auto; }
figcaption, .sources { font-size: .85rem; color: #555; }
.sources h4 { margin: 1rem 0 .25rem; }
blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid #ccc; color: #444; }
pre { overflow-x: auto; background: #f5f5f5; padding: .5rem; }
footer { margin-top: 3rem; font-size: .8rem; color: #777; }
`.trim();

// What a BCP 47 tag looks like (the ops.ts rule); anything else would make `lang` meaningless.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export function timelineToHtml(doc: Y.Doc, opts: { generatedAt?: Date } = {}): string {
  const meta = readMeta(doc);
  const title = meta.title || "Untitled timeline";
  const lang = LANGUAGE_TAG.test(meta.language) ? meta.language : "en";
  const sections = groupByYear(listEntries(doc)).map(
    (group) =>
      `<section class="year">\n<h2>${escapeHtml(group.label)}</h2>\n` +
      `${group.entries.map((entry) => entryHtml(doc, entry)).join("\n")}\n</section>`,
  );
  return lines(
    "<!DOCTYPE html>",
    `<html lang="${escapeAttr(lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(EXPORT_CSP)}">`,
    // Image requests would otherwise tell every image host where the page was opened.
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    "</head>",
    "<body>",
    "<header>",
    `<h1>${escapeHtml(title)}</h1>`,
    // The summary may hold a TimelineJS title slide's HTML: shown as a browser reads it, by the allow-list.
    meta.summary && `<div class="summary">${sanitizeTlHtml(meta.summary).html}</div>`,
    meta.media && mediaHtml(meta.media),
    "</header>",
    "<main>",
    ...sections,
    "</main>",
    opts.generatedAt && footerHtml(opts.generatedAt),
    "</body>",
    "</html>",
  );
}

// Joins the parts that are present, one per line.
function lines(...parts: Array<string | undefined | false>): string {
  return `${parts.filter((p): p is string => typeof p === "string" && p !== "").join("\n")}\n`;
}

function entryHtml(doc: Y.Doc, entry: TEntry): string {
  const fragment = bodyFragment(doc, entry.id);
  const body = fragment === undefined ? "" : bodyToHtml(fragment);
  const sources = entry.sources.map(sourceHtml).filter((s) => s !== "");
  return lines(
    `<article class="entry" id="${escapeAttr(`entry-${entry.id}`)}">`,
    `<p class="date">${escapeHtml(entryDateLabel(entry))}</p>`,
    entry.headline && `<h3>${escapeHtml(entry.headline)}</h3>`,
    metaLineHtml(entry),
    body && `<div class="body">${body}</div>`,
    entry.media && mediaHtml(entry.media),
    sources.length > 0 &&
      `<section class="sources">\n<h4>Sources</h4>\n<ul>\n${sources.map((s) => `<li>${s}</li>`).join("\n")}\n</ul>\n</section>`,
    "</article>",
  ).trimEnd();
}

function metaLineHtml(entry: TEntry): string {
  // The status comes from readEntry's allow-list, so it is safe in a class name.
  const parts = [`<span class="status status-${entry.status}">${STATUS_LABELS[entry.status]}</span>`];
  if (entry.group) parts.push(`<span class="group">Group: ${escapeHtml(entry.group)}</span>`);
  if (entry.tags.length > 0) parts.push(`<span class="tags">Tags: ${escapeHtml(entry.tags.join(", "))}</span>`);
  return `<p class="meta">${parts.join(" · ")}</p>`;
}

export function link(href: string, inner: string): string {
  return `<a href="${escapeAttr(href)}" rel="${LINK_REL}">${inner}</a>`;
}

/**
 * Media as a figure: an image (in its link), a link, or only the caption. `caption` renders a caption or
 * credit (by default the TimelineJS allow-list); `lazy` defers loading images further down a long page.
 */
export function mediaHtml(media: TMedia, opts: { lazy?: boolean; caption?: (s: string) => string } = {}): string {
  const caption = opts.caption ?? ((s: string) => sanitizeTlHtml(s).html);
  const shown = showMedia(media);
  let visual = "";
  if (shown.kind === "image") {
    const img = `<img src="${escapeAttr(shown.src)}" alt="${escapeAttr(media.alt ?? "")}"${opts.lazy ? ' loading="lazy"' : ""}>`;
    visual = shown.href === null ? img : link(shown.href, img);
  } else if (shown.kind === "link") {
    visual = link(shown.href, escapeHtml(media.title || shown.href));
  }
  const lines = [
    // Captions and credits may hold TimelineJS HTML (links to the source, an <em>).
    media.caption && `<span class="caption">${caption(media.caption)}</span>`,
    media.credit && `<span class="credit">${caption(media.credit)}</span>`,
  ].filter(Boolean);
  if (visual === "" && lines.length === 0) return "";
  return `<figure class="media">${visual}${lines.length > 0 ? `<figcaption>${lines.join(" ")}</figcaption>` : ""}</figure>`;
}

// "Title, Publisher, accessed 3 May 2020 <q>quote</q>": the title (or else the URL) links to the URL
// only when that is a safe link; an unsafe URL is at most shown as text.
export function sourceHtml(source: TSource): string {
  const href = source.url === undefined ? null : safeHref(source.url);
  const label = source.title || source.url;
  const parts = [
    label && (href === null ? escapeHtml(label) : link(href, escapeHtml(label))),
    source.publisher && `<span class="publisher">${escapeHtml(source.publisher)}</span>`,
    source.accessed && `accessed ${escapeHtml(accessedLabel(source.accessed))}`,
  ].filter(Boolean);
  const quote = source.quote ? `<q>${escapeHtml(source.quote)}</q>` : "";
  return [parts.join(", "), quote].filter(Boolean).join(" ");
}

function footerHtml(generatedAt: Date): string {
  const iso = generatedAt.toISOString();
  // To the minute, in UTC: "25 December 2019, 09:00 UTC".
  const label = `${formatDateLabel(iso.slice(0, 16))} UTC`;
  return `<footer><p>Exported from Dateline on <time datetime="${escapeAttr(iso)}">${escapeHtml(label)}</time></p></footer>`;
}
