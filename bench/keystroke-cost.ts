// `npm run bench:keystroke`: what the room extensions (persistence, title index, per-entry
// history, verification) add to one keystroke in a headline of a 5,000-entry timeline, against the
// same keystrokes on a bare Y.Doc. Embedded PGlite; the room is the server's own.
import * as Y from "yjs";
import { addEntry, entryTitle, setEntryStatus } from "../lib/timeline/ops.ts";
import { serverOrigin } from "../server/collab/origins.ts";
import { createTimeline } from "../server/domain/create-timeline.ts";
import { createTestDatabase } from "../server/test/databases.ts";
import { signUp, startTestServer, waitFor } from "../server/test/harness.ts";

const ENTRIES = 5_000;
const KEYSTROKES = 2_000;

function keystrokes(doc: Y.Doc, ids: string[], origin: unknown): number {
  const t0 = performance.now();
  for (let i = 0; i < KEYSTROKES; i++) {
    const id = ids[i % 20]!;
    doc.transact(() => entryTitle(doc, id).insert(0, "x"), origin);
  }
  return ((performance.now() - t0) * 1000) / KEYSTROKES;
}

const db = await createTestDatabase("pglite");
const server = await startTestServer(db);
try {
  const user = await signUp(server.url, "Bench");
  const timelineId = (await createTimeline(server.context, user.id, { title: "Keystrokes" })).id;
  const origin = serverOrigin({ id: user.id, name: user.name });
  const room = await server.context.rooms.acquire(timelineId);
  const ids: string[] = [];
  room.doc.transact(() => {
    for (let i = 0; i < ENTRIES; i++) ids.push(addEntry(room.doc, { start: `${1000 + i}`, headline: `Entry ${i}` }));
    // Half of the edited entries verified: the fallback rule runs on their first keystroke.
    for (const id of ids.slice(0, 10)) setEntryStatus(room.doc, id, { status: "verified", by: user.id, byName: user.name, at: new Date().toISOString() });
  }, origin);
  const bare = new Y.Doc();
  Y.applyUpdate(bare, Y.encodeStateAsUpdate(room.doc));
  const bareUs = keystrokes(bare, ids, origin);
  const roomUs = keystrokes(room.doc, ids, origin);
  server.context.rooms.release(timelineId);
  await waitFor(() => server.context.rooms.size === 0, "room saved and unloaded", 120_000);
  console.log(`${KEYSTROKES} keystrokes in headlines of a ${ENTRIES}-entry timeline: bare Y.Doc ${bareUs.toFixed(1)} µs each, the server's room with its extensions ${roomUs.toFixed(1)} µs each`);
} finally {
  await server.close();
  await db.dispose();
}
process.exit(0);
