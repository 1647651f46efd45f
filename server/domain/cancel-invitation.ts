import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import { requireRole } from "./timeline-access.ts";

export async function cancelInvitation(d: Pick<TDomain, "prisma">, userId: string, timelineId: string, invitationId: string): Promise<void> {
  await requireRole(d, userId, timelineId, ["owner"]);
  const deleted = await d.prisma.invitation.deleteMany({ where: { id: invitationId, timelineId } });
  if (deleted.count === 0) throw new AppError("not_found", "no such invitation");
}
