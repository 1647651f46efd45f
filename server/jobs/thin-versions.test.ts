// Retention of automatic versions ([TH1]–[TH3] in server/collab/SPEC.md), on fake clocks: which
// versions a pass keeps, that it runs at start and hourly, and (against PGlite and Postgres, through the
// real snapshot store) that kept kinds are never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry } from "../../lib/timeline/ops.ts";
import { entriesMap } from "../../lib/timeline/schema.ts";
import type { TRunningServer } from "../app.ts";
import { createTimeline } from "../domain/create-timeline.ts";
import { deleteSnapshots, readSnapshotDoc, saveSnapshot } from "../domain/snapshot-store.ts";
import type { TVersionKind } from "../domain/versions.types.ts";
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from "../test/databases.ts";
import { signUp, startTestServer } from "../test/harness.ts";
import { createLogger } from "../log.ts";
import { fakeClock } from "../test/fake-clock.ts";
import { prismaAutoSnapshots, snapshotsToThin, startThinningJob, thinVersions, THIN_EVERY_MS, type TAutoSnapshotRow, type TRetention } from "./thin-versions.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
const DEFAULTS: TRetention = { keepAllHours: 24, hourlyDays: 7 };
const log = createLogger("silent");

/** Automatic snapshots of one timeline, `minutesAgo` each. */
function autos(minutesAgo: number[], timelineId = "tl_a"): TAutoSnapshotRow[] {
  return minutesAgo.map((m) => ({ id: `${timelineId}:${m}`, timelineId, createdAt: new Date(NOW - m * 60_000) }));
}
const kept = (rows: TAutoSnapshotRow[], retention = DEFAULTS, now = NOW) => {
  const doomed = new Set(snapshotsToThin(rows, now, retention));
  return rows.filter((r) => !doomed.has(r.id)).map((r) => r.id);
};

describe("thinning automatic versions", () => {
  it("[TH1] keeps every version of the last SNAPSHOT_KEEP_ALL_HOURS", () => {
    const rows = autos([1, 2, 3, 10, 60, 61, 23 * 60 + 59]);
    expect(kept(rows)).toEqual(rows.map((r) => r.id));
  });

  it("[TH1] then the last of each hour for SNAPSHOT_HOURLY_DAYS, then the last of each day", () => {
    // NOW is 12:00 UTC. 30 h ago = 06:00 the day before: 30h05m and 30h50m ago fall in the 05:00 hour.
    const hourly = [30 * 60 + 5, 30 * 60 + 50, 30 * 60 + 55, 31 * 60 + 30];
    // 10 days ago, 12:00: the same UTC day as 10 days ago minus up to 12 hours.
    const daily = [10 * 24 * 60, 10 * 24 * 60 + 60, 10 * 24 * 60 + 11 * 60, 10 * 24 * 60 + 13 * 60];
    const rows = autos([5, ...hourly, ...daily]);
    expect(kept(rows)).toEqual(["tl_a:5", "tl_a:1805", "tl_a:1890", "tl_a:14400", "tl_a:15180"]);
  });

  it("[TH1] settings change the windows: 1 hour kept whole, no hourly days", () => {
    const rows = autos([10, 50, 70, 80, 3 * 60, 3 * 60 + 10]);
    // 12:00 now: 70 and 80 minutes ago are 10:50 and 10:40 (same day as the rest): one per day.
    expect(kept(rows, { keepAllHours: 1, hourlyDays: 0 })).toEqual(["tl_a:10", "tl_a:50", "tl_a:70"]);
  });

  it("[TH2] thins each timeline on its own and always keeps a timeline's newest version", () => {
    const rows = [...autos([40 * 24 * 60, 40 * 24 * 60 + 1], "tl_old"), ...autos([40 * 24 * 60 + 2], "tl_b")];
    // tl_old's two are the same day: its newest stays; tl_b's only one stays.
    expect(kept(rows)).toEqual(["tl_old:57600", "tl_b:57602"]);
  });

  it("[TH2] a second pass, later, deletes only what has aged into a coarser window", () => {
    const rows = autos(Array.from({ length: 48 * 6 }, (_, i) => i * 10)); // every 10 minutes for two days
    const first = kept(rows);
    // 24 h whole (145 of them counting both ends' hours) then one per hour.
    expect(first.length).toBeLessThan(rows.length);
    const again = rows.filter((r) => first.includes(r.id));
    expect(kept(again)).toEqual(first);
    const later = kept(again, DEFAULTS, NOW + HOUR);
    expect(later.length).toBeLessThan(first.length);
    expect(first).toEqual(expect.arrayContaining(later));
  });

  it("[TH2] deletes through the store per timeline; one timeline's failure leaves the others thinned", async () => {
    // Two days ago at 11:50 and 11:40 UTC: the same hour, so the older one goes.
    const twoDays = (2 * DAY) / 60_000;
    const rows = [...autos([twoDays + 10, twoDays + 20], "tl_a"), ...autos([twoDays + 10, twoDays + 20], "tl_b")];
    const calls: string[][] = [];
    const result = await thinVersions(
      {
        log,
        now: () => NOW,
        listAuto: async () => rows,
        deleteSnapshots: async (ids) => {
          calls.push(ids);
          if (ids[0]!.startsWith("tl_a")) throw new Error("deadlock");
        },
      },
      DEFAULTS,
    );
    expect(calls).toEqual([["tl_a:2900"], ["tl_b:2900"]]);
    expect(result).toEqual({ deleted: 1, failed: 1 });
  });

  it("[TH3] runs once at start and then every hour, never two passes at once, and stops cleanly", async () => {
    const clock = fakeClock();
    let passes = 0;
    let finish: (() => void) | null = null;
    const job = startThinningJob(
      () => {
        passes++;
        return new Promise<void>((r) => (finish = r));
      },
      log,
      THIN_EVERY_MS,
      clock,
    );
    expect(passes).toBe(1);
    // Still running an hour later: the due pass is skipped, not doubled.
    await clock.advance(HOUR);
    expect(passes).toBe(1);
    finish!();
    await clock.advance(HOUR);
    expect(passes).toBe(2);
    finish!();
    await clock.advance(59 * 60_000);
    expect(passes).toBe(2);
    await job.stop();
    await clock.advance(10 * HOUR);
    expect(passes).toBe(2);
    expect(clock.pending()).toBe(0);
  });

  it("[TH3] a failing pass is logged and the job goes on", async () => {
    const clock = fakeClock();
    let passes = 0;
    const job = startThinningJob(
      async () => {
        passes++;
        throw new Error("db down");
      },
      log,
      THIN_EVERY_MS,
      clock,
    );
    await clock.advance(2 * HOUR);
    expect(passes).toBe(3);
    await job.stop();
  });
});

describe.each(DATABASE_KINDS)("thinning versions in the database on %s", (kind) => {
  let db: TTestDatabase;
  let server: TRunningServer;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer(db);
  });

  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  it("[TH1][TH2] deletes only thinned automatic versions: named, published, pre-restore and restore ones stay, and every version left opens as it was", async () => {
    const { prisma } = server.context;
    const owner = await signUp(server.url, "Olga");
    const timelineId = (await createTimeline(server.context, owner.id, { title: "Retention" })).id;
    const M = 60_000;
    // Oldest first, each one entry more than the last (so most are stored as diffs on the one before).
    const plan: [TVersionKind, number][] = [
      ["auto", 30 * DAY + 2 * HOUR], // 10:00, 30 days ago: not its day's last automatic one
      ["named", 30 * DAY + 90 * M],
      ["auto", 30 * DAY + HOUR], // 11:00 that day: kept
      ["pre-restore", 3 * DAY + 50 * M],
      ["auto", 3 * DAY + 40 * M], // 11:20, 3 days ago: not its hour's last
      ["restore", 3 * DAY + 30 * M],
      ["auto", 3 * DAY + 20 * M], // 11:40: kept
      ["published", 2 * DAY + 10 * M],
      ["auto", 2 * HOUR],
      ["auto", 30 * M],
    ];
    const doc = new Y.Doc();
    const ids: string[] = [];
    for (const [i, [versionKind, ago]] of plan.entries()) {
      addEntry(doc, { start: "2020", headline: `Entry ${i + 1}` });
      const version = await saveSnapshot(prisma, { timelineId, kind: versionKind, name: `v${i + 1}`, state: Y.encodeStateAsUpdate(doc), createdById: null });
      await prisma.snapshot.update({ where: { id: version.id }, data: { createdAt: new Date(NOW - ago) } });
      ids.push(version.id);
    }
    expect(await prisma.snapshot.count({ where: { timelineId, encoding: "diff" } })).toBeGreaterThan(0);

    const deps = { listAuto: prismaAutoSnapshots(prisma), deleteSnapshots: (doomed: string[]) => deleteSnapshots(prisma, doomed), log, now: () => NOW };
    expect(await thinVersions(deps, DEFAULTS)).toEqual({ deleted: 2, failed: 0 });
    const left = await prisma.snapshot.findMany({ where: { timelineId }, select: { id: true } });
    expect(new Set(left.map((r) => r.id))).toEqual(new Set(ids.filter((_, i) => i !== 0 && i !== 4)));
    for (const [i, id] of ids.entries()) {
      if (i === 0 || i === 4) continue;
      const opened = await readSnapshotDoc(prisma, id);
      expect([...entriesMap(opened).values()].map((e) => String(e.get("title"))).sort()).toEqual(
        Array.from({ length: i + 1 }, (_, k) => `Entry ${k + 1}`).sort(),
      );
    }
    // Nothing more to do at the same time; a year on, automatic ones thin to one a day, the rest stay.
    expect(await thinVersions(deps, DEFAULTS)).toEqual({ deleted: 0, failed: 0 });
    const yearOn = await thinVersions({ ...deps, now: () => NOW + 365 * DAY }, DEFAULTS);
    expect(yearOn).toEqual({ deleted: 1, failed: 0 });
    const kinds = await prisma.snapshot.groupBy({ by: ["kind"], where: { timelineId }, _count: true });
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k._count]))).toEqual({ auto: 3, named: 1, "pre-restore": 1, restore: 1, published: 1 });
  });
});
