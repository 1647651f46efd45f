// Shapes shared by the comment and notification use-cases: their zod inputs, the rows they read and
// the JSON they present (the HTTP API of PRODUCT.md, "Comments" and "Notifications").
import type * as Y from "yjs";
import { z } from "zod";
import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import type { TBusEvent } from "../events/bus.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { MAX_COMMENT_CHARS } from "../../lib/protocol/limits.ts";
import { anchorText, type TAnchor } from "../../lib/timeline/anchors.ts";
import { entriesMap } from "../../lib/timeline/schema.ts";


/** Postgres text cannot hold U+0000: a query with one in a value fails (a 500), so input with one is refused. */
export const hasNoNul = (s: string): boolean => !s.includes("\u0000");

export const ZCommentBody = z
  .string({ error: "a comment needs a body" })
  .trim()
  .min(1, "a comment cannot be empty")
  .max(MAX_COMMENT_CHARS, `at most ${MAX_COMMENT_CHARS.toLocaleString("en")} characters`)
  .refine(hasNoNul, "a comment cannot contain a NUL character");

// Any author, authorId or userId a client sends is stripped here: the author is the session's user.
export const ZCommentInput = z.object({ body: ZCommentBody });
export const ZResolveInput = z.object({ resolved: z.boolean({ error: "resolved must be true or false" }) });

export type TPerson = { id: string; name: string };
export type TMention = { userId: string; name: string };

export type TComment = {
  id: string;
  threadId: string;
  author: TPerson | null;
  body: string;
  mentions: TMention[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
};

export type TThread = {
  id: string;
  timelineId: string;
  entryId: string;
  anchor: TAnchor | null;
  quote: string | null;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: TPerson | null;
  author: TPerson | null;
  createdAt: string;
  updatedAt: string;
  entryDeleted: boolean;
  anchorDeleted: boolean;
  comments: TComment[];
};

export type TNotification = {
  id: string;
  kind: string;
  timelineId: string;
  timelineTitle: string;
  threadId: string | null;
  entryId: string | null;
  actor: TPerson | null;
  text: string;
  createdAt: string;
  read: boolean;
};

const PERSON = { select: { id: true, name: true } } as const;

export const COMMENT_INCLUDE = {
  author: PERSON,
  mentions: { select: { userId: true, user: { select: { name: true } } }, orderBy: { userId: "asc" } },
} satisfies Prisma.CommentInclude;

// Oldest first; the id orders comments written in the same millisecond the same way on every read.
export const OLDEST_FIRST = [{ createdAt: "asc" as const }, { id: "asc" as const }];

export const THREAD_INCLUDE = {
  author: PERSON,
  resolvedBy: PERSON,
  comments: { include: COMMENT_INCLUDE, orderBy: OLDEST_FIRST },
} satisfies Prisma.CommentThreadInclude;

type TCommentRow = {
  id: string;
  threadId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  author: TPerson | null;
  mentions: { userId: string; user: { name: string } }[];
};

type TThreadRow = {
  id: string;
  timelineId: string;
  entryId: string;
  anchorStart: string | null;
  anchorEnd: string | null;
  quote: string | null;
  resolvedAt: Date | null;
  resolvedBy: TPerson | null;
  author: TPerson | null;
  createdAt: Date;
  updatedAt: Date;
  comments: TCommentRow[];
};

export function toComment(c: TCommentRow): TComment {
  const deleted = c.deletedAt !== null;
  return {
    id: c.id,
    threadId: c.threadId,
    author: c.author,
    body: deleted ? "" : c.body,
    mentions: deleted ? [] : c.mentions.map((m) => ({ userId: m.userId, name: m.user.name })),
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    deleted,
  };
}

function anchorOf(t: Pick<TThreadRow, "anchorStart" | "anchorEnd">): TAnchor | null {
  return t.anchorStart !== null && t.anchorEnd !== null ? { start: t.anchorStart, end: t.anchorEnd } : null;
}

export type TLiveState = { entryDeleted: boolean; anchorDeleted: boolean };

/**
 * What became of a thread's entry and passage in the live doc. An anchor was checked when the thread
 * was opened, so one that no longer resolves has lost its text.
 */
export function liveState(doc: Y.Doc, t: Pick<TThreadRow, "entryId" | "anchorStart" | "anchorEnd">): TLiveState {
  const anchor = anchorOf(t);
  const entryDeleted = !entriesMap(doc).has(t.entryId);
  return { entryDeleted, anchorDeleted: anchor !== null && (entryDeleted || !anchorText(doc, t.entryId, anchor)) };
}

export function toThread(t: TThreadRow, { entryDeleted, anchorDeleted }: TLiveState): TThread {
  const anchor = anchorOf(t);
  return {
    id: t.id,
    timelineId: t.timelineId,
    entryId: t.entryId,
    anchor,
    quote: t.quote,
    resolved: t.resolvedAt !== null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    resolvedBy: t.resolvedBy,
    author: t.author,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    entryDeleted,
    anchorDeleted,
    comments: t.comments.map(toComment),
  };
}

/** One thread, presented; a thread of another timeline is not found (its id probes nothing). */
export async function presentThread(d: Pick<TDomain, "prisma" | "rooms">, timelineId: string, threadId: string): Promise<TThread> {
  const thread = hasNoNul(threadId) ? await d.prisma.commentThread.findFirst({ where: { id: threadId, timelineId }, include: THREAD_INCLUDE }) : null;
  if (!thread) throw new AppError("not_found", "no such thread");
  return toThread(thread, await d.rooms.read(timelineId, (doc) => liveState(doc, thread)));
}

/** The thread's row if it belongs to the timeline; 404 otherwise. */
export async function findThread(
  d: Pick<TDomain, "prisma">,
  timelineId: string,
  threadId: string,
): Promise<{ id: string; entryId: string; authorId: string | null; resolvedAt: Date | null }> {
  const thread = hasNoNul(threadId)
    ? await d.prisma.commentThread.findFirst({
        where: { id: threadId, timelineId },
        select: { id: true, entryId: true, authorId: true, resolvedAt: true },
      })
    : null;
  if (!thread) throw new AppError("not_found", "no such thread");
  return thread;
}

export function threadEvent(timelineId: string, thread: { id: string; entryId: string }): TBusEvent {
  return { kind: "threads", timelineId, threadId: thread.id, entryId: thread.entryId };
}

export function toNotification(n: {
  id: string;
  kind: string;
  timelineId: string;
  timeline: { title: string };
  threadId: string | null;
  entryId: string | null;
  actorId: string | null;
  actorName: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
}): TNotification {
  return {
    id: n.id,
    kind: n.kind,
    timelineId: n.timelineId,
    timelineTitle: n.timeline.title,
    threadId: n.threadId,
    entryId: n.entryId,
    actor: n.actorId !== null ? { id: n.actorId, name: n.actorName } : null,
    text: n.text,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  };
}

/**
 * A comment the actor may change: it must be in that thread of that timeline (404 otherwise) and
 * theirs (403 otherwise, also for an owner: nobody puts words in a colleague's mouth).
 */
export async function findOwnComment(
  d: Pick<TDomain, "prisma">,
  actorId: string,
  timelineId: string,
  threadId: string,
  commentId: string,
): Promise<{ id: string; entryId: string; deleted: boolean; mentioned: string[] }> {
  const comment =
    hasNoNul(threadId) && hasNoNul(commentId)
      ? await d.prisma.comment.findFirst({
          where: { id: commentId, threadId, thread: { timelineId } },
          select: { id: true, authorId: true, deletedAt: true, thread: { select: { entryId: true } }, mentions: { select: { userId: true } } },
        })
      : null;
  if (!comment) throw new AppError("not_found", "no such comment");
  if (comment.authorId !== actorId) throw new AppError("forbidden", "only its author can change a comment");
  return { id: comment.id, entryId: comment.thread.entryId, deleted: comment.deletedAt !== null, mentioned: comment.mentions.map((m) => m.userId) };
}
