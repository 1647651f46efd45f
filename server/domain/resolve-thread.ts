import type { TDomain } from "../context.ts";
import { parseInput } from "../errors.ts";
import { REVIEW_ROLES, requireRole } from "./timeline-access.ts";
import { findThread, presentThread, threadEvent, ZResolveInput, type TThread } from "./comments.types.ts";

/** Resolves or reopens a thread; asking for the state it is already in changes nothing. */
export async function resolveThread(d: Pick<TDomain, "prisma" | "rooms" | "bus">, userId: string, timelineId: string, threadId: string, input: unknown): Promise<TThread> {
  await requireRole(d, userId, timelineId, REVIEW_ROLES);
  const { resolved } = parseInput(ZResolveInput, input);
  const thread = await findThread(d, timelineId, threadId);
  if (resolved !== (thread.resolvedAt !== null)) {
    await d.prisma.commentThread.update({
      where: { id: threadId },
      data: resolved ? { resolvedAt: new Date(), resolvedById: userId } : { resolvedAt: null, resolvedById: null },
    });
    d.bus.publish(threadEvent(timelineId, thread));
  }
  return presentThread(d, timelineId, threadId);
}
