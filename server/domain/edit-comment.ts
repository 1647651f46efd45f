import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { notify } from "./notify.ts";
import { commentExcerpt, resolveMentions } from "./mentions.ts";
import { requireRole } from "./timeline-access.ts";
import { COMMENT_INCLUDE, COMMENT_ROLES, findOwnComment, threadEvent, toComment, ZCommentInput, type TComment, type TPerson } from "./comments.types.ts";

/** Its author rewrites a comment; people it newly mentions are told, those it already did are not again. */
export async function editComment(d: TDomain, actor: TPerson, timelineId: string, threadId: string, commentId: string, input: unknown): Promise<TComment> {
  await requireRole(d, actor.id, timelineId, COMMENT_ROLES);
  const { body } = parseInput(ZCommentInput, input);
  const own = await findOwnComment(d, actor.id, timelineId, threadId, commentId);
  if (own.deleted) throw new AppError("conflict", "this comment was deleted");
  const mentions = await resolveMentions(d, timelineId, body);
  const [, , comment] = await d.prisma.$transaction([
    d.prisma.commentMention.deleteMany({ where: { commentId } }),
    d.prisma.commentMention.createMany({ data: mentions.map((m) => ({ commentId, userId: m.userId })) }),
    d.prisma.comment.update({ where: { id: commentId }, data: { body, editedAt: new Date() }, include: COMMENT_INCLUDE }),
    d.prisma.commentThread.update({ where: { id: threadId }, data: { updatedAt: new Date() } }),
  ]);
  d.bus.publish(threadEvent(timelineId, { id: threadId, entryId: own.entryId }));
  const before = new Set(own.mentioned);
  const excerpt = commentExcerpt(body, mentions);
  await notify(
    d,
    mentions
      .filter((m) => !before.has(m.userId))
      .map((m) => ({
        userId: m.userId,
        timelineId,
        kind: "mention" as const,
        threadId,
        entryId: own.entryId,
        actor,
        text: `${actor.name} mentioned you: ${excerpt}`,
      })),
  );
  return toComment(comment);
}
