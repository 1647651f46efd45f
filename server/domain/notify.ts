// Creates notifications (mention, reply, status change) for members of a timeline, tells their open
// pages through the event bus, and emails mentions when SMTP is configured.
import type { TDomain } from "../context.ts";
import { storable } from "../db/storable.ts";
import { newId } from "../ids.ts";

export const NOTIFICATION_KINDS = ["mention", "reply", "status"] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type TNotificationInput = {
  userId: string;
  timelineId: string;
  kind: TNotificationKind;
  threadId?: string;
  entryId?: string;
  actor: { id: string; name: string };
  /** One line for the bell, e.g. "Hana mentioned you: …". */
  text: string;
};

/**
 * Nobody is notified of their own actions, nor about a timeline they are no longer a member of;
 * one person gets one notification per event even when named twice. Never throws: a notification
 * that cannot be written is logged, and the action that caused it stands.
 */
export async function notify(d: Pick<TDomain, "prisma" | "bus" | "mailer" | "baseUrl" | "log">, items: TNotificationInput[]): Promise<void> {
  try {
    const seen = new Set<string>();
    const wanted = items.filter((n) => {
      const key = `${n.userId}|${n.kind}|${n.threadId ?? ""}|${n.entryId ?? ""}`;
      if (n.userId === n.actor.id || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (wanted.length === 0) return;
    const members = await d.prisma.timelineMember.findMany({
      where: { OR: wanted.map((n) => ({ timelineId: n.timelineId, userId: n.userId })) },
      select: { timelineId: true, userId: true, user: { select: { email: true } }, timeline: { select: { title: true } } },
    });
    const member = new Map(members.map((m) => [`${m.timelineId}|${m.userId}`, m]));
    const rows = wanted.filter((n) => member.has(`${n.timelineId}|${n.userId}`));
    if (rows.length === 0) return;
    await d.prisma.notification.createMany({
      data: rows.map((n) => ({
        id: newId(),
        userId: n.userId,
        timelineId: n.timelineId,
        kind: n.kind,
        threadId: n.threadId ?? null,
        entryId: n.entryId === undefined ? null : storable(n.entryId),
        actorId: n.actor.id,
        // The text quotes headlines any client may have written: made storable, or the row is refused.
        actorName: storable(n.actor.name),
        text: storable(n.text),
      })),
    });
    for (const userId of new Set(rows.map((n) => n.userId))) d.bus.publish({ kind: "notifications", userId });
    for (const n of rows.filter((r) => r.kind === "mention")) {
      const m = member.get(`${n.timelineId}|${n.userId}`)!;
      const link = `${d.baseUrl}/t/${encodeURIComponent(n.timelineId)}${n.threadId ? `?thread=${encodeURIComponent(n.threadId)}` : ""}`;
      void d.mailer.send({
        to: m.user.email,
        subject: `${n.actor.name} mentioned you in “${m.timeline.title}”`,
        text: `${n.text}\n\nOpen the thread: ${link}\n`,
      });
    }
  } catch (err) {
    d.log.error({ err }, "could not write notifications");
  }
}
