// Durability across restarts and crashes, against both PGlite and Postgres ([PE*] in SPEC.md).
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addEntry, setHeadline } from "../../lib/timeline/ops.ts";
import { listEntries } from "../../lib/timeline/schema.ts";
import { createTimeline } from "../domain/create-timeline.ts";
import { ROOT_DIR, type TRunningServer } from "../app.ts";
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from "../test/databases.ts";
import { connect, signIn, signUp, startTestServer, synced, waitFor, type TTestUser } from "../test/harness.ts";
import { freePort } from "../test/scratch.ts";
import { createLogger } from "../log.ts";
import { persistenceExtension } from "./extensions/persistence.ts";
import { RoomManager } from "./rooms.ts";

const AUTH_SECRET = "test-secret-test-secret-test-secret-0123";

describe.each(DATABASE_KINDS)("persistence on %s", (kind) => {
  let db: TTestDatabase;
  const cleanups: (() => unknown)[] = [];

  beforeEach(async () => {
    db = await createTestDatabase(kind);
  });

  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
    await db.dispose();
  });

  async function setup(server: { url: string }, create: (user: TTestUser) => Promise<string>) {
    const user = await signUp(server.url, "Editor");
    return { user, timelineId: await create(user) };
  }

  function client(url: string, timelineId: string, user: TTestUser) {
    const c = connect(url, timelineId, user.cookie);
    cleanups.push(() => c.provider.destroy());
    return c;
  }

  it("[RM3] a server-side change made while a room unloads is saved before the room leaves memory", async () => {
    const server = await startTestServer(db);
    cleanups.push(() => server.close());
    const { timelineId } = await setup(server, async (u) => (await createTimeline(server.context, u.id, { title: "Unload" })).id);
    const log = createLogger("silent");
    // An extension that saves after persistence has, slowly: the window a write can fall into.
    let unloading!: () => void;
    const saving = new Promise<void>((resolve) => (unloading = resolve));
    const slow = { name: "slow", onUnload: () => (unloading(), new Promise<void>((r) => setTimeout(r, 50))) };
    const rooms = new RoomManager([persistenceExtension(server.context.docs, log), slow], log);
    cleanups.push(() => rooms.closeAll());
    const first = await rooms.transact(timelineId, (doc) => addEntry(doc, { start: "2019", headline: "Before the unload" }));
    await saving;
    const second = await rooms.transact(timelineId, (doc) => addEntry(doc, { start: "2020", headline: "During the unload" }));
    await waitFor(() => rooms.size === 0, "the room to unload");
    const stored = await rooms.read(timelineId, (doc) => listEntries(doc).map((e) => e.id));
    expect(stored).toEqual([first, second]);
  });

  it("[PE1] a server stopped with SIGTERM restores every edit it had accepted", async () => {
    const port = String(await freePort());
    let server: TRunningServer = await startTestServer(db, { PORT: port });
    const { user, timelineId } = await setup(server, async (u) => (await createTimeline(server.context, u.id, { title: "Restart" })).id);
    const a = client(server.url, timelineId, user);
    await synced(a.provider);
    const ids = Array.from({ length: 20 }, (_, i) => addEntry(a.doc, { start: `20${10 + i}`, headline: `Entry ${i}` }));
    setHeadline(a.doc, ids[0]!, "Edited just before shutdown");
    // The server has applied the edits once a second client sees them; then stop at once.
    const witness = client(server.url, timelineId, user);
    await waitFor(() => listEntries(witness.doc)[0]?.headline === "Edited just before shutdown", "edits accepted");
    // Stopped with everyone still connected: the shutdown path itself must save the room.
    await server.close();
    a.provider.destroy();
    witness.provider.destroy();

    server = await startTestServer(db, { PORT: port });
    cleanups.push(() => server.close());
    const fresh = client(server.url, timelineId, user);
    await synced(fresh.provider);
    expect(listEntries(fresh.doc).map((e) => e.headline)).toEqual(["Edited just before shutdown", ...ids.slice(1).map((_, i) => `Entry ${i + 1}`)]);
  });

  it("[PE2] a room unloads after its last session leaves, with its log compacted into the state row", async () => {
    const server = await startTestServer(db);
    cleanups.push(() => server.close());
    const { user, timelineId } = await setup(server, async (u) => (await createTimeline(server.context, u.id, { title: "Unload" })).id);
    const a = client(server.url, timelineId, user);
    await synced(a.provider);
    addEntry(a.doc, { start: "2016", headline: "East Aleppo retaken" });
    await waitFor(async () => (await server.context.prisma.docUpdate.count({ where: { timelineId } })) > 0, "update logged");
    a.provider.destroy();
    await waitFor(() => server.context.rooms.size === 0, "room unloaded");
    expect(await server.context.prisma.docUpdate.count({ where: { timelineId } })).toBe(0);
    const b = client(server.url, timelineId, user);
    await synced(b.provider);
    expect(listEntries(b.doc).map((e) => e.headline)).toEqual(["East Aleppo retaken"]);
  });

  it("[PE3] after SIGKILL, edits accepted over 1 s before survive, and a reconnecting client merges the rest", async () => {
    const port = await freePort();
    const env = { ...process.env, ...db.env, PORT: String(port), HOST: "127.0.0.1", AUTH_SECRET, LOG_LEVEL: "warn", SEED_DEMO: "false", NODE_ENV: "test" as const };
    type TReady = { url: string; timelineId?: string; email?: string; password?: string };
    const spawnServer = async (seed: boolean): Promise<{ child: ChildProcess } & TReady> => {
      const child = spawn(process.execPath, ["--import", "tsx", "server/test/fixture-server.ts"], {
        cwd: ROOT_DIR,
        env: { ...env, FIXTURE_SEED: seed ? "1" : "0" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const ready = await waitFor(() => /READY (.+)\n/.exec(out)?.[1], `server start (${out})`, 60_000);
      return { child, ...(JSON.parse(ready) as TReady) };
    };
    let proc = await spawnServer(true);
    cleanups.push(() => proc.child.kill("SIGKILL"));
    const created = proc.timelineId!;
    const user = await signIn(proc.url, proc.email!, proc.password!);
    const a = client(proc.url, created, user);
    const witness = client(proc.url, created, user);
    await Promise.all([synced(a.provider), synced(witness.provider)]);
    addEntry(a.doc, { start: "2019-04", headline: "Offensive begins" });
    await waitFor(() => listEntries(witness.doc).length === 1, "first edit accepted");
    // The guarantee under test: accepted more than 1 s before the kill.
    await new Promise((r) => setTimeout(r, 1100));
    witness.provider.destroy();
    addEntry(a.doc, { start: "2019-12-24", headline: "Exodus" });
    proc.child.kill("SIGKILL");
    await new Promise((r) => proc.child.once("exit", r));

    proc = await spawnServer(false);
    const reader = client(proc.url, created, user);
    await synced(reader.provider);
    expect(listEntries(reader.doc).map((e) => e.headline)).toContain("Offensive begins");
    // The provider that kept the second edit reconnects by itself and merges it.
    await waitFor(() => listEntries(reader.doc).some((e) => e.headline === "Exodus"), "reconnecting client merges its edit");
    expect(listEntries(reader.doc).map((e) => e.headline)).toEqual(["Offensive begins", "Exodus"]);
    proc.child.kill("SIGTERM");
    await new Promise((r) => proc.child.once("exit", r));
  });
});
