import type { TDomain } from "../context.ts";
import { normaliseEmail } from "./members.types.ts";

/** On sign-up: every pending invitation to this address becomes a membership. */
export async function acceptInvitations(d: Pick<TDomain, "prisma">, user: { id: string; email: string }): Promise<number> {
  const email = normaliseEmail(user.email);
  return d.prisma.$transaction(async (tx) => {
    const invitations = await tx.invitation.findMany({ where: { email } });
    for (const inv of invitations) {
      await tx.timelineMember.upsert({
        where: { timelineId_userId: { timelineId: inv.timelineId, userId: user.id } },
        create: { timelineId: inv.timelineId, userId: user.id, role: inv.role },
        update: {},
      });
    }
    await tx.invitation.deleteMany({ where: { email } });
    return invitations.length;
  });
}
