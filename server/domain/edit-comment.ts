import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { notify } from "./notify.ts";
import { commentExcerpt, resolveMentions } from "./mentions.ts";
import { REVIEW_ROLES, requireRole } from "./timeline-access.ts";
import { COMMENT_INCLUDE, findOwnComment, threadEvent, toComment, ZCommentInput, type TComment, type TPerson } from "./comments.types.ts";

const DELETED = () => new AppError("conflict", "this comment was deleted");

/** Its author rewrites a comment; people it newly mentions are told, those it already did are not again. */
export async function editComment(d: TDomain, actor: TPerson, timelineId: string, threadId: string, commentId: string, input: unknown): Promise<TComment> {
  await requireRole(d, actor.id, timelineId, REVIEW_ROLES);
  const { body } = parseInput(ZCommentInput, input);
  const own = await findOwnComment(d, actor.id, timelineId, threadId, commentId);
  if (own.deleted) throw DELETED();
  const mentions = await resolveMentions(d, timelineId, body);
  // A deletion may land between the check above and the write: the update only takes a comment
  // that is still not deleted, and locks its row, so a deletion waits for this edit (and then
  // removes its mentions) or has happened and this edit changes nothing (409).
  const { comment, before } = await d.prisma.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.comment.updateMany({ where: { id: commentId, deletedAt: null }, data: { body, editedAt: now } });
    if (count === 0) throw DELETED();
    // Read under the row's lock: a concurrent edit of the same comment has committed or waits.
    const previous = await tx.commentMention.findMany({ where: { commentId }, select: { userId: true } });
    await tx.commentMention.deleteMany({ where: { commentId } });
    await tx.commentMention.createMany({ data: mentions.map((m) => ({ commentId, userId: m.userId })) });
    await tx.commentThread.update({ where: { id: threadId }, data: { updatedAt: now } });
    const comment = await tx.comment.findUniqueOrThrow({ where: { id: commentId }, include: COMMENT_INCLUDE });
    return { comment, before: new Set(previous.map((m) => m.userId)) };
  });
  d.bus.publish(threadEvent(timelineId, { id: threadId, entryId: own.entryId }));
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
