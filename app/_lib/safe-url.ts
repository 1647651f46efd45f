// Document strings are untrusted: a URL is only ever turned into a link when its scheme is one we
// allow, so `javascript:` and `data:` URLs from an import or a colleague never become clickable.

const WEB = new Set(["http:", "https:"]);
const LINK = new Set(["http:", "https:", "mailto:"]);

function hasProtocol(url: string, allowed: ReadonlySet<string>): boolean {
  try {
    return allowed.has(new URL(url.trim()).protocol);
  } catch {
    return false;
  }
}

/** For media and source URLs: only web pages open from the editor. */
export function isWebUrl(url: string): boolean {
  return hasProtocol(url, WEB);
}

/** For links inside rich text. */
export function isSafeLinkUrl(url: string): boolean {
  return hasProtocol(url, LINK);
}
