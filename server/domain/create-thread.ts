import { z } from "zod";
import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { newId } from "../ids.ts";
import { anchorText, ZAnchor } from "../../lib/timeline/anchors.ts";
import { entriesMap } from "../../lib/timeline/schema.ts";
import { notify } from "./notify.ts";
import { commentExcerpt, resolveMentions } from "./mentions.ts";
import { REVIEW_ROLES, requireRole } from "./timeline-access.ts";
import { hasNoNul, threadEvent, THREAD_INCLUDE, toThread, ZCommentBody, type TPerson, type TThread } from "./comments.types.ts";

export const ZCreateThreadInput = z.object({
  entryId: z
    .string({ error: "entryId is required" })
    .min(1, "entryId is required")
    .max(200, "no entry has an id that long")
    .refine(hasNoNul, "there is no such entry"),
  body: ZCommentBody,
  anchor: ZAnchor.nullish(),
});

/** The quote is shown once the passage is gone; a whole body selected is not a quote. */
const MAX_QUOTE_CHARS = 500;

/** Opens a thread on an entry, or on a passage of its body, with its first comment. */
export async function createThread(d: TDomain, actor: TPerson, timelineId: string, input: unknown): Promise<TThread> {
  await requireRole(d, actor.id, timelineId, REVIEW_ROLES);
  const { entryId, body, anchor } = parseInput(ZCreateThreadInput, input);
  const quote = await d.rooms.read(timelineId, (doc) => {
    if (!entriesMap(doc).has(entryId)) throw new AppError("validation", "entryId: there is no such entry", "entryId");
    if (!anchor) return null;
    const text = anchorText(doc, entryId, anchor);
    if (text === null) throw new AppError("validation", "anchor: it does not point into this entry's text", "anchor");
    if (!text.trim()) throw new AppError("validation", "anchor: it covers no text", "anchor");
    // The body's text is whatever clients typed into the doc, a NUL included: Postgres text cannot hold one.
    return Array.from(text.replaceAll("\u0000", "")).slice(0, MAX_QUOTE_CHARS).join("");
  });
  const mentions = await resolveMentions(d, timelineId, body);
  const thread = await d.prisma.commentThread.create({
    data: {
      id: newId(),
      timelineId,
      entryId,
      anchorStart: anchor?.start ?? null,
      anchorEnd: anchor?.end ?? null,
      quote,
      authorId: actor.id,
      comments: {
        create: { id: newId(), authorId: actor.id, body, mentions: { createMany: { data: mentions.map((m) => ({ userId: m.userId })) } } },
      },
    },
    include: THREAD_INCLUDE,
  });
  d.bus.publish(threadEvent(timelineId, thread));
  const excerpt = commentExcerpt(body, mentions);
  await notify(
    d,
    mentions.map((m) => ({
      userId: m.userId,
      timelineId,
      kind: "mention" as const,
      threadId: thread.id,
      entryId,
      actor,
      text: `${actor.name} mentioned you: ${excerpt}`,
    })),
  );
  // Just checked in the live doc.
  return toThread(thread, { entryDeleted: false, anchorDeleted: false });
}
