import { z } from "zod";
import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { ROLE_RANK, ROLES } from "./members.types.ts";
import { hashLinkToken } from "./share-link-token.ts";
import { toSummary, type TTimelineSummary } from "./timeline-summary.ts";

export const ZJoinInput = z.object({ token: z.string().min(1).max(200) });

/** Joins the timeline a share link names, with its role (a member keeps a higher role they have). */
export async function joinByLink(d: Pick<TDomain, "prisma" | "rooms">, userId: string, input: unknown, now = new Date()): Promise<TTimelineSummary> {
  const { token } = parseInput(ZJoinInput, input);
  const link = await d.prisma.shareLink.findUnique({ where: { tokenHash: hashLinkToken(token) }, include: { timeline: true } });
  if (!link) throw new AppError("not_found", "this link is not valid");
  if (link.revokedAt) throw new AppError("link_revoked", "this link was revoked");
  if (link.expiresAt && link.expiresAt <= now) throw new AppError("link_expired", "this link has expired");
  // Never lower a role: create the membership if absent, raise it only where it is lower, both as
  // single conditional statements so a concurrent promotion cannot be undone here.
  const lower = ROLES.filter((r) => ROLE_RANK[r] < ROLE_RANK[link.role]);
  await d.prisma.timelineMember.createMany({ data: [{ timelineId: link.timelineId, userId, role: link.role }], skipDuplicates: true });
  const raised = await d.prisma.timelineMember.updateMany({ where: { timelineId: link.timelineId, userId, role: { in: lower } }, data: { role: link.role } });
  if (raised.count > 0) d.rooms.closeUserSessions(link.timelineId, userId, CLOSE.roleChanged, "your role changed");
  const member = await d.prisma.timelineMember.findUniqueOrThrow({ where: { timelineId_userId: { timelineId: link.timelineId, userId } } });
  return toSummary(link.timeline, member.role);
}
