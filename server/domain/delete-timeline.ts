import type { TDomain } from "../context.ts";
import { requireRole } from "./timeline-access.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";

/** Deletes a timeline with its history; everyone connected to it is disconnected (4404). */
export async function deleteTimeline(d: TDomain, userId: string, timelineId: string): Promise<void> {
  await requireRole(d, userId, timelineId, ["owner"]);
  await d.rooms.discard(timelineId, CLOSE.notFound, "this timeline was deleted");
  await d.prisma.timeline.delete({ where: { id: timelineId } });
}
