// Escaping and URL allow-lists for every format we render. Document strings are attacker-controlled (any
// editor, or a crafted Yjs update that never went through ops.ts), so output is made inert here, at the
// point of writing, rather than trusting anything stored.

/** Text content: `<` can no longer open a tag, `&` a character reference. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => HTML_ENTITIES[c]);
}

/** An attribute value. We always write values double-quoted; `'` is escaped too so a slip cannot break out. */
export function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// A browser's URL parser drops leading and trailing controls and spaces and deletes tabs and newlines
// anywhere, so "java\tscript:" is javascript: to it. Rather than replay those rules, any control character
// left after trimming rejects the URL: no honest link has one.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

// An explicit scheme is required: relative URLs mean nothing in an exported file, and resolving them
// against a made-up base would only hide what was written.
function allowedUrl(raw: string, protocols: readonly string[]): string | null {
  const trimmed = raw.trim();
  if (CONTROL.test(trimmed)) return null;
  const absolute = trimmed.startsWith("//") ? `https:${trimmed}` : trimmed;
  const scheme = SCHEME.exec(absolute)?.[1].toLowerCase();
  if (scheme === undefined || !protocols.includes(`${scheme}:`)) return null;
  try {
    const url = new URL(absolute);
    // Checked again on the parsed URL, in case parsing saw a different scheme than the pattern did.
    return protocols.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A link a reader may follow (http, https, mailto; `//host` becomes https), normalized as a browser would
 * (`new URL().href`), or null. Character references are not decoded: output escaping keeps `&` literal.
 */
export function safeHref(url: string): string | null {
  return allowedUrl(url, ["http:", "https:", "mailto:"]);
}

/** An image or media source (http, https; `//host` becomes https), normalized, or null. */
export function safeSrc(url: string): string | null {
  return allowedUrl(url, ["http:", "https:"]);
}

/**
 * Text inside a Markdown paragraph, heading or link text: characters that could start markup (emphasis,
 * code, links, raw HTML, character references, GFM strikethrough and tables) are backslash-escaped, and
 * newlines become spaces, since a newline in running text could start a new block.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\r\n?|\n/g, " ")
    .replace(/[\\`*_[\]<>~|]/g, "\\$&")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&");
}

/** Text in an ATX heading, where `#` may also close the heading. */
export function escapeMarkdownHeading(s: string): string {
  return escapeMarkdown(s).replace(/#/g, "\\#");
}

/**
 * A line of escaped Markdown made safe to start a line with: leading blanks (four would make a code block)
 * are dropped, and what would open a heading, a list or a thematic break is escaped.
 */
export function guardLineStart(line: string): string {
  return line
    .replace(/^[ \t]+/, "")
    .replace(/^[#+=-]/, "\\$&")
    .replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

/** A link destination for `[text](…)`, from a URL `safeHref` or `safeSrc` accepted. */
export function markdownDestination(url: string): string {
  return url.replace(/[()<>\\]/g, "\\$&").replace(/ /g, "%20");
}
