// Retention of automatic versions ([TH1]–[TH3] in server/collab/SPEC.md): all of the last
// SNAPSHOT_KEEP_ALL_HOURS, the last of each hour for SNAPSHOT_HOURLY_DAYS, the last of each day after
// that. Versions someone chose to keep (named, published, before and after a restore) are never
// touched: only `auto` rows are even read. The job works on the database alone and never waits for,
// nor holds, a room.
import type { TPrisma } from "../db/client.ts";
import type { TLogger } from "../log.ts";
import { SYSTEM_CLOCK, type TClock } from "../collab/extensions/auto-snapshot.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const THIN_EVERY_MS = HOUR_MS;

export type TRetention = { keepAllHours: number; hourlyDays: number };
export type TAutoSnapshotRow = { id: string; timelineId: string; createdAt: Date };

/**
 * The automatic snapshots to delete, given every automatic snapshot there is. Hours and days are UTC
 * calendar ones, so a snapshot kept as its hour's last stays the last of that hour on every later run;
 * the newest snapshot of each timeline is kept whatever the settings (the next one may be a diff on it).
 */
export function snapshotsToThin(rows: readonly TAutoSnapshotRow[], now: number, retention: TRetention): string[] {
  const byTimeline = new Map<string, TAutoSnapshotRow[]>();
  for (const row of rows) {
    const list = byTimeline.get(row.timelineId);
    if (list) list.push(row);
    else byTimeline.set(row.timelineId, [row]);
  }
  const keepAllMs = retention.keepAllHours * HOUR_MS;
  const hourlyMs = retention.hourlyDays * DAY_MS;
  const doomed: string[] = [];
  for (const list of byTimeline.values()) {
    // Newest first (ties by id, so every run picks the same one): the first seen in a bucket is its last.
    list.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const seen = new Set<string>();
    list.forEach((row, i) => {
      const at = row.createdAt.getTime();
      const age = now - at;
      const bucket = age < Math.max(hourlyMs, keepAllMs) ? `h${Math.floor(at / HOUR_MS)}` : `d${Math.floor(at / DAY_MS)}`;
      // One kept for another reason is still its hour's (or day's) last: older ones there go.
      if (i > 0 && age >= keepAllMs && seen.has(bucket)) doomed.push(row.id);
      seen.add(bucket);
    });
  }
  return doomed;
}

export type TThinDeps = {
  /** Every automatic snapshot: id, timeline and time, never the bytes. */
  listAuto(): Promise<TAutoSnapshotRow[]>;
  /** The snapshot store's `deleteSnapshots` (it re-bases diffs on a deleted snapshot first). */
  deleteSnapshots(ids: string[]): Promise<unknown>;
  log: TLogger;
  now?: () => number;
};

export function prismaAutoSnapshots(prisma: TPrisma): () => Promise<TAutoSnapshotRow[]> {
  return () => prisma.snapshot.findMany({ where: { kind: "auto" }, select: { id: true, timelineId: true, createdAt: true } });
}

/** One pass. Each timeline's deletions are one call, so one that fails leaves the others thinned. */
export async function thinVersions(deps: TThinDeps, retention: TRetention): Promise<{ deleted: number; failed: number }> {
  const rows = await deps.listAuto();
  const doomed = new Set(snapshotsToThin(rows, (deps.now ?? Date.now)(), retention));
  const perTimeline = new Map<string, string[]>();
  for (const row of rows) {
    if (!doomed.has(row.id)) continue;
    const ids = perTimeline.get(row.timelineId);
    if (ids) ids.push(row.id);
    else perTimeline.set(row.timelineId, [row.id]);
  }
  let deleted = 0;
  let failed = 0;
  for (const [timelineId, ids] of perTimeline) {
    try {
      await deps.deleteSnapshots(ids);
      deleted += ids.length;
    } catch (err) {
      failed++;
      deps.log.error({ timelineId, err, snapshots: ids.length }, "thinning versions failed; the next run tries again");
    }
  }
  if (deleted > 0 || failed > 0) deps.log.info({ deleted, failedTimelines: failed }, "thinned automatic versions");
  return { deleted, failed };
}

export type TThinningJob = {
  /** Waits for a pass in progress, and runs no more. */
  stop(): Promise<void>;
};

/** Runs `pass` now and then every `everyMs`; a pass still running when the next is due is not doubled. */
export function startThinningJob(pass: () => Promise<unknown>, log: TLogger, everyMs = THIN_EVERY_MS, clock: TClock = SYSTEM_CLOCK): TThinningJob {
  let running: Promise<void> | null = null;
  let timer: unknown = null;
  let stopped = false;

  function tick(): void {
    timer = null;
    if (stopped) return;
    if (!running) {
      running = pass()
        .then(
          () => undefined,
          (err: unknown) => log.error({ err }, "thinning versions failed"),
        )
        .finally(() => {
          running = null;
        });
    }
    timer = clock.setTimeout(tick, everyMs);
  }

  tick();
  return {
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
