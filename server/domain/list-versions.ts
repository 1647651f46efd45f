import type { TDomain } from "../context.ts";
import { VERSION_SELECT, toVersion } from "./snapshot-store.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";
import type { TVersion } from "./versions.types.ts";

/** Every version of the timeline, newest first, without their bytes. */
export async function listVersions(d: Pick<TDomain, "prisma">, userId: string, timelineId: string): Promise<TVersion[]> {
  await requireRole(d, userId, timelineId, ALL_ROLES);
  const rows = await d.prisma.snapshot.findMany({
    where: { timelineId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: VERSION_SELECT,
  });
  return rows.map(toVersion);
}
