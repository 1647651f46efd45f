import type { TDomain } from "../context.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";
import { toInvitation, toMember, type TInvitation, type TMember } from "./members.types.ts";

/** Everyone on a timeline; pending invitations only for its owners. */
export async function listMembers(d: Pick<TDomain, "prisma">, userId: string, timelineId: string): Promise<{ members: TMember[]; invitations: TInvitation[] }> {
  const role = await requireRole(d, userId, timelineId, ALL_ROLES);
  const members = await d.prisma.timelineMember.findMany({
    where: { timelineId },
    include: { user: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  const invitations = role === "owner" ? await d.prisma.invitation.findMany({ where: { timelineId }, orderBy: { createdAt: "asc" } }) : [];
  return { members: members.map(toMember), invitations: invitations.map(toInvitation) };
}
