// `npx tsx bench/history.ts`: how long the history route's use-case takes for an entry with 1,000
// changes, on embedded PGlite and on the Postgres at DATABASE_URL (a scratch database, dropped after).
// The changes are real edits through the live room, by two users taking turns (so no two run together
// into one record), recorded by the entry-history extension as in production.
import { addEntry, setHeadline, updateEntry } from "../lib/timeline/ops.ts";
import { createTimeline } from "../server/domain/create-timeline.ts";
import { listEntryHistory } from "../server/domain/list-entry-history.ts";
import { serverOrigin } from "../server/collab/origins.ts";
import { createTestDatabase, type TTestDatabase } from "../server/test/databases.ts";
import { signUp, startTestServer, waitFor } from "../server/test/harness.ts";

const CHANGES = 1_000;
const RUNS = 25;

type TFigures = { kind: string; listAll: number[]; listPage: number[] };

async function measure(kind: TTestDatabase["kind"]): Promise<TFigures> {
  const db = await createTestDatabase(kind);
  const server = await startTestServer(db);
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
    const time = async (input: object) => {
      const times: number[] = [];
      for (let run = 0; run < RUNS + 3; run++) {
        const t0 = performance.now();
        const { changes } = await listEntryHistory(d, omar.id, timelineId, entryId, input);
        const ms = performance.now() - t0;
        if (changes.length === 0) throw new Error("no history listed");
        if (run >= 3) times.push(ms); // the first runs warm the connection and the query plan
      }
      return times;
    };
    await d.prisma.timelineMember.create({ data: { timelineId, userId: omar.id, role: "viewer" } });
    return { kind, listAll: await time({ limit: "1000" }), listPage: await time({}) };
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

const kinds: TTestDatabase["kind"][] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (!process.env.DATABASE_URL) console.error("DATABASE_URL is not set: measuring PGlite only");
const rows: string[] = [];
for (const kind of kinds) {
  const f = await measure(kind);
  rows.push(
    `| ${f.kind} | ${median(f.listAll).toFixed(1)} ms (p95 ${p95(f.listAll).toFixed(1)}) | ${median(f.listPage).toFixed(1)} ms (p95 ${p95(f.listPage).toFixed(1)}) |`,
  );
}
console.log(`History of one entry with ${CHANGES + 1} change records, listEntryHistory, median of ${RUNS} runs:\n`);
console.log("| database | 1,000 newest (limit=1000) | first page (default limit=200) |");
console.log("|---|---|---|");
for (const row of rows) console.log(row);
process.exit(0);
