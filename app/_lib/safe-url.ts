// Document strings are untrusted: a URL is only ever turned into a link when its scheme is one we
// allow, so `javascript:` and `data:` URLs from an import or a colleague never become clickable. The
// editor and every export share one policy: lib/formats/escape.ts.
import { safeHref, safeSrc } from "@/lib/formats/escape";

/** For media and source URLs: only web pages open from the editor (the exports' policy, lib/formats). */
export function webHref(url: unknown): string | null {
  return typeof url === "string" ? safeSrc(url) : null;
}

export function isWebUrl(url: unknown): boolean {
  return webHref(url) !== null;
}

/** For links inside rich text: http, https and mailto, as in the exports. */
export function linkHref(url: unknown): string | null {
  return typeof url === "string" ? safeHref(url) : null;
}

export function isSafeLinkUrl(url: unknown): boolean {
  return linkHref(url) !== null;
}

/**
 * A `next` parameter to go to after signing in: a path on this site only. "//host" and "/\host"
 * are read by browsers as another host, so they are refused along with absolute URLs.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return null;
  // Control characters (a tab or newline inside "/\t/host") are dropped by URL parsers: refuse them.
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  // The browser's own reading has the last word: whatever it resolves to must stay on this site.
  const base = "https://dateline.invalid";
  return new URL(next, base).origin === base ? next : null;
}
