import type { TDomain } from "../context.ts";
import { parseInput } from "../errors.ts";
import { newId } from "../ids.ts";
import type { TNotificationInput } from "./notify.ts";
import { notify } from "./notify.ts";
import { commentExcerpt, resolveMentions } from "./mentions.ts";
import { REVIEW_ROLES, requireRole } from "./timeline-access.ts";
import { COMMENT_INCLUDE, findThread, threadEvent, toComment, ZCommentInput, type TComment, type TPerson } from "./comments.types.ts";

/**
 * Replies in a thread. Everyone who wrote in it before hears of the reply; someone the reply mentions
 * hears of the mention instead (one notification for one comment).
 */
export async function addComment(d: TDomain, actor: TPerson, timelineId: string, threadId: string, input: unknown): Promise<TComment> {
  await requireRole(d, actor.id, timelineId, REVIEW_ROLES);
  const { body } = parseInput(ZCommentInput, input);
  const thread = await findThread(d, timelineId, threadId);
  const mentions = await resolveMentions(d, timelineId, body);
  const writers = await d.prisma.comment.findMany({
    where: { threadId, authorId: { not: null } },
    select: { authorId: true },
    distinct: ["authorId"],
  });
  const [comment] = await d.prisma.$transaction([
    d.prisma.comment.create({
      data: { id: newId(), threadId, authorId: actor.id, body, mentions: { createMany: { data: mentions.map((m) => ({ userId: m.userId })) } } },
      include: COMMENT_INCLUDE,
    }),
    d.prisma.commentThread.update({ where: { id: threadId }, data: { updatedAt: new Date() } }),
  ]);
  d.bus.publish(threadEvent(timelineId, thread));
  const mentioned = new Set(mentions.map((m) => m.userId));
  const earlier = new Set([thread.authorId, ...writers.map((w) => w.authorId)].filter((id): id is string => id !== null && !mentioned.has(id)));
  const base = { timelineId, threadId, entryId: thread.entryId, actor };
  const excerpt = commentExcerpt(body, mentions);
  const items: TNotificationInput[] = [
    ...mentions.map((m) => ({ ...base, userId: m.userId, kind: "mention" as const, text: `${actor.name} mentioned you: ${excerpt}` })),
    ...[...earlier].map((userId) => ({ ...base, userId, kind: "reply" as const, text: `${actor.name} replied: ${excerpt}` })),
  ];
  await notify(d, items);
  return toComment(comment);
}
