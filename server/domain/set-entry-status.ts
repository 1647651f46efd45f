import * as Y from "yjs";
import { z } from "zod";
import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { serverOrigin, type TActor } from "../collab/origins.ts";
import { setEntryStatus as writeEntryStatus } from "../../lib/timeline/ops.ts";
import { entriesMap, STATUSES, type TStatus } from "../../lib/timeline/schema.ts";
import { REVIEW_ROLES, requireRole } from "./timeline-access.ts";
import { MAX_STATUS_NOTE_CHARS } from "../../lib/protocol/limits.ts";

export const ZSetEntryStatusInput = z.object({
  status: z.enum(STATUSES, { message: `status must be one of ${STATUSES.join(", ")}` }),
  // Long enough for a fact-checker's reasoning; longer belongs in a comment thread.
  note: z
    .string()
    .trim()
    .max(MAX_STATUS_NOTE_CHARS, `at most ${MAX_STATUS_NOTE_CHARS.toLocaleString("en")} characters`)
    // The note goes into the entry's history, and Postgres stores no U+0000 in text.
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters")
    .optional()
    .transform((s) => s || undefined),
});

export type TEntryStatus = { entryId: string; status: TStatus; by: TActor; at: string; note: string | null };

/**
 * Sets an entry's status in the live doc, attributed to the signed-in user (never to anyone a body
 * names), with the note travelling into the entry's history. The verification extension notifies
 * the entry's creator.
 */
export async function setEntryStatus(d: Pick<TDomain, "prisma" | "rooms">, user: TActor, timelineId: string, entryId: string, input: unknown): Promise<TEntryStatus> {
  await requireRole(d, user.id, timelineId, REVIEW_ROLES);
  const { status, note } = parseInput(ZSetEntryStatusInput, input);
  const by = { id: user.id, name: user.name };
  const at = new Date().toISOString();
  const found = await d.rooms.transact(
    timelineId,
    (doc) => {
      if (!(entriesMap(doc).get(entryId) instanceof Y.Map)) return false;
      writeEntryStatus(doc, entryId, { status, by: by.id, byName: by.name, at, note });
      return true;
    },
    serverOrigin(by, note),
  );
  if (!found) throw new AppError("not_found", "no such entry");
  return { entryId, status, by, at, note: note ?? null };
}
