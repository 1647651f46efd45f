// Typed browser calls to the fact-check routes of issue 13: comment threads, verification status,
// per-entry history and notifications. Parsed like every other answer (api-client.ts).
import { z } from "zod";
import { ZAnchor, type TAnchor } from "@/lib/timeline/anchors";
import { STATUSES, type TStatus } from "@/lib/timeline/schema";
import { request, timelinePath } from "./api-client";

const ZPerson = z.object({ id: z.string(), name: z.string() });
export type TPerson = z.infer<typeof ZPerson>;

const ZComment = z.object({
  id: z.string(),
  threadId: z.string(),
  author: ZPerson.nullable(),
  body: z.string(),
  mentions: z.array(z.object({ userId: z.string(), name: z.string() })),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
});
export type TComment = z.infer<typeof ZComment>;

const ZThread = z.object({
  id: z.string(),
  timelineId: z.string(),
  entryId: z.string(),
  anchor: ZAnchor.nullable(),
  quote: z.string().nullable(),
  resolved: z.boolean(),
  resolvedAt: z.string().nullable(),
  resolvedBy: ZPerson.nullable(),
  author: ZPerson.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  entryDeleted: z.boolean(),
  anchorDeleted: z.boolean(),
  comments: z.array(ZComment),
});
export type TThread = z.infer<typeof ZThread>;

export async function listThreads(timelineId: string): Promise<TThread[]> {
  const body = await request(timelinePath(timelineId, "threads"), { method: "GET" }, z.object({ threads: z.array(ZThread) }));
  return body.threads;
}

export async function createThread(
  timelineId: string,
  input: { entryId: string; body: string; anchor?: TAnchor },
): Promise<TThread> {
  const body = await request(
    timelinePath(timelineId, "threads"),
    { method: "POST", body: JSON.stringify(input) },
    z.object({ thread: ZThread }),
  );
  return body.thread;
}

export async function addComment(timelineId: string, threadId: string, text: string): Promise<TComment> {
  const body = await request(
    timelinePath(timelineId, "threads", threadId, "comments"),
    { method: "POST", body: JSON.stringify({ body: text }) },
    z.object({ comment: ZComment }),
  );
  return body.comment;
}

export async function setThreadResolved(timelineId: string, threadId: string, resolved: boolean): Promise<TThread> {
  const body = await request(
    timelinePath(timelineId, "threads", threadId),
    { method: "PATCH", body: JSON.stringify({ resolved }) },
    z.object({ thread: ZThread }),
  );
  return body.thread;
}

export async function editComment(timelineId: string, threadId: string, commentId: string, text: string): Promise<TComment> {
  const body = await request(
    timelinePath(timelineId, "threads", threadId, "comments", commentId),
    { method: "PATCH", body: JSON.stringify({ body: text }) },
    z.object({ comment: ZComment }),
  );
  return body.comment;
}

export async function deleteComment(timelineId: string, threadId: string, commentId: string): Promise<void> {
  await request(timelinePath(timelineId, "threads", threadId, "comments", commentId), { method: "DELETE" }, z.unknown());
}

const ZStatusResult = z.object({
  entryId: z.string(),
  status: z.enum(STATUSES),
  by: ZPerson,
  at: z.string(),
  note: z.string().nullable(),
});
export type TStatusResult = z.infer<typeof ZStatusResult>;

export async function setEntryStatus(timelineId: string, entryId: string, status: TStatus, note: string): Promise<TStatusResult> {
  const trimmed = note.trim();
  return request(
    timelinePath(timelineId, "entries", entryId, "status"),
    { method: "PUT", body: JSON.stringify(trimmed === "" ? { status } : { status, note: trimmed }) },
    ZStatusResult,
  );
}

const ZEntryChange = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  // Read as text: a kind added on the server later is shown by name rather than failing the list.
  kind: z.string(),
  fields: z.array(z.string()),
  changes: z.array(z.object({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() })),
  note: z.string().nullable(),
});
export type TEntryChange = z.infer<typeof ZEntryChange>;

export async function listEntryHistory(timelineId: string, entryId: string): Promise<TEntryChange[]> {
  const body = await request(
    timelinePath(timelineId, "entries", entryId, "history"),
    { method: "GET" },
    z.object({ changes: z.array(ZEntryChange) }),
  );
  return body.changes;
}

const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  timelineId: z.string(),
  timelineTitle: z.string(),
  threadId: z.string().nullable(),
  entryId: z.string().nullable(),
  actor: ZPerson.nullable(),
  text: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type TNotification = z.infer<typeof ZNotification>;

const ZNotifications = z.object({ notifications: z.array(ZNotification), unread: z.number().int().nonnegative() });
export type TNotifications = z.infer<typeof ZNotifications>;

export async function listNotifications(): Promise<TNotifications> {
  return request("/api/notifications", { method: "GET" }, ZNotifications);
}

/** Returns how many stay unread. */
export async function markNotificationsRead(which: { ids: string[] } | { all: true }): Promise<number> {
  const body = await request(
    "/api/notifications/read",
    { method: "POST", body: JSON.stringify(which) },
    z.object({ unread: z.number().int().nonnegative() }),
  );
  return body.unread;
}
