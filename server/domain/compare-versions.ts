import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import { compareTimelines, type TComparison } from "../../lib/timeline/compare.ts";
import { loadVersion } from "./get-version.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";

/**
 * What changed from version `versionId` to version `to`, or to the live doc when `to` is "current":
 * entries added, removed, and per changed entry its fields old → new and its body as a word diff.
 */
export async function compareVersions(d: Pick<TDomain, "prisma" | "rooms">, userId: string, timelineId: string, versionId: string, to: string): Promise<TComparison> {
  await requireRole(d, userId, timelineId, ALL_ROLES);
  // Postgres refuses a NUL in text: such an id names no version.
  if (to.includes("\u0000")) throw new AppError("not_found", "no such version");
  const from = await loadVersion(d, timelineId, versionId);
  try {
    if (to === "current") return await d.rooms.read(timelineId, (doc) => compareTimelines(from.doc, doc));
    const other = await loadVersion(d, timelineId, to);
    try {
      return compareTimelines(from.doc, other.doc);
    } finally {
      other.doc.destroy();
    }
  } finally {
    from.doc.destroy();
  }
}

export type { TComparison };
