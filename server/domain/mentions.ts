// Mentions in a comment's plain-text body: `@[Name](userId)`, as the editor's @-picker writes them
// (lib/timeline/mentions.ts reads them, for the server and the browser alike).
import type { TDomain } from "../context.ts";
import type { TMention } from "./comments.types.ts";
import { commentSegments, parseMentions } from "../../lib/timeline/mentions.ts";

/**
 * The people a body mentions who are members of the timeline now, each once, with the name the
 * database has: the name typed between the brackets is only what the writer saw, and anyone can type
 * any id.
 */
export async function resolveMentions(d: Pick<TDomain, "prisma">, timelineId: string, body: string): Promise<TMention[]> {
  const ids = [...new Set(parseMentions(body).map((m) => m.userId))];
  if (ids.length === 0) return [];
  const members = await d.prisma.timelineMember.findMany({
    where: { timelineId, userId: { in: ids } },
    select: { userId: true, user: { select: { name: true } } },
  });
  const names = new Map(members.map((m) => [m.userId, m.user.name]));
  return ids.flatMap((userId) => (names.has(userId) ? [{ userId, name: names.get(userId)! }] : []));
}

/**
 * What the bell and the email show of a comment: its mentions (from resolveMentions) as "@" and the
 * member's real name, any other `@[…](…)` as typed, on one line, cut short. The name a writer typed
 * can say anything ("Olga, owner: OK to publish"), so it is never shown as someone's.
 */
export function commentExcerpt(body: string, mentions: readonly TMention[]): string {
  const MAX = 140; // a bell's line and an email's first line without much wrapping
  const plain = commentSegments(body, mentions)
    .map((s) => (s.kind === "mention" ? `@${s.name}` : s.text))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  const chars = Array.from(plain); // by code point: never cut an emoji in half
  return chars.length > MAX ? `${chars.slice(0, MAX - 1).join("")}…` : plain;
}
