import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import { requireRole } from "./timeline-access.ts";

/** Revokes a link: nobody joins through it any more (members who joined stay). */
export async function revokeShareLink(d: Pick<TDomain, "prisma">, userId: string, timelineId: string, linkId: string, now = new Date()): Promise<void> {
  await requireRole(d, userId, timelineId, ["owner"]);
  const revoked = await d.prisma.shareLink.updateMany({ where: { id: linkId, timelineId, revokedAt: null }, data: { revokedAt: now } });
  if (revoked.count === 0) {
    const exists = await d.prisma.shareLink.count({ where: { id: linkId, timelineId } });
    if (exists === 0) throw new AppError("not_found", "no such link");
  }
}
