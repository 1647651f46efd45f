import { z } from "zod";
import type { TDomain } from "../context.ts";
import { parseInput } from "../errors.ts";
import { hasNoNul } from "./comments.types.ts";

export const ZReadNotificationsInput = z
  .object({
    // A page marks what it shows (at most 50 at a time); the cap only bounds the query.
    ids: z
      .array(z.string().max(100).refine(hasNoNul, "no notification has such an id"))
      .max(500, "at most 500 ids at a time")
      .optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => v.ids !== undefined || v.all === true, { message: "send ids or all: true", path: ["ids"] });

/** Marks the user's own notifications read (ids of anyone else's are ignored); answers what is left unread. */
export async function readNotifications(d: Pick<TDomain, "prisma" | "bus">, userId: string, input: unknown): Promise<{ unread: number }> {
  const { ids, all } = parseInput(ZReadNotificationsInput, input);
  const { count } = await d.prisma.notification.updateMany({
    where: { userId, readAt: null, ...(all ? {} : { id: { in: ids ?? [] } }) },
    data: { readAt: new Date() },
  });
  if (count > 0) d.bus.publish({ kind: "notifications", userId });
  const unread = await d.prisma.notification.count({ where: { userId, readAt: null, timeline: { members: { some: { userId } } } } });
  return { unread };
}
