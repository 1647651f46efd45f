// A timeline as CommonMark, for CMSs and readers' tools. Every string from the document is escaped, so
// the output holds no raw HTML and no link but the safe ones, whatever renderer it is pasted into.
import type * as Y from "yjs";
import { entryDateLabel } from "../timeline/dates";
import { listEntries, readMeta, type TEntry, type TMedia, type TSource } from "../timeline/schema";
import { bodyToMarkdown } from "./body-html";
import { escapeMarkdown, escapeMarkdownHeading, guardLineStart, markdownDestination, safeHref } from "./escape";
import { fieldText } from "./tl-html";
import { STATUS_LABELS, accessedLabel, bodyFragment, groupByYear, showMedia } from "./view";

export function timelineToMarkdown(doc: Y.Doc): string {
  const meta = readMeta(doc);
  const blocks = [
    `# ${escapeMarkdownHeading(meta.title || "Untitled timeline")}`,
    // The summary may hold a TimelineJS title slide's HTML: its text, as a browser shows it.
    plainMarkdown(fieldText(meta.summary)),
    meta.media ? mediaMarkdown(meta.media) : "",
    ...groupByYear(listEntries(doc)).flatMap((group) => [
      `## ${escapeMarkdownHeading(group.label)}`,
      ...group.entries.map((entry) => entryMarkdown(doc, entry)),
    ]),
  ];
  return `${blocks.filter((b) => b !== "").join("\n\n")}\n`;
}

function entryMarkdown(doc: Y.Doc, entry: TEntry): string {
  const heading = [entryDateLabel(entry), entry.headline].filter(Boolean).map(escapeMarkdownHeading).join(" — ");
  const fragment = bodyFragment(doc, entry.id);
  const sources = entry.sources.map(sourceMarkdown).filter((s) => s !== "");
  return [
    `### ${heading}`,
    statusLine(entry),
    fragment === undefined ? "" : bodyToMarkdown(fragment),
    entry.media ? mediaMarkdown(entry.media) : "",
    sources.length > 0 ? `Sources:\n\n${sources.map((s) => `- ${s}`).join("\n")}` : "",
  ]
    .filter((b) => b !== "")
    .join("\n\n");
}

function statusLine(entry: TEntry): string {
  const parts = [`Status: ${STATUS_LABELS[entry.status]}`];
  if (entry.group) parts.push(`Group: ${escapeMarkdown(entry.group)}`);
  if (entry.tags.length > 0) parts.push(`Tags: ${entry.tags.map(escapeMarkdown).join(", ")}`);
  return parts.join(" · ");
}

// Plain text as paragraphs (split at blank lines) whose line breaks are kept as hard breaks.
function plainMarkdown(text: string): string {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) =>
      paragraph
        .split(/\r\n?|\n/)
        .map((line) => guardLineStart(escapeMarkdown(line)))
        .filter((line) => line !== "")
        .join("\\\n"),
    )
    .filter((p) => p !== "")
    .join("\n\n");
}

function mediaMarkdown(media: TMedia): string {
  const shown = showMedia(media);
  let visual = "";
  if (shown.kind === "image") {
    const image = `![${escapeMarkdown(media.alt ?? "")}](${markdownDestination(shown.src)})`;
    visual = shown.href === null ? image : `[${image}](${markdownDestination(shown.href)})`;
  } else if (shown.kind === "link") {
    visual = `[${escapeMarkdown(media.title || shown.href)}](${markdownDestination(shown.href)})`;
  }
  const caption = [media.caption && fieldText(media.caption), media.credit && `Credit: ${fieldText(media.credit)}`].filter(Boolean).join(" · ");
  return [visual, caption && guardLineStart(escapeMarkdown(caption))].filter(Boolean).join("\n\n");
}

// As in the HTML export: the title (or else the URL) links only to a safe URL.
function sourceMarkdown(source: TSource): string {
  const href = source.url === undefined ? null : safeHref(source.url);
  const label = source.title || source.url;
  const parts = [
    label && (href === null ? escapeMarkdown(label) : `[${escapeMarkdown(label)}](${markdownDestination(href)})`),
    source.publisher && escapeMarkdown(source.publisher),
    source.accessed && `accessed ${escapeMarkdown(accessedLabel(source.accessed))}`,
  ].filter(Boolean);
  const quote = source.quote ? `“${escapeMarkdown(source.quote)}”` : "";
  return guardLineStart([parts.join(", "), quote].filter(Boolean).join(" "));
}
