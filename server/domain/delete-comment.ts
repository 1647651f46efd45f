import type { TDomain } from "../context.ts";
import { REVIEW_ROLES, requireRole } from "./timeline-access.ts";
import { findOwnComment, threadEvent } from "./comments.types.ts";

/**
 * Its author deletes a comment: it keeps its place in the thread (replies after it still read in
 * order) without its text or mentions. Deleting it again changes nothing.
 */
export async function deleteComment(d: Pick<TDomain, "prisma" | "bus">, userId: string, timelineId: string, threadId: string, commentId: string): Promise<void> {
  await requireRole(d, userId, timelineId, REVIEW_ROLES);
  const own = await findOwnComment(d, userId, timelineId, threadId, commentId);
  if (own.deleted) return;
  // The comment's row first: that waits for an edit under way (editComment locks it), so the
  // mentions removed next include the ones that edit wrote; an edit after it finds it deleted.
  await d.prisma.$transaction([
    d.prisma.comment.update({ where: { id: commentId }, data: { body: "", deletedAt: new Date() } }),
    d.prisma.commentMention.deleteMany({ where: { commentId } }),
    d.prisma.commentThread.update({ where: { id: threadId }, data: { updatedAt: new Date() } }),
  ]);
  d.bus.publish(threadEvent(timelineId, { id: threadId, entryId: own.entryId }));
}
