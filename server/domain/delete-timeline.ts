import type { TDomain } from "../context.ts";
import { requireRole } from "./timeline-access.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";

/** Deletes a timeline with its history; everyone connected to it is disconnected (4404). */
export async function deleteTimeline(d: TDomain, userId: string, timelineId: string): Promise<void> {
  await requireRole(d, userId, timelineId, ["owner"]);
  // The row first: if deleting fails, the room and its unsaved edits are untouched; once it is gone,
  // a room loading meanwhile finds no timeline, and the one in memory is dropped.
  await d.prisma.timeline.delete({ where: { id: timelineId } });
  await d.rooms.discard(timelineId, CLOSE.notFound, "this timeline was deleted");
}
