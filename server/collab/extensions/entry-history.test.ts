// Per-entry history from real sessions, against both PGlite and Postgres ([EH*] in SPEC.md).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { addEntry, deleteEntry, entryBody, setHeadline, updateEntry } from "../../../lib/timeline/ops.ts";
import { entriesMap } from "../../../lib/timeline/schema.ts";
import type { TRunningServer } from "../../app.ts";
import type { TPrisma } from "../../db/client.ts";
import { createLogger } from "../../log.ts";
import { serverOrigin } from "../origins.ts";
import { Room } from "../room.ts";
import { entryHistoryExtension, type TFieldChange } from "./entry-history.ts";
import { listEntryHistory, type TEntryChange } from "../../domain/list-entry-history.ts";
import { setEntryStatus } from "../../domain/set-entry-status.ts";
import { AppError } from "../../errors.ts";
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from "../../test/databases.ts";
import { connect, signUp, startTestServer, synced, timelineWithTeam, waitFor, type TTestUser } from "../../test/harness.ts";

describe.each(DATABASE_KINDS)("entry history on %s", (kind) => {
  let db: TTestDatabase;
  let server: TRunningServer;
  let alice: TTestUser; // owner
  let bob: TTestUser; // editor
  let carla: TTestUser; // commenter
  let vera: TTestUser; // viewer
  let timelineId: string;
  let clients: { provider: { destroy(): void } }[] = [];

  function client(user: TTestUser) {
    const c = connect(server.url, timelineId, user.cookie);
    clients.push(c);
    return c;
  }

  function disconnectAll(): void {
    for (const c of clients.splice(0)) c.provider.destroy();
  }

  const history = (id: string, input: object = {}, as = alice) => listEntryHistory(server.context, as.id, timelineId, id, input).then((r) => r.changes);

  /** Waits until the entry's history has `n` records (runs of edits close after a few seconds of quiet). */
  const historyOf = (id: string, n: number) =>
    waitFor(async () => {
      const changes = await history(id);
      return changes.length >= n ? changes : null;
    }, `${n} history records`);

  const atServer = (id: string, check: (entry: Y.Map<unknown>) => boolean) =>
    waitFor(() => server.context.rooms.read(timelineId, (doc) => {
      const entry = entriesMap(doc).get(id);
      return entry instanceof Y.Map && check(entry);
    }), "change at the server");

  const summary = (c: TEntryChange) => ({ kind: c.kind, userName: c.userName, fields: c.fields, changes: c.changes, note: c.note });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer(db);
    ({ owner: alice, editor: bob, commenter: carla, viewer: vera, timelineId } = await timelineWithTeam(server, ["Alice", "Bob", "Carla", "Vera"]));
  });

  afterAll(async () => {
    disconnectAll();
    await server?.close();
    await db?.dispose();
  });

  it("[EH1][EH3][EH4] lists two users' changes with the right person, fields and old → new, and still every one after the room was compacted and reloaded", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = addEntry(a.doc, { start: "2019-12-24", headline: "Exodus", tags: ["displacement"] }, { userId: alice.id });
    await waitFor(() => entriesMap(b.doc).has(id), "entry at bob");
    updateEntry(b.doc, id, { start: "2019-12-23", tags: ["displacement", "idlib"] });
    await historyOf(id, 2);
    entryBody(a.doc, id).insert(0, [new Y.XmlElement("paragraph")]);
    await historyOf(id, 3);
    await setEntryStatus(server.context, { id: carla.id, name: "Carla" }, timelineId, id, { status: "verified", note: "Checked with OCHA" });
    await historyOf(id, 4);
    // A headline change on the verified entry: Bob's edit, then the server's fallback on his account.
    setHeadline(b.doc, id, "Exodus south");
    await atServer(id, (e) => e.get("status") === "needs-review");
    // Leaving at once: the open run of Bob's edit is written when the room unloads, not lost.
    disconnectAll();
    await waitFor(() => server.context.rooms.size === 0, "room unloaded");
    expect(await server.context.prisma.docUpdate.count({ where: { timelineId } })).toBe(0);

    const expected = [
      { kind: "fallback", userName: "Bob", fields: ["status"], changes: [{ field: "status", old: "verified", new: "needs-review" }], note: null },
      { kind: "updated", userName: "Bob", fields: ["headline"], changes: [{ field: "headline", old: "Exodus", new: "Exodus south" }], note: null },
      { kind: "status", userName: "Carla", fields: ["status"], changes: [{ field: "status", old: "draft", new: "verified" }], note: "Checked with OCHA" },
      { kind: "updated", userName: "Alice", fields: ["body"], changes: [], note: null },
      {
        kind: "updated",
        userName: "Bob",
        fields: ["start", "tags"],
        changes: [
          { field: "start", old: "2019-12-24", new: "2019-12-23" },
          { field: "tags", old: "displacement", new: "displacement,idlib" },
        ],
        note: null,
      },
      {
        kind: "created",
        userName: "Alice",
        fields: ["start", "headline", "body", "tags", "status"],
        changes: [
          { field: "start", old: null, new: "2019-12-24" },
          { field: "headline", old: null, new: "Exodus" },
          { field: "tags", old: null, new: "displacement" },
          { field: "status", old: null, new: "draft" },
        ],
        note: null,
      },
    ];
    const listed = await history(id);
    // The fallback and the edit that caused it happen in the same instant: compare them as a set.
    const byKind = (x: { kind: string }, y: { kind: string }) => x.kind.localeCompare(y.kind);
    expect(listed.slice(0, 2).map(summary).sort(byKind)).toEqual(expected.slice(0, 2).sort(byKind));
    expect(listed.slice(2).map(summary)).toEqual(expected.slice(2));
    expect(listed.find((c) => c.kind === "status")?.userId).toBe(carla.id);
    expect(listed.filter((c) => c.userName === "Bob").every((c) => c.userId === bob.id)).toBe(true);

    // Reloaded from its compacted state, the room goes on recording.
    const again = client(bob);
    await synced(again.provider);
    deleteEntry(again.doc, id);
    const after = await historyOf(id, 7);
    expect(summary(after[0])).toMatchObject({ kind: "deleted", userName: "Bob", changes: expect.arrayContaining([{ field: "headline", old: "Exodus south", new: null }]) });
    expect(after.slice(1).map(summary)).toEqual(listed.map(summary));
    disconnectAll();
  });

  it("[EH2] a run of keystrokes in a headline is one record, and another person's edit starts a new one", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = addEntry(a.doc, { start: "2020-03-05", headline: "" }, { userId: alice.id });
    await waitFor(() => entriesMap(b.doc).has(id), "entry at bob");
    const typed = "Ceasefire agreed in Moscow";
    for (let i = 1; i <= typed.length; i++) setHeadline(a.doc, id, typed.slice(0, i));
    await atServer(id, (e) => String(e.get("title")) === typed);
    await waitFor(() => String(entriesMap(b.doc).get(id)?.get("title")) === typed, "alice's typing at bob");
    setHeadline(b.doc, id, `${typed}!`);
    updateEntry(b.doc, id, { displayDate: "Spring" });
    updateEntry(b.doc, id, { displayDate: "Spring 2020" });
    await atServer(id, (e) => e.get("displayDate") === "Spring 2020");
    // Rows are stored as the runs go on: wait for the one that ends with Bob's last edit.
    const changes = await waitFor(async () => {
      const listed = await history(id);
      return listed.length === 3 && listed[0]!.changes[0]?.new === "Spring 2020" && listed[1]!.changes[0]?.new === typed ? listed : null;
    }, "both runs stored");
    expect(changes.map(summary)).toEqual([
      {
        kind: "updated",
        userName: "Bob",
        fields: ["displayDate", "headline"],
        changes: [
          { field: "displayDate", old: null, new: "Spring 2020" },
          { field: "headline", old: typed, new: `${typed}!` },
        ],
        note: null,
      },
      { kind: "updated", userName: "Alice", fields: ["headline"], changes: [{ field: "headline", old: "", new: typed }], note: null },
      expect.objectContaining({ kind: "created", userName: "Alice" }),
    ]);
    disconnectAll();
  });

  it("[EH5] any member lists history, newest first, in pages; a stranger gets 404 and a bad page 422", async () => {
    const a = client(alice);
    await synced(a.provider);
    const id = addEntry(a.doc, { start: "2018", headline: "Sochi" }, { userId: alice.id });
    await atServer(id, () => true);
    // Statuses set through the use-case by turns: five records that do not run together.
    const setters = [carla, alice, carla, alice, carla];
    const statuses = ["needs-review", "verified", "disputed", "needs-review", "verified"] as const;
    for (const [i, u] of setters.entries()) await setEntryStatus(server.context, { id: u.id, name: u.name }, timelineId, id, { status: statuses[i] });
    const all = await historyOf(id, 6);
    expect(all.map((c) => c.kind)).toEqual(["status", "status", "status", "status", "status", "created"]);
    expect(all.slice(0, 5).map((c) => c.changes[0]?.new)).toEqual([...statuses].reverse());
    expect(await history(id, {}, vera)).toEqual(all);
    const first = await history(id, { limit: "2" });
    const second = await history(id, { limit: "2", before: first[1].id });
    const rest = await history(id, { before: second[1].id });
    expect([...first, ...second, ...rest]).toEqual(all);

    const stranger = await signUp(server.url, "Stranger");
    const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e : null));
    expect((await failure(history(id, {}, stranger)))?.status).toBe(404);
    // An empty parameter (`?before=&limit=`) is one not given.
    expect(await history(id, { limit: "", before: "" })).toEqual(all);
    expect(await failure(history(id, { limit: "1001" }))).toMatchObject({ status: 422, field: "limit" });
    expect(await failure(history(id, { before: "abc" }))).toMatchObject({ status: 422, field: "before" });
    expect(await failure(history(id, { before: "999999999" }))).toMatchObject({ status: 422, field: "before" });
    disconnectAll();
  });

  it("[EH2] a status set never runs together with the next: one person's two statuses within a second are two records, each with its note", async () => {
    const a = client(alice);
    await synced(a.provider);
    const id = addEntry(a.doc, { start: "2019-02", headline: "Convoy hit" }, { userId: alice.id });
    await atServer(id, () => true);
    await setEntryStatus(server.context, { id: carla.id, name: "Carla" }, timelineId, id, { status: "verified", note: "Matches OCHA" });
    await setEntryStatus(server.context, { id: carla.id, name: "Carla" }, timelineId, id, { status: "disputed", note: "Footage is from 2016" });
    const changes = await historyOf(id, 3);
    expect(changes.slice(0, 2).map(summary)).toEqual([
      { kind: "status", userName: "Carla", fields: ["status"], changes: [{ field: "status", old: "verified", new: "disputed" }], note: "Footage is from 2016" },
      { kind: "status", userName: "Carla", fields: ["status"], changes: [{ field: "status", old: "draft", new: "verified" }], note: "Matches OCHA" },
    ]);
    disconnectAll();
  });

  it("[EH4] a change is stored within a second, while its run is still open, and the run's later keystrokes update that same row", async () => {
    const a = client(alice);
    await synced(a.provider);
    const id = addEntry(a.doc, { start: "2021", headline: "Draft" }, { userId: alice.id });
    await historyOf(id, 1);
    const rowOf = () => server.context.prisma.entryChange.findFirst({ where: { timelineId, entryId: id, kind: "updated" } });
    setHeadline(a.doc, id, "Draft headline");
    // Well inside the run's HISTORY_QUIET_MS: a crash now would keep the record.
    const first = await waitFor(rowOf, "the open run's row", 1_000);
    expect(first.changes).toEqual([{ field: "headline", old: "Draft", new: "Draft headline" }]);
    setHeadline(a.doc, id, "Draft headline, revised");
    const revised = await waitFor(async () => {
      const row = await rowOf();
      return (row?.changes as TFieldChange[] | undefined)?.[0]?.new === "Draft headline, revised" ? row : null;
    }, "the same row updated", 1_000);
    expect(revised.id).toBe(first.id);
    expect(revised.changes).toEqual([{ field: "headline", old: "Draft", new: "Draft headline, revised" }]);
    expect(await server.context.prisma.entryChange.count({ where: { timelineId, entryId: id } })).toBe(2);
    disconnectAll();
  });

  it("[EH1][EH4] a NUL in a headline from a stock client is stored as U+FFFD: history goes on recording and the room unloads", async () => {
    const b = client(bob);
    await synced(b.provider);
    const id = addEntry(b.doc, { start: "2020", headline: "ok" }, { userId: bob.id });
    const other = addEntry(b.doc, { start: "2021", headline: "other entry" }, { userId: bob.id });
    await atServer(other, () => true);
    setHeadline(b.doc, id, "bad\u0000headline");
    updateEntry(b.doc, id, { group: "g\u0000", tags: ["a\u0000b"], displayDate: "\u0000" });
    await atServer(id, (e) => e.get("group") === "g\u0000");
    setHeadline(b.doc, other, "a later, harmless edit");
    disconnectAll();
    await waitFor(() => server.context.rooms.size === 0, "room unloaded");
    expect((await history(id))[0]).toMatchObject({
      kind: "updated",
      userName: "Bob",
      changes: [
        { field: "displayDate", old: null, new: "\uFFFD" },
        { field: "headline", old: "ok", new: "bad\uFFFDheadline" },
        { field: "group", old: null, new: "g\uFFFD" },
        { field: "tags", old: null, new: "a\uFFFDb" },
      ],
    });
    expect((await history(other))[0]).toMatchObject({ kind: "updated", changes: [{ field: "headline", old: "other entry", new: "a later, harmless edit" }] });
  });

  it("[EH1] old and new values are stored at most 1,000 characters long", async () => {
    const a = client(alice);
    await synced(a.provider);
    const id = addEntry(a.doc, { start: "2022", headline: "Short" }, { userId: alice.id });
    await historyOf(id, 1);
    setHeadline(a.doc, id, "é".repeat(5_000));
    const [change] = await waitFor(async () => {
      const listed = await history(id);
      return listed[0]?.kind === "updated" ? listed : null;
    }, "the long headline's record");
    expect(change!.changes).toEqual([{ field: "headline", old: "Short", new: `${"é".repeat(999)}…` }]);
    disconnectAll();
  });
});

describe("writing history records", () => {
  type TStored = { id: bigint; entryId: string; userName: string; kind: string; changes: { field: string; old: string | null; new: string | null }[] };
  /** A database in memory that refuses what `refuse` says: `down` (cannot be reached) or a row it judges bad. */
  function fakeDatabase(refuse: (row: Omit<TStored, "id">) => "down" | "data" | { sqlstate: string } | null) {
    const stored: TStored[] = [];
    let next = 1n;
    /** Whether the last write found the database down: then it answers no other query either. */
    let down = false;
    const check = (rows: Omit<TStored, "id">[]) => {
      down = false;
      for (const row of rows) {
        const why = refuse(row);
        down = why === "down";
        if (why === "down") throw new Error("database down");
        // What the Postgres driver adapter throws for a row it cannot store (22021: invalid byte sequence).
        if (why === "data") throw Object.assign(new Error("invalid byte sequence"), { cause: { kind: "postgres", originalCode: "22021" } });
        // A fault of the moment, while the database answers every other query.
        if (why !== null) throw Object.assign(new Error(`database fault ${why.sqlstate}`), { cause: { kind: "postgres", originalCode: why.sqlstate } });
      }
      return rows.map((row) => {
        const r = { ...row, id: next++ };
        stored.push(r);
        return r;
      });
    };
    const entryChange = {
      createMany: vi.fn(async ({ data }: { data: Omit<TStored, "id">[] }) => ({ count: check(data).length })),
      createManyAndReturn: vi.fn(async ({ data }: { data: Omit<TStored, "id">[] }) => check(data)),
      update: vi.fn(async ({ where, data }: { where: { id: bigint }; data: Partial<TStored> }) => {
        const row = stored.find((r) => r.id === where.id)!;
        check([{ ...row, ...data }]);
        Object.assign(row, data);
        return row;
      }),
    };
    const $queryRaw = vi.fn(async () => {
      if (down) throw new Error("database down");
      return [{ "?column?": 1 }];
    });
    return { stored, entryChange, prisma: { entryChange, $queryRaw } as unknown as TPrisma };
  }

  it("[EH4] a failed write is kept and retried, and unloading refuses to drop what is not stored", async () => {
    let failing = true;
    const db = fakeDatabase(() => (failing ? "down" : null));
    const room = new Room("t1", [entryHistoryExtension(db.prisma, createLogger("silent"))], createLogger("silent"));
    await room.load();
    const hana = serverOrigin({ id: "u1", name: "Hana" });
    const id = addEntry(room.doc, { start: "2019", headline: "h" }, { origin: hana });
    await waitFor(() => db.entryChange.createMany.mock.calls.length >= 1, "first attempt");
    await expect(room.unload()).rejects.toThrow(/not yet stored/);
    expect(db.stored).toEqual([]);
    failing = false;
    setHeadline(room.doc, id, "headline", { origin: hana });
    await room.unload();
    expect(db.stored.map((r) => [r.entryId, r.userName, r.kind])).toEqual([
      [id, "Hana", "created"],
      [id, "Hana", "updated"],
    ]);
    room.destroy();
  });

  it.each(["53100", "25006", "57014", "40001"])("[EH4] a fault of the moment (SQLSTATE %s) while the database answers keeps every record until it passes", async (sqlstate) => {
    let failing = true;
    const db = fakeDatabase(() => (failing ? { sqlstate } : null));
    const room = new Room("t1", [entryHistoryExtension(db.prisma, createLogger("silent"))], createLogger("silent"));
    await room.load();
    const hana = serverOrigin({ id: "u1", name: "Hana" });
    const id = addEntry(room.doc, { start: "2019", headline: "h" }, { origin: hana });
    await waitFor(() => db.entryChange.createMany.mock.calls.length >= 1, "first attempt");
    await expect(room.unload()).rejects.toThrow(/not yet stored/);
    failing = false;
    await room.unload();
    expect(db.stored.map((r) => [r.entryId, r.kind])).toEqual([[id, "created"]]);
    room.destroy();
  });

  it("[EH4] a record the database refuses is dropped alone: the records after it are stored and the room unloads", async () => {
    const db = fakeDatabase((row) => (row.changes.some((c) => c.new === "poison") ? "data" : null));
    const room = new Room("t1", [entryHistoryExtension(db.prisma, createLogger("silent"))], createLogger("silent"));
    await room.load();
    const hana = serverOrigin({ id: "u1", name: "Hana" });
    room.doc.transact(() => {
      addEntry(room.doc, { start: "2019", headline: "poison" }, { origin: hana });
      addEntry(room.doc, { start: "2020", headline: "fine" }, { origin: hana });
    }, hana);
    const later = addEntry(room.doc, { start: "2021", headline: "later" }, { origin: hana });
    await room.unload();
    expect(db.stored.map((r) => r.changes.find((c) => c.field === "headline")?.new)).toEqual(["fine", "later"]);
    setHeadline(room.doc, later, "still recording", { origin: hana });
    await room.unload();
    expect(db.stored.at(-1)).toMatchObject({ entryId: later, kind: "updated" });
    room.destroy();
  });
});
