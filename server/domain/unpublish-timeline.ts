import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import { lockPublication } from "./publish-timeline.ts";
import { WRITE_ROLES, requireRole } from "./timeline-access.ts";

/**
 * Takes the public page down: its URLs answer 410 Gone from now on. The row and its slug stay, so a
 * later publish brings the same links back. Unpublishing twice changes nothing.
 */
export async function unpublishTimeline(d: Pick<TDomain, "prisma">, userId: string, timelineId: string): Promise<void> {
  await requireRole(d, userId, timelineId, WRITE_ROLES);
  const exists = await d.prisma.$transaction(async (tx) => {
    // In turn with publishes (see publishTimeline): one that read the doc before now cannot undo this.
    await lockPublication(tx, timelineId);
    await tx.publication.updateMany({ where: { timelineId, unpublishedAt: null }, data: { unpublishedAt: new Date() } });
    return tx.publication.count({ where: { timelineId } });
  });
  if (exists === 0) throw new AppError("not_found", "this timeline has never been published");
}
