// Automatic versions ([AS1]–[AS4] in SPEC.md) on a fake clock: the extension runs in a real Room and
// saves through a fake store, so every timing is exact and nothing waits for real time; then once
// through the real server and snapshot store, on PGlite and Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, setHeadline } from "../../../lib/timeline/ops.ts";
import { entriesMap } from "../../../lib/timeline/schema.ts";
import { createLogger } from "../../log.ts";
import { parseConfig } from "../../config.ts";
import { REMOTE_ORIGIN, serverOrigin, STORAGE_ORIGIN } from "../origins.ts";
import { Room } from "../room.ts";
import { fakeClock } from "../../test/fake-clock.ts";
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from "../../test/databases.ts";
import { connect, startTestServer, synced, timelineWithTeam, waitFor } from "../../test/harness.ts";
import type { TRunningServer } from "../../app.ts";
import { readSnapshotDoc } from "../../domain/snapshot-store.ts";
import { autoSnapshotExtension, UNLOAD_SNAPSHOT_ATTEMPTS, type TAutoSnapshotInput } from "./auto-snapshot.ts";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const log = createLogger("silent");
/** A client's change: any origin that is not storage, remote or the server. */
const SESSION = { kind: "session" } as const;

function setup(opts: { fail?: () => boolean } = {}) {
  const clock = fakeClock();
  const saved: (TAutoSnapshotInput & { at: number; headlines: string[] })[] = [];
  let attempts = 0;
  const ext = autoSnapshotExtension({
    log,
    clock,
    quietMs: 120 * SECOND,
    everyMs: 10 * MINUTE,
    retryMs: 5 * SECOND,
    async save(input) {
      attempts++;
      if (opts.fail?.()) throw new Error("database unavailable");
      const doc = new Y.Doc();
      Y.applyUpdate(doc, input.state);
      const headlines = [...entriesMap(doc).values()].map((e) => String(e.get("title"))).sort();
      saved.push({ ...input, at: clock.now(), headlines });
    },
  });
  const room = new Room("tl_1", [ext], log);
  const edit = (headline: string, origin: unknown = SESSION) => room.doc.transact(() => void addEntry(room.doc, { start: "2020", headline }), origin);
  return { clock, saved, room, edit, ext, attempts: () => attempts };
}

describe("automatic snapshots", () => {
  it("[AS1] saves one version once a burst of edits has been quiet for SNAPSHOT_QUIET_SECONDS, holding every edit of the burst", async () => {
    const { clock, saved, edit } = setup();
    const start = clock.now();
    edit("Exodus");
    await clock.advance(60 * SECOND);
    edit("Ceasefire");
    await clock.advance(119 * SECOND);
    expect(saved).toHaveLength(0);
    await clock.advance(1 * SECOND);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ timelineId: "tl_1", kind: "auto", createdById: null, at: start + 180 * SECOND, headlines: ["Ceasefire", "Exodus"] });
    // Nothing new: no second version.
    await clock.advance(60 * MINUTE);
    expect(saved).toHaveLength(1);
  });

  it("[AS2] while editing never pauses, a version at the latest SNAPSHOT_EVERY_MINUTES after the oldest unsaved edit", async () => {
    const { clock, saved, edit } = setup();
    const start = clock.now();
    // An edit every 30 s for 25 minutes: the quiet never comes.
    for (let i = 0; i < 50; i++) {
      edit(`Entry ${i}`);
      await clock.advance(30 * SECOND);
    }
    expect(saved.map((s) => s.at - start)).toEqual([10 * MINUTE, 20 * MINUTE]);
    expect(saved[0]!.headlines).toHaveLength(20);
    expect(saved[1]!.headlines).toHaveLength(40);
    // Then the burst settles: the rest is saved after the quiet.
    await clock.advance(120 * SECOND);
    expect(saved).toHaveLength(3);
    expect(saved[2]!.headlines).toHaveLength(50);
  });

  it("[AS1] server changes (a rename, a status) count as edits; storage loads, other instances' changes and restores do not", async () => {
    const { clock, saved, edit, room } = setup();
    edit("Loaded", STORAGE_ORIGIN);
    edit("From instance B", REMOTE_ORIGIN);
    edit("Restored", serverOrigin({ id: "u1", name: "Alice" }, "restored Before the offensive"));
    await clock.advance(60 * MINUTE);
    expect(saved).toHaveLength(0);
    room.doc.transact(() => void addEntry(room.doc, { start: "2021", headline: "Set by the API" }), serverOrigin({ id: "u1", name: "Alice" }, "checked"));
    await clock.advance(120 * SECOND);
    expect(saved).toHaveLength(1);
  });

  it("[AS3] a restore's own snapshots hold the edits before it: no automatic version repeats them", async () => {
    const { clock, saved, edit } = setup();
    edit("Typed before the restore");
    await clock.advance(30 * SECOND);
    edit("Restored", serverOrigin({ id: "u1", name: "Alice" }, "restored Monday"));
    await clock.advance(60 * MINUTE);
    expect(saved).toHaveLength(0);
    // Editing after the restore is saved as usual.
    edit("After");
    await clock.advance(120 * SECOND);
    expect(saved).toHaveLength(1);
  });

  it("[AS4] unloading with unsaved edits saves them at once; with none, saves nothing", async () => {
    const { clock, saved, edit, room } = setup();
    await room.unload();
    expect(saved).toHaveLength(0);
    edit("Last words");
    await clock.advance(10 * SECOND);
    await room.unload();
    expect(saved.map((s) => s.headlines)).toEqual([["Last words"]]);
    room.destroy();
    // The quiet timer went with the unload: no second save.
    expect(clock.pending()).toBe(0);
  });

  it("[AS4] a failed save never blocks editing: it is logged, retried with backoff, and the retry holds every edit since", async () => {
    let failing = true;
    const { clock, saved, edit, room, attempts } = setup({ fail: () => failing });
    edit("One");
    await clock.advance(120 * SECOND);
    expect(attempts()).toBe(1);
    // Edits go on while the store is down; they do not hammer it (5 s, then 10 s, 20 s…).
    edit("Two");
    setHeadline(room.doc, [...entriesMap(room.doc).keys()][0]!, "One, rewritten");
    await clock.advance(5 * SECOND);
    expect(attempts()).toBe(2);
    await clock.advance(10 * SECOND);
    expect(attempts()).toBe(3);
    failing = false;
    await clock.advance(20 * SECOND);
    expect(attempts()).toBe(4);
    expect(saved.map((s) => s.headlines)).toEqual([["One, rewritten", "Two"]]);
    await clock.advance(60 * MINUTE);
    expect(attempts()).toBe(4);
  });

  it("[AS4] an unload whose snapshot fails keeps the room a few times, then lets it go without (the doc itself is saved)", async () => {
    const { edit, room, attempts } = setup({ fail: () => true });
    edit("Unsaved version");
    for (let i = 1; i < UNLOAD_SNAPSHOT_ATTEMPTS; i++) await expect(room.unload()).rejects.toThrow(/automatic snapshot not saved/);
    await expect(room.unload()).resolves.toBeUndefined();
    expect(attempts()).toBe(UNLOAD_SNAPSHOT_ATTEMPTS);
    room.destroy();
  });

  it("[AS4] a deleted timeline's room is discarded without a version", async () => {
    const { clock, saved, edit, room } = setup();
    edit("Gone");
    room.discard();
    await clock.advance(60 * MINUTE);
    expect(saved).toHaveLength(0);
    expect(clock.pending()).toBe(0);
  });

  it("[AS2] edits made while a version is being written go into the next one", async () => {
    let release!: () => void;
    const clock = fakeClock();
    const states: Uint8Array[] = [];
    const ext = autoSnapshotExtension({
      log,
      clock,
      quietMs: 120 * SECOND,
      everyMs: 10 * MINUTE,
      save: (input) => {
        states.push(input.state);
        return states.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    const room = new Room("tl_2", [ext], log);
    room.doc.transact(() => void addEntry(room.doc, { start: "2020", headline: "First" }), SESSION);
    await clock.advance(120 * SECOND);
    expect(states).toHaveLength(1);
    room.doc.transact(() => void addEntry(room.doc, { start: "2020", headline: "While saving" }), SESSION);
    release();
    await clock.advance(120 * SECOND);
    expect(states).toHaveLength(2);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, states[1]!);
    expect(entriesMap(doc).size).toBe(2);
  });
});

describe("automatic snapshot settings", () => {
  it("[AS1][AS2] default to a version after 120 s of quiet and at most 10 minutes apart, thinned after 24 hours and 7 days", () => {
    expect(parseConfig({})).toMatchObject({ snapshotEveryMinutes: 10, snapshotQuietSeconds: 120, snapshotKeepAllHours: 24, snapshotHourlyDays: 7 });
    expect(parseConfig({ SNAPSHOT_EVERY_MINUTES: "5", SNAPSHOT_QUIET_SECONDS: "", SNAPSHOT_HOURLY_DAYS: "0" })).toMatchObject({
      snapshotEveryMinutes: 5,
      snapshotQuietSeconds: 120,
      snapshotHourlyDays: 0,
    });
  });

  it.each([
    ["SNAPSHOT_EVERY_MINUTES", "ten", "minutes from 1 to 1440"],
    ["SNAPSHOT_EVERY_MINUTES", "0", "minutes from 1 to 1440"],
    ["SNAPSHOT_QUIET_SECONDS", "1.5", "seconds from 1 to 86400"],
    ["SNAPSHOT_KEEP_ALL_HOURS", "0", "hours from 1 to 8760"],
    ["SNAPSHOT_HOURLY_DAYS", "-1", "days from 0 to 3650"],
  ])("refuses %s=%s naming the variable and the range", (name, value, range) => {
    expect(() => parseConfig({ [name]: value })).toThrow(`${name}: must be a whole number of ${range}`);
  });
});

describe.each(DATABASE_KINDS)("automatic snapshots through the server on %s", (kind) => {
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

  it("[AS4] an editor's work is a version once they leave: the room's unload saves it, and it opens with their entry", async () => {
    const { editor, timelineId } = await timelineWithTeam(server, ["Alice", "Bob", "Carla", "Vera"]);
    const b = connect(server.url, timelineId, editor.cookie);
    await synced(b.provider);
    const id = addEntry(b.doc, { start: "2019-12-24", headline: "Exodus" }, { userId: editor.id });
    await waitFor(() => server.context.rooms.read(timelineId, (doc) => entriesMap(doc).has(id)), "entry at the server");
    b.provider.destroy();
    await waitFor(() => server.context.rooms.size === 0, "room unloaded");
    const rows = await server.context.prisma.snapshot.findMany({ where: { timelineId }, select: { id: true, kind: true, createdById: true } });
    expect(rows).toEqual([{ id: expect.any(String), kind: "auto", createdById: null }]);
    const doc = await readSnapshotDoc(server.context.prisma, rows[0]!.id);
    expect(String(entriesMap(doc).get(id)?.get("title"))).toBe("Exodus");
  });
});
