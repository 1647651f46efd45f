import type { TDomain } from "../context.ts";
import { toSummary, type TTimelineSummary } from "./timeline-summary.ts";

/** The timelines the user can open, most recently changed first. */
export async function listTimelines(d: Pick<TDomain, "prisma">, userId: string): Promise<TTimelineSummary[]> {
  const memberships = await d.prisma.timelineMember.findMany({
    where: { userId },
    include: { timeline: { select: { id: true, title: true, updatedAt: true } } },
    orderBy: { timeline: { updatedAt: "desc" } },
  });
  return memberships.map((m) => toSummary(m.timeline, m.role));
}
