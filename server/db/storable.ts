// Postgres (and PGlite) refuse U+0000 in text and lone surrogates in jsonb: text that came from a
// client (a headline typed by any Yjs program) is made storable before it reaches a row.
import { wellFormed } from "../../lib/timeline/ops.ts";

export function storable(s: string): string {
  return wellFormed(s).replaceAll("\u0000", "\uFFFD");
}
