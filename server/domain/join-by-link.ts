import { z } from "zod";
import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { ROLE_RANK } from "./members.types.ts";
import { hashLinkToken } from "./share-link-token.ts";
import { toSummary, type TTimelineSummary } from "./timeline-summary.ts";

export const ZJoinInput = z.object({ token: z.string().min(1).max(200) });

/** Joins the timeline a share link names, with its role (a member keeps a higher role they have). */
export async function joinByLink(d: Pick<TDomain, "prisma">, userId: string, input: unknown, now = new Date()): Promise<TTimelineSummary> {
  const { token } = parseInput(ZJoinInput, input);
  const link = await d.prisma.shareLink.findUnique({ where: { tokenHash: hashLinkToken(token) }, include: { timeline: true } });
  if (!link) throw new AppError("not_found", "this link is not valid");
  if (link.revokedAt) throw new AppError("link_revoked", "this link was revoked");
  if (link.expiresAt && link.expiresAt <= now) throw new AppError("link_expired", "this link has expired");
  const current = await d.prisma.timelineMember.findUnique({ where: { timelineId_userId: { timelineId: link.timelineId, userId } } });
  if (current && ROLE_RANK[current.role] >= ROLE_RANK[link.role]) return toSummary(link.timeline, current.role);
  await d.prisma.timelineMember.upsert({
    where: { timelineId_userId: { timelineId: link.timelineId, userId } },
    create: { timelineId: link.timelineId, userId, role: link.role },
    update: { role: link.role },
  });
  return toSummary(link.timeline, link.role);
}
