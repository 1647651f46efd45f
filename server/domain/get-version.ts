import type * as Y from "yjs";
import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import { VERSION_SELECT, readSnapshotDoc, toVersion } from "./snapshot-store.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";
import type { TVersion } from "./versions.types.ts";

/** A version of the timeline and its doc (decoded from its chain): read it, never change it. */
export async function getVersion(d: Pick<TDomain, "prisma">, userId: string, timelineId: string, versionId: string): Promise<{ version: TVersion; doc: Y.Doc }> {
  await requireRole(d, userId, timelineId, ALL_ROLES);
  return loadVersion(d, timelineId, versionId);
}

/** The version with its doc, if it is one of this timeline's (another timeline's id is not found). */
export async function loadVersion(d: Pick<TDomain, "prisma">, timelineId: string, versionId: string): Promise<{ version: TVersion; doc: Y.Doc }> {
  const row = await d.prisma.snapshot.findFirst({ where: { id: versionId, timelineId }, select: VERSION_SELECT });
  if (!row) throw new AppError("not_found", "no such version");
  return { version: toVersion(row), doc: await readSnapshotDoc(d.prisma, versionId) };
}
