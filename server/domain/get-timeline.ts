import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";
import { toSummary, type TTimelineSummary } from "./timeline-summary.ts";

export async function getTimeline(d: Pick<TDomain, "prisma">, userId: string, timelineId: string): Promise<TTimelineSummary> {
  const role = await requireRole(d, userId, timelineId, ALL_ROLES);
  const timeline = await d.prisma.timeline.findUnique({ where: { id: timelineId } });
  if (!timeline) throw new AppError("not_found", "no such timeline");
  return toSummary(timeline, role);
}
