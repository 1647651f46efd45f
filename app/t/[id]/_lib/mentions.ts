// Mentions in comment bodies: `@[Name](userId)` in plain text (PRODUCT.md, "Comments").

export type TCommentSegment = { kind: "text"; text: string } | { kind: "mention"; userId: string; name: string };

const MENTION = /@\[([^\]\n]*)\]\(([^)\s]+)\)/g;

/**
 * A body as text and mention chips. Only the mentions the server counted (members of the timeline,
 * with their real names) become chips; any other `@[…](…)` stays the text that was typed.
 */
export function commentSegments(body: string, mentions: ReadonlyArray<{ userId: string; name: string }>): TCommentSegment[] {
  const names = new Map(mentions.map((m) => [m.userId, m.name]));
  const out: TCommentSegment[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    const name = names.get(match[2]);
    if (name === undefined) continue;
    if (match.index > last) out.push({ kind: "text", text: body.slice(last, match.index) });
    out.push({ kind: "mention", userId: match[2], name });
    last = match.index + match[0].length;
  }
  if (last < body.length) out.push({ kind: "text", text: body.slice(last) });
  return out;
}

/** The markup for a mention; brackets in a name would end it early, so they are dropped (the server shows the real name anyway). */
export function mentionMarkup(name: string, userId: string): string {
  return `@[${name.replace(/[[\]]/g, "")}](${userId})`;
}

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
