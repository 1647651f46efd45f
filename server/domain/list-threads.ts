import { z } from "zod";
import type { TDomain } from "../context.ts";
import { absentIfEmpty, parseInput } from "../errors.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";
import { hasNoNul, liveState, OLDEST_FIRST, THREAD_INCLUDE, toThread, type TThread } from "./comments.types.ts";

export const ZListThreadsInput = z.object({
  entryId: z.preprocess(absentIfEmpty, z.string().max(200, "no entry has an id that long").refine(hasNoNul, "there is no such entry").optional()),
});

/**
 * Every thread of a timeline (or of one entry), open and resolved, oldest first; threads whose entry
 * or passage was deleted are kept and say so.
 */
export async function listThreads(d: Pick<TDomain, "prisma" | "rooms">, userId: string, timelineId: string, input: unknown): Promise<{ threads: TThread[] }> {
  await requireRole(d, userId, timelineId, ALL_ROLES);
  const { entryId } = parseInput(ZListThreadsInput, input);
  const rows = await d.prisma.commentThread.findMany({
    where: { timelineId, ...(entryId !== undefined ? { entryId } : {}) },
    include: THREAD_INCLUDE,
    orderBy: OLDEST_FIRST,
  });
  // One read of the live doc for all of them; none needed (nor a room loaded) when there are none.
  const states = rows.length === 0 ? [] : await d.rooms.read(timelineId, (doc) => rows.map((t) => liveState(doc, t)));
  return { threads: rows.map((t, i) => toThread(t, states[i]!)) };
}
