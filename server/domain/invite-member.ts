import { z } from "zod";
import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { newId } from "../ids.ts";
import { requireRole } from "./timeline-access.ts";
import { normaliseEmail, toInvitation, toMember, ZRole, type TInvitation, type TMember } from "./members.types.ts";

export const ZInviteMemberInput = z.object({
  email: z.string().trim().email("an email address such as name@newsroom.org").max(320),
  role: ZRole,
});

/**
 * Adds someone by email: a member at once if they have an account, otherwise a pending invitation
 * that becomes a membership when that address signs up.
 */
export async function inviteMember(
  d: Pick<TDomain, "prisma">,
  userId: string,
  timelineId: string,
  input: unknown,
): Promise<{ member: TMember } | { invitation: TInvitation }> {
  await requireRole(d, userId, timelineId, ["owner"]);
  const parsed = parseInput(ZInviteMemberInput, input);
  const email = normaliseEmail(parsed.email);
  const role = parsed.role;
  const user = await d.prisma.user.findFirst({ where: { email: { equals: email, mode: "insensitive" } }, select: { id: true } });
  if (user) {
    const existing = await d.prisma.timelineMember.findUnique({ where: { timelineId_userId: { timelineId, userId: user.id } } });
    if (existing) throw new AppError("conflict", `${email} is already a member (${existing.role})`, "email");
    const member = await d.prisma.timelineMember.create({
      data: { timelineId, userId: user.id, role },
      include: { user: { select: { name: true, email: true } } },
    });
    return { member: toMember(member) };
  }
  // Addresses are not verified yet (no mail is sent), so whoever signs up with this address takes
  // the invitation: it may not carry ownership.
  if (role === "owner") throw new AppError("validation", "invite someone as editor first, then make them owner once they have joined", "role");
  const invitation = await d.prisma.invitation.upsert({
    where: { timelineId_email: { timelineId, email } },
    create: { id: newId(), timelineId, email, role, invitedById: userId },
    update: { role },
  });
  return { invitation: toInvitation(invitation) };
}
