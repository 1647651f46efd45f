// One contract suite for the document store, run against embedded PGlite and real Postgres
// ([PS*] rules in server/collab/SPEC.md).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, initTimeline, setHeadline } from "../../lib/timeline/ops.ts";
import { listEntries } from "../../lib/timeline/schema.ts";
import { createLogger } from "../log.ts";
import { createPrismaClient, pgConfig, type TDbTarget, type TPrisma } from "./client.ts";
import { mergeToState, prismaDocStore, type TDocStore } from "./doc-store.ts";
import { startEmbeddedPostgres, type TEmbeddedPostgres } from "./embedded.ts";
import { applyMigrations } from "./migrate.ts";
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from "../test/databases.ts";
import { ROOT_DIR } from "../app.ts";

function docFrom(parts: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, mergeToState(parts));
  return doc;
}

describe.each(DATABASE_KINDS)("document store on %s", (kind) => {
  let db: TTestDatabase;
  let embedded: TEmbeddedPostgres | null = null;
  let prisma: TPrisma;
  let store: TDocStore;
  const log = createLogger("silent");

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    let target: TDbTarget;
    if (kind === "pglite") {
      embedded = await startEmbeddedPostgres(db.env.DATA_DIR!, log);
      target = { kind: "embedded", socketDir: embedded.socketDir };
    } else {
      target = { kind: "postgres", url: db.env.DATABASE_URL! };
    }
    await applyMigrations(pgConfig(target), path.join(ROOT_DIR, "prisma", "migrations"), log);
    prisma = createPrismaClient(target);
    store = prismaDocStore(prisma);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await embedded?.close();
    await db?.dispose();
  });

  async function newTimeline(): Promise<string> {
    const id = `t-${Math.random().toString(36).slice(2)}`;
    await prisma.timeline.create({ data: { id, title: "t" } });
    return id;
  }

  it("[PS1] load answers null for a timeline that does not exist", async () => {
    expect(await store.load("missing")).toBeNull();
  });

  it("[PS2] the first state and appended updates load back as the same document", async () => {
    const id = await newTimeline();
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Idlib" });
    await store.writeState(id, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    const entry = addEntry(doc, { start: "2019-12-24", headline: "Exodus" });
    setHeadline(doc, entry, "Exodus from Maarat Al-Nouman");
    for (const u of updates) await store.appendUpdate(id, u);
    const stored = (await store.load(id))!;
    expect(stored.updates).toHaveLength(updates.length);
    const loaded = docFrom([stored.state!, ...stored.updates]);
    expect(listEntries(loaded)).toEqual(listEntries(doc));
  });

  it("[PS3] compaction folds the log into the state row and loses nothing", async () => {
    const id = await newTimeline();
    const doc = new Y.Doc();
    const pending: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => void pending.push(u));
    initTimeline(doc, { title: "Compaction" });
    for (let i = 0; i < 30; i++) addEntry(doc, { start: `${2000 + i}`, headline: `Entry ${i}` });
    for (const u of pending.splice(0)) await store.appendUpdate(id, u);
    expect(await store.compact(id)).toBe(31);
    const after = (await store.load(id))!;
    expect(after.updates).toHaveLength(0);
    addEntry(doc, { start: "2031", headline: "After compaction" });
    for (const u of pending.splice(0)) await store.appendUpdate(id, u);
    expect(await store.compact(id)).toBe(1);
    const stored = (await store.load(id))!;
    expect(listEntries(docFrom([stored.state!, ...stored.updates]))).toEqual(listEntries(doc));
    expect(await store.compact(id)).toBe(0);
  });

  it("[PS4] megabyte updates round-trip byte for byte", async () => {
    const id = await newTimeline();
    const doc = new Y.Doc();
    doc.getText("big").insert(0, "x".repeat(3 * 1024 * 1024));
    const update = Y.encodeStateAsUpdate(doc);
    await store.appendUpdate(id, update);
    const stored = (await store.load(id))!;
    expect(Buffer.from(stored.updates[0]!).equals(Buffer.from(update))).toBe(true);
  });

  it("[PS5] concurrent appends to several timelines all land", async () => {
    const ids = await Promise.all([newTimeline(), newTimeline(), newTimeline()]);
    const docs = ids.map(() => new Y.Doc());
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      ids.forEach((id, k) => {
        const doc = docs[k]!;
        const before = Y.encodeStateVector(doc);
        addEntry(doc, { start: `${1900 + i}`, headline: `t${k} e${i}` });
        writes.push(store.appendUpdate(id, Y.encodeStateAsUpdate(doc, before)));
      });
    }
    await Promise.all(writes);
    for (const [k, id] of ids.entries()) {
      const stored = (await store.load(id))!;
      expect(listEntries(docFrom(stored.updates))).toHaveLength(40);
      expect(listEntries(docFrom(stored.updates))).toEqual(listEntries(docs[k]!));
    }
  });
});
