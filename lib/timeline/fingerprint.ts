// Short fingerprints of a headline or a body, as stored. An import keeps a field's original TimelineJS HTML
// beside what the editor works on (classes, data-* attributes and the like have no place in the editor's
// schema); the export writes the original back only while the field's fingerprint is the one recorded at
// import, that is until someone edits it.
import type * as Y from "yjs";

// cyrb53 (a public-domain 53-bit string hash): fast, isomorphic and plenty against accidental equality.
// Not a security measure: whoever can change the field can rewrite the stored original too.
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The headline's text with its formatting. */
export function headlineFingerprint(title: Y.Text): string {
  return hash53(JSON.stringify(title.toDelta()));
}

/** The body's elements, attributes, text and marks (Yjs writes attributes in sorted order). */
export function bodyFingerprint(body: Y.XmlFragment): string {
  return hash53(body.toString());
}

/** A plain string field (the timeline's title). */
export function textFingerprint(s: string): string {
  return hash53(s);
}
