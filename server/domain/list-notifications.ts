import type { TDomain } from "../context.ts";
import { toNotification, type TNotification } from "./comments.types.ts";

/** What the bell shows; older ones stay in the database but not on the page. */
const LATEST = 50;

/**
 * The user's latest notifications, newest first, and how many are unread. Those of timelines the
 * user has left are not shown: their titles and comments are no longer theirs to read.
 */
export async function listNotifications(d: Pick<TDomain, "prisma">, userId: string): Promise<{ notifications: TNotification[]; unread: number }> {
  const where = { userId, timeline: { members: { some: { userId } } } };
  const [rows, unread] = await Promise.all([
    d.prisma.notification.findMany({
      where,
      include: { timeline: { select: { title: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LATEST,
    }),
    d.prisma.notification.count({ where: { ...where, readAt: null } }),
  ]);
  return { notifications: rows.map(toNotification), unread };
}
