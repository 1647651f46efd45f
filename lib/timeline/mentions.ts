// Mentions in comment bodies: `@[Name](userId)` in plain text, as the @-picker writes them (PRODUCT.md,
// "Comments"). The one parser of that syntax: the server counts the mentions it finds, and the same
// reading draws the chips in the browser and the names in notifications.

/** A mention as written: where it stands in the body, the name typed between the brackets, the id. */
export type TMentionMatch = { index: number; length: number; name: string; userId: string };

export type TCommentSegment = { kind: "text"; text: string } | { kind: "mention"; userId: string; name: string };

// The name holds no bracket and no line break (mentionMarkup drops brackets), the id no parenthesis
// and no whitespace: so `@[x](a(@[Bob](id)` is some text, then Bob. Keeping brackets out of the name
// also keeps parsing linear: no two attempts scan the same characters, even in 10,000 `@[`.
const MENTION = /@\[([^[\]\n]*)\]\(([^()\s]+)\)/g;

/** Every well-formed mention in the body, in order; whether its id is anyone is for the server to say. */
export function parseMentions(body: string): TMentionMatch[] {
  return Array.from(body.matchAll(MENTION), (m) => ({ index: m.index, length: m[0].length, name: m[1]!, userId: m[2]! }));
}

/**
 * A body as text and mentions. Only the mentions in `counted` (those the server stored: members of
 * the timeline, with their real names) become mentions, under that name; any other `@[…](…)` stays
 * the text that was typed.
 */
export function commentSegments(body: string, counted: ReadonlyArray<{ userId: string; name: string }>): TCommentSegment[] {
  const names = new Map(counted.map((m) => [m.userId, m.name]));
  const out: TCommentSegment[] = [];
  let last = 0;
  for (const match of parseMentions(body)) {
    const name = names.get(match.userId);
    if (name === undefined) continue;
    if (match.index > last) out.push({ kind: "text", text: body.slice(last, match.index) });
    out.push({ kind: "mention", userId: match.userId, name });
    last = match.index + match.length;
  }
  if (last < body.length) out.push({ kind: "text", text: body.slice(last) });
  return out;
}

/** The markup for a mention. Brackets or a line break in a name would end it early, so they go: the real name is shown anyway. */
export function mentionMarkup(name: string, userId: string): string {
  return `@[${name.replace(/[[\]]/g, "").replace(/\n/g, " ")}](${userId})`;
}
