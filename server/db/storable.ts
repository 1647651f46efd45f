// Postgres (and PGlite) refuse U+0000 in text and lone surrogates in jsonb: text that came from a
// client (a headline typed by any Yjs program) is made storable before it reaches a row.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storable(s: string): string {
  return s.replace(UNSTORABLE, "\uFFFD");
}
