import { z } from "zod";
import type { TDomain } from "../context.ts";
import { absentIfEmpty, AppError, parseInput } from "../errors.ts";
import type { TFieldChange, THistoryField, THistoryKind, THistoryRow } from "../collab/extensions/entry-history.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";

export const ZListEntryHistoryInput = z.object({
  // A page the entry panel shows at once; the cap keeps one request cheap however long the history.
  limit: z.preprocess(absentIfEmpty, z.coerce.number().int().min(1).max(1_000).default(200)),
  /** The id of the last change of the previous page. */
  before: z.preprocess(absentIfEmpty, z.string().regex(/^\d{1,18}$/, "before must be a change id").optional()),
});

/** A stored change as the route presents it: its id and time as strings. */
export type TEntryChange = Omit<THistoryRow, "timelineId" | "entryId" | "at"> & { id: string; at: string };

/** One entry's changes, newest first, for any member (deleted entries keep theirs). */
export async function listEntryHistory(
  d: Pick<TDomain, "prisma">,
  userId: string,
  timelineId: string,
  entryId: string,
  input: unknown,
): Promise<{ changes: TEntryChange[] }> {
  await requireRole(d, userId, timelineId, ALL_ROLES);
  const { limit, before } = parseInput(ZListEntryHistoryInput, input);
  const where = { timelineId, entryId };
  let after = {};
  if (before !== undefined) {
    const cursor = await d.prisma.entryChange.findFirst({ where: { ...where, id: BigInt(before) }, select: { id: true, at: true } });
    if (!cursor) throw new AppError("validation", "before: no such change of this entry", "before");
    after = { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] };
  }
  const rows = await d.prisma.entryChange.findMany({
    where: { ...where, ...after },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return {
    changes: rows.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      userId: r.userId,
      userName: r.userName,
      kind: r.kind as THistoryKind,
      fields: r.fields as THistoryField[],
      // jsonb does not keep key order: give each change in the order the contract writes it.
      changes: (r.changes as TFieldChange[]).map((c) => ({ field: c.field, old: c.old, new: c.new })),
      note: r.note,
    })),
  };
}
