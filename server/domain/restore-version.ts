import * as Y from "yjs";
import { z } from "zod";
import type { TDomain } from "../context.ts";
import { serverOrigin, type TActor } from "../collab/origins.ts";
import { AppError, parseInput } from "../errors.ts";
import { restoreEntry, restoreTimeline } from "../../lib/timeline/ops.ts";
import { entriesMap, readEntry } from "../../lib/timeline/schema.ts";
import { loadVersion } from "./get-version.ts";
import { saveSnapshot } from "./snapshot-store.ts";
import { WRITE_ROLES, requireRole } from "./timeline-access.ts";
import type { TRestoreResult } from "./versions.types.ts";

export const ZRestoreInput = z.object({
  entryId: z.string({ message: "entryId must be a string" }).min(1, "entryId must not be empty").optional(),
});

/** The note a restore's change carries into the entries' history; automatic snapshots skip these. */
export const restoreNote = (versionName: string): string => `restored ${versionName}`;

/**
 * Restores a version, whole or one entry of it, as a new change on top of the live doc: first a
 * `pre-restore` version of now (so the restore can be undone by restoring it), then one transaction that
 * makes the content equal to the version's, broadcast to everyone connected, then a `restore` version.
 * What others type meanwhile is merged by Yjs, not overwritten: only what differs is written.
 */
export async function restoreVersion(d: Pick<TDomain, "prisma" | "rooms">, user: TActor, timelineId: string, versionId: string, input: unknown): Promise<TRestoreResult> {
  await requireRole(d, user.id, timelineId, WRITE_ROLES);
  const { entryId } = parseInput(ZRestoreInput, input ?? {});
  const { version, doc: historical } = await loadVersion(d, timelineId, versionId);
  try {
    const entry = entryId === undefined ? undefined : entriesMap(historical).get(entryId);
    if (entryId !== undefined && !(entry instanceof Y.Map)) throw new AppError("not_found", "the version has no such entry");
    // A headline may hold anything a client typed: no NUL (Postgres text refuses it), and a name's length.
    const headline = entry instanceof Y.Map ? readEntry(entry, entryId!).headline.replace(/\u0000/g, "").slice(0, 80) : "";
    const what = entry instanceof Y.Map ? `“${headline}” from “${version.name}”` : `“${version.name}”`;

    const before = await d.rooms.read(timelineId, (doc) => Y.encodeStateAsUpdate(doc));
    const preRestore = await saveSnapshot(d.prisma, { timelineId, kind: "pre-restore", name: `Before restoring ${what}`, state: before, createdById: user.id });
    // The restore is worked out on a copy of the state the pre-restore version holds, and applied to the
    // live doc as an update: edits others made since (while that version was saved) are merged by Yjs,
    // never reverted, and the pre-restore version holds everything the restore changed.
    const fork = new Y.Doc();
    Y.applyUpdate(fork, before);
    if (entryId === undefined) restoreTimeline(fork, historical);
    else restoreEntry(fork, historical, entryId);
    const change = Y.encodeStateAsUpdate(fork, Y.encodeStateVectorFromUpdate(before));
    fork.destroy();
    await d.rooms.transact(timelineId, (doc) => Y.applyUpdate(doc, change), serverOrigin(user, restoreNote(version.name)));
    const after = await d.rooms.read(timelineId, (doc) => Y.encodeStateAsUpdate(doc));
    const restored = await saveSnapshot(d.prisma, { timelineId, kind: "restore", name: `Restored ${what}`, state: after, createdById: user.id });
    return { version: restored, preRestore };
  } finally {
    historical.destroy();
  }
}
