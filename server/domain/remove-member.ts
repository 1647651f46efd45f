import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { keepAnOwner } from "./owner-guard.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";

/** An owner removes a member, or a member leaves; their open sockets are closed (4403)
 * and their event streams of it end. */
export async function removeMember(d: TDomain, userId: string, timelineId: string, memberId: string): Promise<void> {
  const role = await requireRole(d, userId, timelineId, ALL_ROLES);
  if (memberId !== userId && role !== "owner") throw new AppError("forbidden", `a ${role} cannot remove others`);
  await d.prisma.$transaction(async (tx) => {
    const current = await tx.timelineMember.findUnique({ where: { timelineId_userId: { timelineId, userId: memberId } } });
    if (!current) throw new AppError("not_found", "no such member");
    await keepAnOwner(tx, timelineId, current.role, null);
    await tx.timelineMember.delete({ where: { timelineId_userId: { timelineId, userId: memberId } } });
  });
  d.rooms.closeUserSessions(timelineId, memberId, CLOSE.forbidden, "you no longer have access to this timeline");
  d.bus.publish({ kind: "access-removed", timelineId, userId: memberId });
}
