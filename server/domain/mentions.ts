// Mentions in a comment's plain-text body: `@[Name](userId)`, as the editor's @-picker writes them.
import type { TDomain } from "../context.ts";
import type { TMention } from "./comments.types.ts";

const MENTION = /@\[([^\]\n]*)\]\(([^()\s]+)\)/g;

/**
 * The people a body mentions who are members of the timeline now, each once, with the name the
 * database has: the name typed between the brackets is only what the writer saw, and anyone can type
 * any id.
 */
export async function resolveMentions(d: Pick<TDomain, "prisma">, timelineId: string, body: string): Promise<TMention[]> {
  const ids = [...new Set(Array.from(body.matchAll(MENTION), (m) => m[2]!))];
  if (ids.length === 0) return [];
  const members = await d.prisma.timelineMember.findMany({
    where: { timelineId, userId: { in: ids } },
    select: { userId: true, user: { select: { name: true } } },
  });
  const names = new Map(members.map((m) => [m.userId, m.user.name]));
  return ids.flatMap((userId) => (names.has(userId) ? [{ userId, name: names.get(userId)! }] : []));
}

/** What the bell and the email show of a comment: mentions as "@Name", on one line, cut short. */
export function commentExcerpt(body: string): string {
  const MAX = 140; // a bell's line and an email's first line without much wrapping
  const plain = body.replace(MENTION, "@$1").replace(/\s+/g, " ").trim();
  const chars = Array.from(plain); // by code point: never cut an emoji in half
  return chars.length > MAX ? `${chars.slice(0, MAX - 1).join("")}…` : plain;
}
