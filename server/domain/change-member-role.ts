import { z } from "zod";
import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { keepAnOwner } from "./owner-guard.ts";
import { requireRole } from "./timeline-access.ts";
import { toMember, ZRole, type TMember } from "./members.types.ts";

export const ZChangeRoleInput = z.object({ role: ZRole });

/** Changes a member's role; their open sockets reconnect with it. */
export async function changeMemberRole(d: TDomain, userId: string, timelineId: string, memberId: string, input: unknown): Promise<TMember> {
  await requireRole(d, userId, timelineId, ["owner"]);
  const { role } = parseInput(ZChangeRoleInput, input);
  const member = await d.prisma.$transaction(async (tx) => {
    const current = await tx.timelineMember.findUnique({ where: { timelineId_userId: { timelineId, userId: memberId } } });
    if (!current) throw new AppError("not_found", "no such member");
    await keepAnOwner(tx, timelineId, current.role, role);
    return tx.timelineMember.update({
      where: { timelineId_userId: { timelineId, userId: memberId } },
      data: { role },
      include: { user: { select: { name: true, email: true } } },
    });
  });
  d.rooms.closeUserSessions(timelineId, memberId, CLOSE.roleChanged, "your role changed");
  return toMember(member);
}
