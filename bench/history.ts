// `npm run bench:history`: how long listing the history of an entry with 1,000 changes takes, on
// embedded PGlite and on the Postgres at DATABASE_URL (a scratch database, dropped after): the
// use-case alone, and GET /api/timelines/:id/entries/:entryId/history through the whole server as
// `npm start` runs it (Next included).
// The changes are real edits through the live room, by two users taking turns (so no two run together
// into one record), recorded by the entry-history extension as in production.
import { spawnSync } from "node:child_process";
import { addEntry, setHeadline, updateEntry } from "../lib/timeline/ops.ts";
import { createTimeline } from "../server/domain/create-timeline.ts";
import { listEntryHistory } from "../server/domain/list-entry-history.ts";
import { serverOrigin } from "../server/collab/origins.ts";
import { createTestDatabase, type TTestDatabase } from "../server/test/databases.ts";
import { signUp, waitFor } from "../server/test/harness.ts";
import { parseConfig } from "../server/config.ts";
import { createLogger } from "../server/log.ts";
import { startServer } from "../server/app.ts";
import { freePort } from "../server/test/scratch.ts";

const CHANGES = 1_000;
const RUNS = 25;

type TFigures = { kind: string; listAll: number[]; listPage: number[]; httpAll: number[]; httpPage: number[] };

/** The whole server with Next.js, as `npm start` runs it, in this process. */
async function startFullServer(db: TTestDatabase) {
  const config = parseConfig({
    NODE_ENV: "production",
    PORT: String(await freePort()),
    HOST: "127.0.0.1",
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
    LOG_LEVEL: "warn",
    SEED_DEMO: "false",
    AUTH_ATTEMPTS_PER_MINUTE: "1000",
    ...db.env,
  });
  return startServer(config, createLogger(config.logLevel), { next: true });
}

async function timed(runs: number, fn: () => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs + 3; run++) {
    const t0 = performance.now();
    if ((await fn()) === 0) throw new Error("no history listed");
    const ms = performance.now() - t0;
    if (run >= 3) times.push(ms); // the first runs warm the connection, the query plan and Next's route
  }
  return times;
}

async function measure(kind: TTestDatabase["kind"]): Promise<TFigures> {
  const db = await createTestDatabase(kind);
  const server = await startFullServer(db);
  try {
    const [hana, omar] = await Promise.all([signUp(server.url, "Hana"), signUp(server.url, "Omar")]);
    const d = server.context;
    const timelineId = (await createTimeline(d, hana.id, { title: "History bench" })).id;
    const actors = [hana, omar].map((u) => serverOrigin({ id: u.id, name: u.name }));
    // Held open as a session would hold it, so the room is not saved and unloaded after every change.
    const room = await d.rooms.acquire(timelineId);
    const entryId = addEntry(room.doc, { start: "2019-12-24", headline: "Exodus" }, { userId: hana.id, origin: actors[0] });
    for (let i = 0; i < CHANGES; i++) {
      const origin = actors[i % 2];
      if (i % 2 === 0) setHeadline(room.doc, entryId, `Exodus, revision ${i}`, { origin });
      else updateEntry(room.doc, entryId, { start: `2019-12-${String(1 + (i % 28)).padStart(2, "0")}` }, { origin });
    }
    d.rooms.release(timelineId);
    // The room unloads once its last user leaves, storing every record first.
    await waitFor(() => d.rooms.size === 0, "room unloaded", 60_000);
    const stored = await d.prisma.entryChange.count({ where: { timelineId, entryId } });
    if (stored !== CHANGES + 1) throw new Error(`expected ${CHANGES + 1} records, found ${stored}`);
    const time = (input: object) => timed(RUNS, async () => (await listEntryHistory(d, omar.id, timelineId, entryId, input)).changes.length);
    const http = (query: string) =>
      timed(RUNS, async () => {
        const res = await fetch(`${server.url}/api/timelines/${timelineId}/entries/${entryId}/history${query}`, { headers: { cookie: omar.cookie } });
        if (!res.ok) throw new Error(`history answered ${res.status}`);
        return ((await res.json()) as { changes: unknown[] }).changes.length;
      });
    await d.prisma.timelineMember.create({ data: { timelineId, userId: omar.id, role: "viewer" } });
    return {
      kind,
      listAll: await time({ limit: "1000" }),
      listPage: await time({}),
      httpAll: await http("?limit=1000"),
      httpPage: await http(""),
    };
  } finally {
    await server.close();
    await db.dispose();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

// Next serves the route from the production build: make it current first, as `npm start` does.
if (spawnSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" }).status !== 0) process.exit(1);
const kinds: TTestDatabase["kind"][] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (!process.env.DATABASE_URL) console.error("DATABASE_URL is not set: measuring PGlite only");
const rows: string[] = [];
for (const kind of kinds) {
  const f = await measure(kind);
  const cell = (xs: number[]) => `${median(xs).toFixed(1)} ms (p95 ${p95(xs).toFixed(1)})`;
  rows.push(`| ${f.kind} | ${cell(f.listAll)} | ${cell(f.listPage)} | ${cell(f.httpAll)} | ${cell(f.httpPage)} |`);
}
console.log(`History of one entry with ${CHANGES + 1} change records, median of ${RUNS} runs:\n`);
console.log("| database | use-case, 1,000 newest | use-case, first 200 | HTTP GET ?limit=1000 | HTTP GET (first 200) |");
console.log("|---|---|---|---|---|");
for (const row of rows) console.log(row);
process.exit(0);
