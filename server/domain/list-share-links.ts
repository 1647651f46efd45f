import type { TDomain } from "../context.ts";
import { requireRole } from "./timeline-access.ts";
import { toShareLink, type TShareLink } from "./members.types.ts";

export async function listShareLinks(d: Pick<TDomain, "prisma">, userId: string, timelineId: string): Promise<TShareLink[]> {
  await requireRole(d, userId, timelineId, ["owner"]);
  const links = await d.prisma.shareLink.findMany({ where: { timelineId }, orderBy: { createdAt: "desc" } });
  return links.map(toShareLink);
}
