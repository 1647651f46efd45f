// The verification extension with stock y-websocket clients and the status use-case ([VR*] in SPEC.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, initTimeline, setHeadline, updateEntry } from "../../../lib/timeline/ops.ts";
import { entriesMap, listEntries, type TEntry } from "../../../lib/timeline/schema.ts";
import { changesSinceVerified } from "../../../lib/timeline/verification.ts";
import type { TRunningServer } from "../../app.ts";
import { listEntryHistory } from "../../domain/list-entry-history.ts";
import { storeNewTimeline } from "../../domain/new-timeline.ts";
import { setEntryStatus } from "../../domain/set-entry-status.ts";
import { AppError } from "../../errors.ts";
import { createTestDatabase, type TTestDatabase } from "../../test/databases.ts";
import { connect, signUp, startTestServer, synced, timelineWithTeam, waitFor, type TTestUser } from "../../test/harness.ts";

let db: TTestDatabase;
let server: TRunningServer;
let alice: TTestUser; // owner, creates the entries
let bob: TTestUser; // editor
let carla: TTestUser; // commenter: the fact-checker
let vera: TTestUser; // viewer
let timelineId: string;
const cleanups: (() => void)[] = [];

function client(user: TTestUser) {
  const c = connect(server.url, timelineId, user.cookie);
  cleanups.push(() => c.provider.destroy());
  return c;
}

const entryOf = (doc: Y.Doc, id: string): TEntry | undefined => listEntries(doc).find((e) => e.id === id);
const actor = (u: TTestUser) => ({ id: u.id, name: u.name });

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

/** Alice's client adds an entry, Carla verifies it through the use-case, and both clients see it. */
async function verifiedEntry(a: { doc: Y.Doc }, b: { doc: Y.Doc }, input = { start: "2019-12-24", headline: "Exodus from Maarat" }) {
  const id = addEntry(a.doc, input, { userId: alice.id });
  await waitFor(() => entryOf(b.doc, id), "entry reaches the server and bob");
  await setEntryStatus(server.context, actor(carla), timelineId, id, { status: "verified", note: "Two sources" });
  await waitFor(() => entryOf(a.doc, id)?.status === "verified" && entryOf(b.doc, id)?.status === "verified", "verified everywhere");
  return id;
}

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  server = await startTestServer(db);
  ({ owner: alice, editor: bob, commenter: carla, viewer: vera, timelineId } = await timelineWithTeam(server, ["Alice", "Bob", "Carla", "Vera"]));
});

afterAll(async () => {
  for (const c of cleanups) c();
  await server?.close();
  await db?.dispose();
});

describe("fallback to review", () => {
  it("[VR1] a stock client changing a verified entry's headline makes it needs-review for every replica, showing old → new", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = await verifiedEntry(a, b);
    setHeadline(b.doc, id, "Exodus from Maarat al-Nouman");
    for (const doc of [a.doc, b.doc]) {
      const entry = await waitFor(() => (entryOf(doc, id)?.status === "needs-review" ? entryOf(doc, id) : undefined), "fallback everywhere");
      expect(entry.verification).toMatchObject({ by: bob.id, byName: "Bob", auto: true });
      expect(changesSinceVerified(entry)).toEqual([{ field: "headline", old: "Exodus from Maarat", new: "Exodus from Maarat al-Nouman" }]);
    }
    // The creator hears of it; Bob, who caused it, does not.
    const notes = await waitFor(
      async () => {
        const rows = await server.context.prisma.notification.findMany({ where: { entryId: id, kind: "status" } });
        return rows.some((n) => n.text.includes("needs review")) ? rows : null;
      },
      "fallback notification",
    );
    expect(notes.filter((n) => n.text.includes("needs review")).map((n) => [n.userId, n.actorName])).toEqual([[alice.id, "Bob"]]);
  });

  it("[VR1] changing its date or qualifier falls back too; changing its group does not", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = await verifiedEntry(a, b, { start: "2020-03-05", headline: "Ceasefire" });
    updateEntry(b.doc, id, { group: "Diplomacy" });
    const marker = addEntry(b.doc, { start: "2021", headline: "marker" });
    await waitFor(() => entryOf(a.doc, marker), "bob's later edit reaches alice");
    expect(entryOf(a.doc, id)?.status).toBe("verified");
    updateEntry(b.doc, id, { start: "2020-03-06", qualifier: "circa" });
    const entry = await waitFor(() => (entryOf(a.doc, id)?.status === "needs-review" ? entryOf(a.doc, id) : undefined), "fallback at alice");
    expect(changesSinceVerified(entry)).toEqual([
      { field: "start", old: "2020-03-05", new: "2020-03-06" },
      { field: "qualifier", old: null, new: "circa" },
    ]);
  });

  it("[VR4] an entry stored as verified without a record of what was verified falls back when it changes", async () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Imported" });
    const id = addEntry(doc, { start: "2011-03-15", headline: "Protests in Deraa", status: "verified" }, { userId: alice.id });
    const imported = (await storeNewTimeline(server.context, "Imported", alice.id, doc)).id;
    const b = connect(server.url, imported, alice.cookie);
    cleanups.push(() => b.provider.destroy());
    await synced(b.provider);
    expect(entryOf(b.doc, id)?.verification?.verifiedAs).toEqual({ start: "2011-03-15", headline: "Protests in Deraa" });
    setHeadline(b.doc, id, "Protests in Daraa");
    const entry = await waitFor(() => (entryOf(b.doc, id)?.status === "needs-review" ? entryOf(b.doc, id) : undefined), "fallback");
    expect(changesSinceVerified(entry)).toEqual([{ field: "headline", old: "Protests in Deraa", new: "Protests in Daraa" }]);
  });
});

describe("one correction per change", () => {
  it("[VR1][VR3][EH1] a stock client changing a verified entry's date and writing its statusNote at once: the note is put back, one fallback, and history shows only the edit and the fallback", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = await verifiedEntry(a, b, { start: "2019-06-01", headline: "Hospital struck" });
    b.doc.transact(() => {
      const entry = entriesMap(b.doc).get(id)!;
      entry.set("start", "2019-06-02");
      entry.set("statusNote", "ok");
    });
    for (const doc of [a.doc, b.doc]) {
      const entry = await waitFor(() => (entryOf(doc, id)?.status === "needs-review" ? entryOf(doc, id) : undefined), "fallback everywhere");
      expect(entry.verification).toMatchObject({ by: bob.id, byName: "Bob", auto: true });
      expect(entry.verification?.note).toBeUndefined();
      expect(changesSinceVerified(entry)).toEqual([{ field: "start", old: "2019-06-01", new: "2019-06-02" }]);
    }
    const changes = await waitFor(async () => {
      const listed = (await listEntryHistory(server.context, alice.id, timelineId, id, {})).changes;
      return listed.some((c) => c.kind === "fallback") && listed.some((c) => c.kind === "updated") ? listed : null;
    }, "edit and fallback in history");
    const summary = (c: (typeof changes)[number]) => [c.kind, c.userName, c.fields, c.changes];
    expect(changes.map(summary).sort()).toEqual(
      [
        ["created", "Alice", expect.anything(), expect.anything()],
        ["status", "Carla", ["status"], [{ field: "status", old: "draft", new: "verified" }]],
        ["updated", "Bob", ["start"], [{ field: "start", old: "2019-06-01", new: "2019-06-02" }]],
        ["fallback", "Bob", ["status"], [{ field: "status", old: "verified", new: "needs-review" }]],
      ].sort(),
    );
  });

  it("[VR1][VR2] writing status verified again alongside a headline change falls back, as does an entry replaced whole; changing the status to verified verifies", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = await verifiedEntry(a, b, { start: "2019-07-10", headline: "Market bombed" });
    b.doc.transact(() => {
      updateEntry(b.doc, id, { status: "verified" });
      setHeadline(b.doc, id, "Market bombed again");
    });
    const fell = await waitFor(() => (entryOf(a.doc, id)?.status === "needs-review" ? entryOf(a.doc, id) : undefined), "fallback");
    expect(fell.verification).toMatchObject({ by: bob.id, auto: true });
    expect(changesSinceVerified(fell)).toEqual([{ field: "headline", old: "Market bombed", new: "Market bombed again" }]);
    const history = await waitFor(async () => {
      const listed = (await listEntryHistory(server.context, alice.id, timelineId, id, {})).changes;
      return listed.some((c) => c.kind === "fallback") && listed.some((c) => c.kind === "updated") ? listed : null;
    }, "edit and fallback in history");
    expect(history.filter((c) => c.userName === "Bob").map((c) => c.kind).sort()).toEqual(["fallback", "updated"]);

    // Bob really changes the status, from needs-review to verified: a verification of what it shows now.
    updateEntry(b.doc, id, { status: "verified" });
    const verified = await waitFor(() => (entryOf(a.doc, id)?.verification?.by === bob.id && entryOf(a.doc, id)?.status === "verified" ? entryOf(a.doc, id) : undefined), "verified by bob");
    expect(verified.verification?.verifiedAs).toEqual({ start: "2019-07-10", headline: "Market bombed again" });

    // Replaced by a new map that says verified, with another date: the same entry, changed since it was verified.
    b.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set("start", "2019-07-11");
      entry.set("title", new Y.Text("Market bombed again"));
      entry.set("status", "verified");
      entriesMap(b.doc).set(id, entry as never);
    });
    const replaced = await waitFor(() => (entryOf(a.doc, id)?.status === "needs-review" && entryOf(a.doc, id)?.start === "2019-07-11" ? entryOf(a.doc, id) : undefined), "replaced entry falls back");
    expect(replaced.verification).toMatchObject({ by: bob.id, auto: true });
    expect(changesSinceVerified(replaced)).toEqual([{ field: "start", old: "2019-07-10", new: "2019-07-11" }]);
  });
});

describe("who set the status", () => {
  it("[VR2] a status an editor's stock client sets in the doc is attributed to that editor, in the doc and in history", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = addEntry(a.doc, { start: "2019-04", headline: "Offensive begins" }, { userId: alice.id });
    await waitFor(() => entryOf(b.doc, id), "entry at bob");
    updateEntry(b.doc, id, { status: "verified" });
    const entry = await waitFor(() => (entryOf(a.doc, id)?.verification?.by === bob.id ? entryOf(a.doc, id) : undefined), "attributed");
    expect(entry).toMatchObject({ status: "verified", verification: { by: bob.id, byName: "Bob", verifiedAs: { start: "2019-04", headline: "Offensive begins" } } });
    expect(Date.now() - Date.parse(entry.verification!.at!)).toBeLessThan(60_000);
    const history = await waitFor(async () => {
      const { changes } = await listEntryHistory(server.context, alice.id, timelineId, id, {});
      return changes.some((c) => c.kind === "status") ? changes : null;
    }, "status in history");
    expect(history.filter((c) => c.kind === "status")).toEqual([
      expect.objectContaining({ userId: bob.id, userName: "Bob", fields: ["status"], changes: [{ field: "status", old: "draft", new: "verified" }] }),
    ]);
  });

  it("[VR3] a client's forged statusBy, note or verified values are put back", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = await verifiedEntry(a, b, { start: "2019-08-20", headline: "Khan Shaykhun falls" });
    const before = entryOf(a.doc, id)!.verification;
    expect(before).toMatchObject({ by: carla.id, byName: "Carla", note: "Two sources" });
    b.doc.transact(() => {
      const entry = entriesMap(b.doc).get(id)!;
      entry.set("statusBy", bob.id);
      entry.set("statusByName", "Carla");
      entry.delete("statusNote");
      entry.set("verifiedAs", { start: "1999", headline: "something else" });
    });
    // Bob's own replica is corrected too: everyone converges on the server's record.
    for (const doc of [b.doc, a.doc]) await waitFor(() => entryOf(doc, id)?.verification?.by === carla.id && entryOf(doc, id)?.verification?.note === "Two sources", "restored");
    expect(entryOf(a.doc, id)).toMatchObject({ status: "verified", verification: before });
    expect(entryOf(b.doc, id)).toEqual(entryOf(a.doc, id));
  });

  it("[VR1][VR3][EH6] values JSON cannot hold (a BigInt, a Y type) in the server's fields of a replaced entry are put back, and the entry still falls back", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = await verifiedEntry(a, b, { start: "2020-01-01", headline: "Original" });
    b.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      entry.set("start", "2020-01-01");
      entry.set("title", new Y.Text("Changed headline"));
      entry.set("status", "verified");
      entry.set("statusBy", alice.id);
      entry.set("statusByName", "Alice (owner)");
      entry.set("verifiedAs", { start: "2020-01-01", headline: "Changed headline" });
      entry.set("statusNote", 1n);
      entry.set("statusAuto", new Y.Map());
      entriesMap(b.doc).set(id, entry as never);
    });
    const fell = await waitFor(() => (entryOf(a.doc, id)?.status === "needs-review" ? entryOf(a.doc, id) : undefined), "fallback");
    expect(fell.verification).toMatchObject({ by: bob.id, byName: "Bob", auto: true, verifiedAs: { start: "2020-01-01", headline: "Original" } });
    // The BigInt and the Y type are gone; the fallback's own fields are the server's.
    expect(entriesMap(a.doc).get(id)!.get("statusNote")).toBeUndefined();
    expect(entriesMap(a.doc).get(id)!.get("statusAuto")).toBe(true);
    // Bob's socket was not closed for it: his next edit still arrives.
    setHeadline(b.doc, id, "Changed headline, again");
    await waitFor(() => entryOf(a.doc, id)?.headline === "Changed headline, again", "bob's next edit");
  });

  it("[VR5] a commenter sets a status with a note through the use-case; a viewer gets 403, a stranger and an unknown entry 404", async () => {
    const a = client(alice);
    await synced(a.provider);
    const id = addEntry(a.doc, { start: "2020-02", headline: "Saraqib retaken" }, { userId: alice.id });
    await waitFor(() => server.context.rooms.read(timelineId, (doc) => entriesMap(doc).has(id)), "entry at the server");
    const set = await setEntryStatus(server.context, actor(carla), timelineId, id, { status: "disputed", note: "  Footage is from 2016  ", by: bob.id });
    expect(set).toEqual({ entryId: id, status: "disputed", by: { id: carla.id, name: "Carla" }, at: expect.any(String), note: "Footage is from 2016" });
    await waitFor(() => entryOf(a.doc, id)?.status === "disputed", "status at alice");
    expect(entryOf(a.doc, id)?.verification).toEqual({ by: carla.id, byName: "Carla", at: set.at, note: "Footage is from 2016" });
    const note = await waitFor(() => server.context.prisma.notification.findFirst({ where: { entryId: id, kind: "status", userId: alice.id } }), "notified");
    expect(note).toMatchObject({ actorId: carla.id, text: "Carla marked “Saraqib retaken” disputed" });

    expect((await failure(setEntryStatus(server.context, actor(vera), timelineId, id, { status: "verified" }))).status).toBe(403);
    const stranger = await signUp(server.url, "Stranger");
    expect((await failure(setEntryStatus(server.context, actor(stranger), timelineId, id, { status: "verified" }))).status).toBe(404);
    expect((await failure(setEntryStatus(server.context, actor(carla), timelineId, "nope", { status: "verified" }))).status).toBe(404);
    expect(await failure(setEntryStatus(server.context, actor(carla), timelineId, id, { status: "approved" }))).toMatchObject({ status: 422, field: "status" });
    expect(await failure(setEntryStatus(server.context, actor(carla), timelineId, id, { status: "verified", note: "x".repeat(2_001) }))).toMatchObject({ status: 422, field: "note" });

    expect(await failure(setEntryStatus(server.context, actor(carla), timelineId, id, { status: "verified", note: "a\u0000b" }))).toMatchObject({ status: 422, field: "note" });

    // Alice setting a status on her own entry notifies nobody. Notifications are written after the
    // change: Carla's next status set, which does notify, comes after anything Alice's could have caused.
    await setEntryStatus(server.context, actor(alice), timelineId, id, { status: "verified" });
    await setEntryStatus(server.context, actor(carla), timelineId, id, { status: "needs-review" });
    await waitFor(() => server.context.prisma.notification.findFirst({ where: { entryId: id, text: "Carla marked “Saraqib retaken” as needing review" } }), "carla's later notification");
    const notes = await server.context.prisma.notification.findMany({ where: { entryId: id }, orderBy: { createdAt: "asc" } });
    expect(notes.map((n) => [n.userId, n.actorId])).toEqual([
      [alice.id, carla.id],
      [alice.id, carla.id],
    ]);
  });
});
