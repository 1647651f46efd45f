// Comment threads, mentions and notifications through the use-cases behind the routes, on the real
// server (rooms, storage, bus) over embedded PGlite and Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorText, encodeAnchor, type TAnchor } from "../../lib/timeline/anchors.ts";
import { addEntry, deleteEntry, entryBody } from "../../lib/timeline/ops.ts";
import { entriesMap } from "../../lib/timeline/schema.ts";
import type { TRunningServer } from "../app.ts";
import { AppError } from "../errors.ts";
import type { TBusEvent } from "../events/bus.ts";
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from "../test/databases.ts";
import { connect, signUp, startTestServer, synced, waitFor, type TTestUser } from "../test/harness.ts";
import { addComment } from "./add-comment.ts";
import { createThread } from "./create-thread.ts";
import { createTimeline } from "./create-timeline.ts";
import { deleteComment } from "./delete-comment.ts";
import { editComment } from "./edit-comment.ts";
import { listNotifications } from "./list-notifications.ts";
import { listThreads } from "./list-threads.ts";
import { readNotifications } from "./read-notifications.ts";
import { removeMember } from "./remove-member.ts";
import { resolveThread } from "./resolve-thread.ts";
import type { TThread } from "./comments.types.ts";

const FIRST = "Government forces entered Maarat al-Numan on 28 January.";
const SECOND = "Residents fled north towards the border.";
const BODY = [
  { type: "paragraph" as const, content: [{ text: FIRST }] },
  { type: "paragraph" as const, content: [{ text: SECOND }] },
];

/** The AppError a use-case fails with. */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

const person = (u: TTestUser) => ({ id: u.id, name: u.name });
const mention = (u: TTestUser, shown = u.name) => `@[${shown}](${u.id})`;

describe.each(DATABASE_KINDS)("comment threads on %s", (kind) => {
  let db: TTestDatabase;
  let server: TRunningServer;
  let olga: TTestUser; // owner
  let eddie: TTestUser; // editor
  let carla: TTestUser; // commenter (fact-checker)
  let vera: TTestUser; // viewer
  let otto: TTestUser; // not a member
  let timelineId: string;
  const events: TBusEvent[] = [];
  const cleanups: (() => void)[] = [];
  const d = () => server.context;

  async function newEntry(headline = "Maarat falls"): Promise<string> {
    return d().rooms.transact(timelineId, (doc) => addEntry(doc, { start: "2020-01-28", headline, body: BODY }));
  }

  // An anchor on the server's replica, as a client makes one from a selection in the first paragraph.
  async function anchorIn(entryId: string, from: number, to: number): Promise<TAnchor> {
    return d().rooms.read(timelineId, (doc) => {
      const text = (entryBody(doc, entryId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      return encodeAnchor(Y.createRelativePositionFromTypeIndex(text, from, 0), Y.createRelativePositionFromTypeIndex(text, to, -1));
    });
  }

  async function threadOf(threadId: string): Promise<TThread> {
    const { threads } = await listThreads(d(), olga.id, timelineId, {});
    return threads.find((t) => t.id === threadId)!;
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer(db);
    [olga, eddie, carla, vera, otto] = await Promise.all(["Olga", "Eddie", "Carla", "Vera", "Otto"].map((n) => signUp(server.url, n)));
    timelineId = (await createTimeline(d(), olga.id, { title: "Idlib" })).id;
    await d().prisma.timelineMember.createMany({
      data: [
        { timelineId, userId: eddie.id, role: "editor" },
        { timelineId, userId: carla.id, role: "commenter" },
        { timelineId, userId: vera.id, role: "viewer" },
      ],
    });
    cleanups.push(d().bus.subscribe((e) => events.push(e)));
    // An editor has the timeline open throughout, as when fact-checkers comment: its room stays loaded.
    const editor = connect(server.url, timelineId, eddie.cookie);
    cleanups.push(() => editor.provider.destroy());
    await synced(editor.provider);
  });

  afterAll(async () => {
    for (const c of cleanups) c();
    await server?.close();
    await db?.dispose();
  });

  it("writes threads and comments as the session's user, whatever author the body names", async () => {
    const entryId = await newEntry();
    const forged = { authorId: olga.id, author: person(olga), userId: olga.id };
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Source?", ...forged });
    expect(thread.author).toEqual(person(carla));
    expect(thread.comments[0]!.author).toEqual(person(carla));
    const reply = await addComment(d(), person(eddie), timelineId, thread.id, { body: "AFP, 28 Jan", ...forged });
    expect(reply.author).toEqual(person(eddie));
    const rows = await d().prisma.comment.findMany({ where: { threadId: thread.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.authorId)).toEqual([carla.id, eddie.id]);
    expect((await threadOf(thread.id)).comments.map((c) => [c.author?.name, c.body])).toEqual([
      ["Carla", "Source?"],
      ["Eddie", "AFP, 28 Jan"],
    ]);
  });

  it("lets only a comment's author edit or delete it: anyone else, an owner too, gets 403", async () => {
    const entryId = await newEntry();
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Date looks wrong" });
    const commentId = thread.comments[0]!.id;
    for (const other of [olga, eddie]) {
      const edit = await failure(editComment(d(), person(other), timelineId, thread.id, commentId, { body: "rewritten" }));
      expect([edit.code, edit.status]).toEqual(["forbidden", 403]);
      const del = await failure(deleteComment(d(), other.id, timelineId, thread.id, commentId));
      expect([del.code, del.status]).toEqual(["forbidden", 403]);
    }
    expect((await threadOf(thread.id)).comments[0]).toMatchObject({ body: "Date looks wrong", editedAt: null, deleted: false });

    const edited = await editComment(d(), person(carla), timelineId, thread.id, commentId, { body: "Date is wrong: 29 Jan" });
    expect(edited.body).toBe("Date is wrong: 29 Jan");
    expect(edited.editedAt).not.toBeNull();
    await addComment(d(), person(eddie), timelineId, thread.id, { body: "Fixed" });
    await deleteComment(d(), carla.id, timelineId, thread.id, commentId);
    const after = await threadOf(thread.id);
    expect(after.comments.map((c) => [c.deleted, c.body])).toEqual([
      [true, ""],
      [false, "Fixed"],
    ]);
    expect(after.comments[0]!.author).toEqual(person(carla));
    const row = await d().prisma.comment.findUniqueOrThrow({ where: { id: commentId } });
    expect(row.body).toBe("");
    expect(row.deletedAt).not.toBeNull();
    expect((await failure(editComment(d(), person(carla), timelineId, thread.id, commentId, { body: "back" }))).code).toBe("conflict");
  });

  it("refuses (409) an edit when the comment is deleted between its check and its write, leaving it without mentions or notifications", async () => {
    const entryId = await newEntry();
    const hana = await signUp(server.url, "Hana");
    await d().prisma.timelineMember.create({ data: { timelineId, userId: hana.id, role: "commenter" } });
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Source?" });
    const commentId = thread.comments[0]!.id;
    // The edit reads the comment (not deleted yet); the author's deletion from another tab commits
    // right after that read, before the edit writes.
    let deleted = false;
    const real = d().prisma;
    const comment = new Proxy(real.comment, {
      get(target, prop, receiver) {
        if (prop !== "findFirst") return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<typeof target.findFirst>) => {
          const row = await target.findFirst(...args);
          if (!deleted) {
            deleted = true;
            await deleteComment(d(), carla.id, timelineId, thread.id, commentId);
          }
          return row;
        };
      },
    });
    const prisma = new Proxy(real, {
      get: (target, prop) => (prop === "comment" ? comment : Reflect.get(target, prop, target)),
    });
    const err = await failure(editComment({ ...d(), prisma }, person(carla), timelineId, thread.id, commentId, { body: `${mention(hana)} see AFP` }));
    expect(deleted).toBe(true);
    expect([err.code, err.status]).toEqual(["conflict", 409]);
    const row = await real.comment.findUniqueOrThrow({ where: { id: commentId } });
    expect([row.body, row.editedAt, row.deletedAt !== null]).toEqual(["", null, true]);
    expect(await real.commentMention.count({ where: { commentId } })).toBe(0);
    expect(await real.notification.count({ where: { userId: hana.id } })).toBe(0);
    expect((await threadOf(thread.id)).comments[0]).toMatchObject({ deleted: true, body: "", mentions: [] });
  });

  it("leaves a comment deleted without mentions however an edit and a deletion of it interleave", async () => {
    const entryId = await newEntry();
    for (let i = 0; i < 8; i++) {
      const thread = await createThread(d(), person(carla), timelineId, { entryId, body: `Source ${i}?` });
      const commentId = thread.comments[0]!.id;
      const [edit] = await Promise.allSettled([
        editComment(d(), person(carla), timelineId, thread.id, commentId, { body: `${mention(eddie)} see AFP` }),
        deleteComment(d(), carla.id, timelineId, thread.id, commentId),
      ]);
      if (edit.status === "rejected") expect(edit.reason).toMatchObject({ code: "conflict" });
      expect(await d().prisma.commentMention.count({ where: { commentId } })).toBe(0);
      expect((await d().prisma.comment.findUniqueOrThrow({ where: { id: commentId } })).deletedAt).not.toBeNull();
    }
  });

  it("lets a viewer read threads but not open, reply to, resolve or edit them (403)", async () => {
    const entryId = await newEntry();
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Check the casualty figure" });
    const { threads } = await listThreads(d(), vera.id, timelineId, { entryId });
    expect(threads.map((t) => t.id)).toEqual([thread.id]);
    const attempts = [
      () => createThread(d(), person(vera), timelineId, { entryId, body: "mine" }),
      () => addComment(d(), person(vera), timelineId, thread.id, { body: "mine" }),
      () => resolveThread(d(), vera.id, timelineId, thread.id, { resolved: true }),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).status).toBe(403);
    expect((await threadOf(thread.id)).comments).toHaveLength(1);
    expect((await threadOf(thread.id)).resolved).toBe(false);
  });

  it("answers 404 to an outsider, and for a thread or comment id of another timeline", async () => {
    const entryId = await newEntry();
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Outsiders must not see this" });
    const commentId = thread.comments[0]!.id;
    const attempts = [
      () => listThreads(d(), otto.id, timelineId, {}),
      () => createThread(d(), person(otto), timelineId, { entryId, body: "hi" }),
      () => addComment(d(), person(otto), timelineId, thread.id, { body: "hi" }),
      () => resolveThread(d(), otto.id, timelineId, thread.id, { resolved: true }),
      () => editComment(d(), person(otto), timelineId, thread.id, commentId, { body: "hi" }),
      () => deleteComment(d(), otto.id, timelineId, thread.id, commentId),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).status).toBe(404);

    // Otto owns a timeline of his own: ids from Olga's lead nowhere through it.
    const own = (await createTimeline(d(), otto.id, { title: "Otto's" })).id;
    const cross = [
      () => addComment(d(), person(otto), own, thread.id, { body: "hi" }),
      () => resolveThread(d(), otto.id, own, thread.id, { resolved: true }),
      () => editComment(d(), person(otto), own, thread.id, commentId, { body: "hi" }),
      () => deleteComment(d(), otto.id, own, thread.id, commentId),
    ];
    for (const attempt of cross) expect((await failure(attempt())).status).toBe(404);
    // A comment id under the wrong thread is not found either.
    const other = await createThread(d(), person(carla), timelineId, { entryId, body: "Another" });
    expect((await failure(deleteComment(d(), carla.id, timelineId, other.id, commentId))).status).toBe(404);
  });

  it("refuses a missing entry, an anchor outside the entry or over no text, and an empty or overlong body (422 naming the field)", async () => {
    const entryId = await newEntry();
    const otherEntry = await newEntry("Other");
    const anchor = await anchorIn(entryId, 0, 10);
    const cases: [unknown, string][] = [
      [{ entryId: "no-such-entry", body: "x" }, "entryId"],
      [{ body: "x" }, "entryId"],
      [{ entryId: otherEntry, body: "x", anchor }, "anchor"],
      [{ entryId, body: "x", anchor: await anchorIn(entryId, 5, 5) }, "anchor"],
      [{ entryId, body: "x", anchor: { start: "garbage!", end: anchor.end } }, "anchor"],
      [{ entryId, body: "x", anchor: "0-10" }, "anchor"],
      [{ entryId, body: "   \n " }, "body"],
      [{ entryId, body: "x".repeat(10_001) }, "body"],
      [{ entryId }, "body"],
    ];
    for (const [input, field] of cases) {
      const err = await failure(createThread(d(), person(carla), timelineId, input));
      expect([err.status, err.field], JSON.stringify(input).slice(0, 80)).toEqual([422, field]);
    }
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "  x  " });
    expect(thread.comments[0]!.body).toBe("x");
    expect((await failure(addComment(d(), person(carla), timelineId, thread.id, { body: "" }))).field).toBe("body");
    expect((await failure(resolveThread(d(), carla.id, timelineId, thread.id, { resolved: "yes" }))).field).toBe("resolved");
  });

  it("refuses a NUL character in a body, an entry id or a notification id (422 naming the field), and finds no thread or comment by such an id", async () => {
    const entryId = await newEntry();
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Source?" });
    const commentId = thread.comments[0]!.id;
    const nul = "before\u0000after";
    const cases: [() => Promise<unknown>, string][] = [
      [() => createThread(d(), person(carla), timelineId, { entryId, body: nul }), "body"],
      [() => addComment(d(), person(carla), timelineId, thread.id, { body: nul }), "body"],
      [() => editComment(d(), person(carla), timelineId, thread.id, commentId, { body: nul }), "body"],
      [() => createThread(d(), person(carla), timelineId, { entryId: `${entryId}\u0000`, body: "x" }), "entryId"],
      [() => listThreads(d(), carla.id, timelineId, { entryId: "\u0000" }), "entryId"],
      [() => readNotifications(d(), carla.id, { ids: ["\u0000"] }), "ids.0"],
    ];
    for (const [attempt, field] of cases) {
      const err = await failure(attempt());
      expect([err.status, err.field]).toEqual([422, field]);
      if (field === "body") expect(err.message).toBe("body: a comment cannot contain a NUL character");
    }
    const missing = [
      () => addComment(d(), person(carla), timelineId, "\u0000", { body: "x" }),
      () => resolveThread(d(), carla.id, timelineId, `${thread.id}\u0000`, { resolved: true }),
      () => editComment(d(), person(carla), timelineId, thread.id, `${commentId}\u0000`, { body: "x" }),
      () => deleteComment(d(), carla.id, timelineId, `${thread.id}\u0000`, commentId),
    ];
    for (const attempt of missing) expect((await failure(attempt())).status).toBe(404);
    expect((await threadOf(thread.id)).comments.map((c) => c.body)).toEqual(["Source?"]);
  });

  it("quotes a passage with a NUL character a client typed into the doc, without it", async () => {
    const entryId = await newEntry();
    await d().rooms.transact(timelineId, (doc) => ((entryBody(doc, entryId).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "A\u0000B "));
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "What is this?", anchor: await anchorIn(entryId, 0, 10) });
    expect(thread.quote).toBe("AB Govern");
  });

  it("stores and returns markup in a body as the text it is", async () => {
    const entryId = await newEntry();
    const body = `<img src=x onerror=alert(1)> <script>alert("x")</script> &lt;b&gt; ${mention(eddie)}`;
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body });
    const reply = await addComment(d(), person(carla), timelineId, thread.id, { body: "<iframe src=javascript:alert(1)>" });
    expect(thread.comments[0]!.body).toBe(body);
    const listed = await threadOf(thread.id);
    expect(listed.comments.map((c) => c.body)).toEqual([body, "<iframe src=javascript:alert(1)>"]);
    expect(JSON.parse(JSON.stringify(listed)).comments[0].body).toBe(body);
    expect((await d().prisma.comment.findUniqueOrThrow({ where: { id: reply.id } })).body).toBe("<iframe src=javascript:alert(1)>");
    expect((await listNotifications(d(), eddie.id)).notifications[0]!.text).toBe(
      `Carla mentioned you: <img src=x onerror=alert(1)> <script>alert("x")</script> &lt;b&gt; @Eddie`,
    );
  });

  it("stores the passage's text as the quote of an anchored thread", async () => {
    const entryId = await newEntry();
    const from = FIRST.indexOf("Maarat");
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Which Maarat?", anchor: await anchorIn(entryId, from, from + 15) });
    expect(thread).toMatchObject({ quote: "Maarat al-Numan", entryDeleted: false, anchorDeleted: false });
    const unanchored = await createThread(d(), person(carla), timelineId, { entryId, body: "General" });
    expect([unanchored.anchor, unanchored.quote, unanchored.anchorDeleted]).toEqual([null, null, false]);
  });

  it("keeps an anchored thread on its passage after concurrent edits before and inside it by two stock clients", async () => {
    const a = connect(server.url, timelineId, eddie.cookie);
    const b = connect(server.url, timelineId, olga.cookie);
    cleanups.push(() => a.provider.destroy(), () => b.provider.destroy());
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const entryId = addEntry(a.doc, { start: "2020-01-28", headline: "Typed live", body: BODY });
    await waitFor(() => d().rooms.read(timelineId, (doc) => entriesMap(doc).has(entryId)), "the entry on the server");
    await waitFor(() => entriesMap(b.doc).has(entryId), "the entry at b");
    const textAt = (doc: Y.Doc) => (entryBody(doc, entryId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // The client anchors the selection on its replica.
    const from = FIRST.indexOf("Maarat");
    const anchor = encodeAnchor(
      Y.createRelativePositionFromTypeIndex(textAt(a.doc), from, 0),
      Y.createRelativePositionFromTypeIndex(textAt(a.doc), from + "Maarat al-Numan".length, -1),
    );
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Spelling?", anchor });
    expect(thread.quote).toBe("Maarat al-Numan");

    // In one turn, so neither client has seen the other's edit: b types before the passage, a inside it.
    textAt(b.doc).insert(0, "At dawn, ");
    textAt(a.doc).insert(from + "Maarat".length, " (Idlib)");
    const expected = `At dawn, ${FIRST.replace("Maarat", "Maarat (Idlib)")}`;
    await waitFor(
      async () => textAt(a.doc).toString() === expected && textAt(b.doc).toString() === expected &&
        (await d().rooms.read(timelineId, (doc) => textAt(doc).toString())) === expected,
      "both edits everywhere",
    );
    for (const doc of [a.doc, b.doc]) expect(anchorText(doc, entryId, anchor)).toBe("Maarat (Idlib) al-Numan");
    expect(await threadOf(thread.id)).toMatchObject({ quote: "Maarat al-Numan", anchor, anchorDeleted: false, entryDeleted: false });

    // The passage deleted by a client: the thread stays, on deleted text.
    const start = expected.indexOf("Maarat");
    textAt(a.doc).delete(start, "Maarat (Idlib) al-Numan".length);
    await waitFor(async () => (await threadOf(thread.id)).anchorDeleted, "anchorDeleted");
    await waitFor(() => anchorText(b.doc, entryId, anchor) === "", "the deletion at b");
    expect((await threadOf(thread.id)).comments[0]!.body).toBe("Spelling?");
  });

  it("keeps a thread whose passage was deleted, marked anchorDeleted", async () => {
    const entryId = await newEntry();
    const from = FIRST.indexOf("28 January");
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "Date?", anchor: await anchorIn(entryId, from, from + 10) });
    await d().rooms.transact(timelineId, (doc) => ((entryBody(doc, entryId).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(from, 10));
    expect(await threadOf(thread.id)).toMatchObject({ quote: "28 January", anchorDeleted: true, entryDeleted: false });
  });

  it("keeps the threads of a deleted entry listed, marked entryDeleted, and lets people reply", async () => {
    const entryId = await newEntry();
    const plain = await createThread(d(), person(carla), timelineId, { entryId, body: "On the entry" });
    const anchored = await createThread(d(), person(carla), timelineId, { entryId, body: "On a passage", anchor: await anchorIn(entryId, 0, 10) });
    await d().rooms.transact(timelineId, (doc) => deleteEntry(doc, entryId));
    const { threads } = await listThreads(d(), vera.id, timelineId, { entryId });
    expect(threads.map((t) => [t.id, t.entryDeleted, t.anchorDeleted, t.comments[0]!.body])).toEqual([
      [plain.id, true, false, "On the entry"],
      [anchored.id, true, true, "On a passage"],
    ]);
    await addComment(d(), person(eddie), timelineId, plain.id, { body: "It was a duplicate" });
    expect((await threadOf(plain.id)).comments).toHaveLength(2);
  });

  it("lists every thread oldest first, or one entry's, open and resolved; resolves and reopens", async () => {
    const entryId = await newEntry();
    const first = await createThread(d(), person(carla), timelineId, { entryId, body: "one" });
    const second = await createThread(d(), person(eddie), timelineId, { entryId, body: "two" });
    const resolved = await resolveThread(d(), carla.id, timelineId, first.id, { resolved: true });
    expect(resolved).toMatchObject({ resolved: true, resolvedBy: person(carla) });
    expect(resolved.resolvedAt).not.toBeNull();
    const { threads } = await listThreads(d(), eddie.id, timelineId, { entryId });
    expect(threads.map((t) => [t.id, t.resolved])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
    const all = (await listThreads(d(), eddie.id, timelineId, {})).threads;
    expect(all.length).toBeGreaterThan(threads.length);
    // `?entryId=` with no value is no filter.
    expect((await listThreads(d(), eddie.id, timelineId, { entryId: "" })).threads).toEqual(all);
    expect(all.map((t) => t.createdAt)).toEqual([...all.map((t) => t.createdAt)].sort());
    const reopened = await resolveThread(d(), olga.id, timelineId, first.id, { resolved: false });
    expect([reopened.resolved, reopened.resolvedAt, reopened.resolvedBy]).toEqual([false, null, null]);
  });

  it("publishes a threads event for every change", async () => {
    const entryId = await newEntry();
    events.length = 0;
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body: "one" });
    const reply = await addComment(d(), person(eddie), timelineId, thread.id, { body: "two" });
    await editComment(d(), person(eddie), timelineId, thread.id, reply.id, { body: "two!" });
    await deleteComment(d(), eddie.id, timelineId, thread.id, reply.id);
    await resolveThread(d(), carla.id, timelineId, thread.id, { resolved: true });
    await resolveThread(d(), carla.id, timelineId, thread.id, { resolved: false });
    const own = events.filter((e) => e.kind === "threads");
    expect(own).toEqual(Array(6).fill({ kind: "threads", timelineId, threadId: thread.id, entryId }));
  });

  it("stores mentions of members with their real names, and none of non-members", async () => {
    const entryId = await newEntry();
    const body = `${mention(eddie, "Ed")} and ${mention(otto)} and ${mention(eddie)}, see @[Nobody](no-such-user)`;
    const thread = await createThread(d(), person(carla), timelineId, { entryId, body });
    expect(thread.comments[0]!.mentions).toEqual([{ userId: eddie.id, name: "Eddie" }]);
    expect(thread.comments[0]!.body).toBe(body);
    const stored = await d().prisma.commentMention.findMany({ where: { commentId: thread.comments[0]!.id } });
    expect(stored.map((m) => m.userId)).toEqual([eddie.id]);
    expect(await d().prisma.notification.count({ where: { userId: otto.id } })).toBe(0);
    // Someone who has left the timeline is no longer mentionable.
    const leaver = await signUp(server.url, "Leaver");
    await d().prisma.timelineMember.create({ data: { timelineId, userId: leaver.id, role: "commenter" } });
    await removeMember(d(), leaver.id, timelineId, leaver.id);
    const reply = await addComment(d(), person(carla), timelineId, thread.id, { body: `${mention(leaver)} ${mention(vera)}` });
    expect(reply.mentions).toEqual([{ userId: vera.id, name: "Vera" }]);
    // Editing re-reads them; a deleted comment has none.
    const edited = await editComment(d(), person(carla), timelineId, thread.id, reply.id, { body: `${mention(olga)} only` });
    expect(edited.mentions).toEqual([{ userId: olga.id, name: "Olga" }]);
    await deleteComment(d(), carla.id, timelineId, thread.id, reply.id);
    expect((await threadOf(thread.id)).comments[1]!.mentions).toEqual([]);
    expect(await d().prisma.commentMention.count({ where: { commentId: reply.id } })).toBe(0);
  });

  describe("notifications", () => {
    let n1: TTestUser; // each test reads fresh users' notifications
    let n2: TTestUser;
    let n3: TTestUser;

    beforeAll(async () => {
      [n1, n2, n3] = await Promise.all(["Hana", "Ivo", "Jun"].map((n) => signUp(server.url, n)));
      await d().prisma.timelineMember.createMany({
        data: [
          { timelineId, userId: n1.id, role: "commenter" },
          { timelineId, userId: n2.id, role: "editor" },
          { timelineId, userId: n3.id, role: "editor" },
        ],
      });
    });

    const kinds = async (u: TTestUser) =>
      (await listNotifications(d(), u.id)).notifications.map((n) => [n.kind, n.actor?.name, n.threadId]).reverse();

    it("notifies a mention to the mentioned and a reply to everyone who wrote in the thread before, never the actor", async () => {
      const entryId = await newEntry();
      events.length = 0;
      // Hana opens a thread mentioning Ivo and herself.
      const thread = await createThread(d(), person(n1), timelineId, { entryId, body: `${mention(n2)} is this right? ${mention(n1)}` });
      expect(await kinds(n2)).toEqual([["mention", "Hana", thread.id]]);
      expect(await kinds(n1)).toEqual([]);
      expect(events).toContainEqual({ kind: "notifications", userId: n2.id });
      // Ivo replies: Hana hears of it; Ivo does not.
      await addComment(d(), person(n2), timelineId, thread.id, { body: "Yes, AFP has it" });
      expect(await kinds(n1)).toEqual([["reply", "Ivo", thread.id]]);
      expect(await kinds(n2)).toEqual([["mention", "Hana", thread.id]]);
      // Jun replies mentioning Hana: both earlier writers are told, Hana once (of the mention).
      await addComment(d(), person(n3), timelineId, thread.id, { body: `${mention(n1)} agreed` });
      expect(await kinds(n1)).toEqual([
        ["reply", "Ivo", thread.id],
        ["mention", "Jun", thread.id],
      ]);
      expect(await kinds(n2)).toEqual([
        ["mention", "Hana", thread.id],
        ["reply", "Jun", thread.id],
      ]);
      expect(await kinds(n3)).toEqual([]);
      const { notifications, unread } = await listNotifications(d(), n2.id);
      expect(unread).toBe(2);
      expect(notifications[0]).toMatchObject({ timelineId, timelineTitle: "Idlib", entryId, read: false, text: "Jun replied: @Hana agreed" });
      expect(notifications[1]!.text).toBe("Hana mentioned you: @Ivo is this right? @Hana");
      // An edit that adds a mention tells only the newly mentioned.
      const reply = (await threadOf(thread.id)).comments[2]!;
      await editComment(d(), person(n3), timelineId, thread.id, reply.id, { body: `${mention(n1)} ${mention(n2)} agreed` });
      expect((await kinds(n2)).at(-1)).toEqual(["mention", "Jun", thread.id]);
      expect(await kinds(n1)).toHaveLength(2);
      // The bell shows members' real names, whatever name was typed; a mention that counts for nobody stays as typed.
      await addComment(d(), person(n3), timelineId, thread.id, { body: `${mention(n2, "Olga, owner: OK to publish")} see ${mention(otto, "Name")}` });
      expect((await listNotifications(d(), n2.id)).notifications[0]!.text).toBe(`Jun mentioned you: @Ivo see @[Name](${otto.id})`);
      expect((await listNotifications(d(), n1.id)).notifications[0]!.text).toBe(`Jun replied: @Ivo see @[Name](${otto.id})`);
    });

    it("marks read only the caller's own notifications", async () => {
      const entryId = await newEntry();
      const thread = await createThread(d(), person(n3), timelineId, { entryId, body: `${mention(n1)} ${mention(n2)} please check` });
      await addComment(d(), person(n3), timelineId, thread.id, { body: `${mention(n1)} ${mention(n2)} and this` });
      const ofN1 = (await listNotifications(d(), n1.id)).notifications.filter((n) => !n.read);
      const ofN2 = (await listNotifications(d(), n2.id)).notifications.filter((n) => !n.read);
      const n2Before = (await listNotifications(d(), n2.id)).unread;
      events.length = 0;
      // Hana sends her own ids and Ivo's: only hers are marked.
      const { unread } = await readNotifications(d(), n1.id, { ids: [ofN1[0]!.id, ...ofN2.map((n) => n.id)] });
      expect(unread).toBe(ofN1.length - 1);
      expect((await listNotifications(d(), n2.id)).unread).toBe(n2Before);
      expect(events).toEqual([{ kind: "notifications", userId: n1.id }]);
      expect((await readNotifications(d(), n1.id, { all: true })).unread).toBe(0);
      expect((await listNotifications(d(), n1.id)).notifications.every((n) => n.read)).toBe(true);
      expect((await listNotifications(d(), n2.id)).unread).toBe(n2Before);
      expect((await failure(readNotifications(d(), n1.id, {}))).status).toBe(422);
    });
  });
});
