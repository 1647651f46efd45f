// The @-picker of the comment composer. The mention syntax itself, its parser and its markup are
// lib/timeline/mentions.ts, shared with the server.

export { mentionMarkup } from "@/lib/timeline/mentions";

/** Longest query the picker follows: past it, an `@` was an at sign, not a mention. */
const MAX_QUERY = 40;

/**
 * The mention being typed at `caret`: an `@` at the start or after a space, then up to the caret
 * no newline and no finished mention. Names have spaces ("Hana Checker"), so spaces are allowed.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  if (at > 0 && !/\s|[(“"']/.test(before.charAt(at - 1))) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || query.includes("\n") || query.startsWith("[") || query.startsWith(" ")) return null;
  return { start: at, query };
}

/** Members whose name (or email) contains the query, names starting with it first. */
export function filterMembers<T extends { name: string; email: string }>(members: readonly T[], query: string): T[] {
  const q = query.trim().toLocaleLowerCase();
  if (q === "") return [...members];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const m of members) {
    const name = m.name.toLocaleLowerCase();
    if (name.startsWith(q)) starts.push(m);
    else if (name.includes(q) || m.email.toLocaleLowerCase().startsWith(q)) contains.push(m);
  }
  return [...starts, ...contains];
}
