import type { TDomain } from "../context.ts";
import { parseInput } from "../errors.ts";
import { setMeta } from "../../lib/timeline/ops.ts";
import { requireRole, WRITE_ROLES } from "./timeline-access.ts";
import { toSummary, type TTimelineSummary } from "./timeline-summary.ts";
import { ZTimelineTitle } from "./create-timeline.ts";

/** Renames in the document (so every open editor sees it live) and in the index row. */
export async function renameTimeline(d: TDomain, userId: string, timelineId: string, input: unknown): Promise<TTimelineSummary> {
  const role = await requireRole(d, userId, timelineId, WRITE_ROLES);
  const { title } = parseInput(ZTimelineTitle, input);
  await d.rooms.transact(timelineId, (doc) => setMeta(doc, { title }, { userId }));
  const timeline = await d.prisma.timeline.update({ where: { id: timelineId }, data: { title } });
  return toSummary(timeline, role);
}
