// Issue 15, versions: save, list, open, compare and restore through the route handlers (called as Next
// calls them), on the real server over embedded PGlite and Postgres, with stock y-websocket clients for
// what others see live.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { GET as listRoute, POST as saveRoute } from "@/app/api/timelines/[id]/versions/route";
import { GET as versionRoute } from "@/app/api/timelines/[id]/versions/[versionId]/route";
import { GET as compareRoute } from "@/app/api/timelines/[id]/versions/[versionId]/compare/route";
import { POST as restoreRoute } from "@/app/api/timelines/[id]/versions/[versionId]/restore/route";
import { timelineToJson, type TTimelineJson } from "../../lib/formats/json.ts";
import { addEntry, deleteEntry, setBody, setEntryStatus, setHeadline, setMeta, updateEntry } from "../../lib/timeline/ops.ts";
import { entriesMap } from "../../lib/timeline/schema.ts";
import { buildIdlibTimeline } from "../../prisma/seed/idlib.ts";
import type { TRunningServer } from "../app.ts";
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from "../test/databases.ts";
import { connect, signUp, synced, startTestServer, timelineWithTeam, waitFor, type TTeam, type TTestUser } from "../test/harness.ts";
import { createTimeline } from "./create-timeline.ts";
import { publishTimeline } from "./publish-timeline.ts";
import { restoreVersion } from "./restore-version.ts";
import { MAX_CHAIN, deleteSnapshots, readSnapshotDoc, saveSnapshot } from "./snapshot-store.ts";
import type { TVersion } from "./versions.types.ts";
import type { TComparison } from "../../lib/timeline/compare.ts";

const route = <P>(params: P) => ({ params: Promise.resolve(params) });

describe.each(DATABASE_KINDS)("versions on %s", (kind) => {
  let db: TTestDatabase;
  let server: TRunningServer;
  let team: TTeam;
  let otto: TTestUser; // not a member
  const d = () => server.context;

  function req(method: string, path: string, user: TTestUser, body?: unknown): Request {
    return new Request(`${server.url}${path}`, {
      method,
      headers: { origin: server.url, cookie: user.cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  const base = (id: string) => `/api/timelines/${id}/versions`;
  const list = (id: string, user: TTestUser) => listRoute(req("GET", base(id), user), route({ id }));
  const save = (id: string, user: TTestUser, name: unknown) => saveRoute(req("POST", base(id), user, { name }), route({ id }));
  const open = (id: string, versionId: string, user: TTestUser, query = "") => versionRoute(req("GET", `${base(id)}/${versionId}${query}`, user), route({ id, versionId }));
  const compare = (id: string, versionId: string, user: TTestUser, to = "current") =>
    compareRoute(req("GET", `${base(id)}/${versionId}/compare?to=${to}`, user), route({ id, versionId }));
  const restore = (id: string, versionId: string, user: TTestUser, body?: unknown) =>
    restoreRoute(req("POST", `${base(id)}/${versionId}/restore`, user, body), route({ id, versionId }));

  const live = (id: string) => d().rooms.read(id, (doc) => timelineToJson(doc));

  async function saved(id: string, user: TTestUser, name: string): Promise<TVersion> {
    const res = await save(id, user, name);
    expect(res.status).toBe(201);
    return ((await res.json()) as { version: TVersion }).version;
  }

  async function restored(id: string, versionId: string, user: TTestUser, body?: unknown): Promise<{ version: TVersion; preRestore: TVersion }> {
    const res = await restore(id, versionId, user, body);
    expect(res.status).toBe(200);
    return res.json();
  }

  /** A timeline of the team: the demo's entries, and one with every field and a rich body. */
  async function richTimeline(title: string): Promise<{ id: string; full: string }> {
    const id = (await createTimeline(d(), team.owner.id, { title })).id;
    await d().prisma.timelineMember.createMany({
      data: [
        { timelineId: id, userId: team.editor.id, role: "editor" },
        { timelineId: id, userId: team.commenter.id, role: "commenter" },
        { timelineId: id, userId: team.viewer.id, role: "viewer" },
      ],
    });
    let full = "";
    await d().rooms.transact(id, (doc) => {
      buildIdlibTimeline(doc, { userId: team.owner.id });
      setMeta(doc, { media: { url: "https://example.org/cover.jpg", alt: "Cover" } });
      full = addEntry(doc, {
        start: "2020-03-05T14:30",
        end: "2020-03-06",
        qualifier: "circa",
        displayDate: "Early March",
        headline: "Ceasefire in Moscow",
        group: "Diplomacy",
        tags: ["talks", "russia"],
        sources: [{ url: "https://example.org/report", title: "Report", publisher: "Agency", accessed: "2020-03-07" }],
        media: { url: "https://example.org/a.jpg", caption: "Signing", credit: "Agency", alt: "Two men shake hands" },
        background: { color: "#223344", opacity: 0.5 },
        body: [
          { type: "paragraph", content: [{ text: "Erdoğan and Putin " }, { text: "agreed", bold: true }, { text: " a ceasefire." }] },
          { type: "bulletList", items: [[{ text: "a corridor" }], [{ text: "joint patrols", href: "https://example.org/patrols" }]] },
        ],
      });
      setEntryStatus(doc, full, { status: "verified", by: team.owner.id, byName: team.owner.name, at: new Date().toISOString() });
    });
    return { id, full };
  }

  /** The bad day: three entries deleted, a headline rewritten, every field and the body of another changed, one added. */
  async function badDay(id: string, full: string): Promise<{ gone: string[]; rewritten: string; added: string }> {
    const before = await live(id);
    const others = before.entries.map((e) => e.id).filter((e) => e !== full);
    const gone = others.slice(0, 3);
    const rewritten = others[3]!;
    let added = "";
    await d().rooms.transact(id, (doc) => {
      for (const e of gone) deleteEntry(doc, e);
      setHeadline(doc, rewritten, "A headline nobody checked");
      updateEntry(doc, full, {
        start: "2020-03-04",
        end: null,
        qualifier: null,
        displayDate: null,
        group: "Military",
        tags: ["war"],
        sources: [],
        media: { url: "https://example.org/b.jpg", alt: "A tank" },
        background: null,
        status: "disputed",
      });
      setBody(doc, full, [{ type: "paragraph", content: [{ text: "Putin and Erdoğan agreed nothing." }] }]);
      setMeta(doc, { title: "A worse title", summary: "Rewritten." });
      added = addEntry(doc, { start: "2021", headline: "Something new" });
    });
    return { gone, rewritten, added };
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer(db);
    team = await timelineWithTeam(server, ["Olga", "Eddie", "Carla", "Vera"], "Roles");
    otto = await signUp(server.url, "Otto");
  });

  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  describe("one timeline through a bad day", () => {
    let id: string;
    let full: string;
    let good: TTimelineJson;
    let version: TVersion;
    let bad: Awaited<ReturnType<typeof badDay>>;
    let worse: TTimelineJson;

    beforeAll(async () => {
      ({ id, full } = await richTimeline("Idlib"));
      good = await live(id);
      version = await saved(id, team.editor, "Before the bad day");
      bad = await badDay(id, full);
      worse = await live(id);
    });

    it("saves a named version, listed newest first with who saved it and what it holds", async () => {
      expect(version).toMatchObject({ name: "Before the bad day", kind: "named", createdBy: { id: team.editor.id, name: "Eddie" } });
      expect(version.summary).toEqual({ added: good.entries.length, removed: 0, changed: 0 });
      expect(version.sizeBytes).toBeGreaterThan(0);
      const later = await saved(id, team.owner, "After the bad day");
      const res = await list(id, team.viewer);
      expect(res.status).toBe(200);
      const all = ((await res.json()) as { versions: TVersion[] }).versions;
      // Automatic versions may come in between (the room saves one when it unloads): the summary counts
      // against whichever came just before.
      const previous = all[all.findIndex((v) => v.id === later.id) + 1]!;
      const c = (await (await compare(id, previous.id, team.owner, later.id)).json()) as TComparison;
      expect(later.summary).toEqual({ added: c.added.length, removed: c.removed.length, changed: c.changed.length });
      if (previous.id === version.id) expect(later.summary).toEqual({ added: 1, removed: 3, changed: 2 });
      const versions = all.filter((v) => v.kind !== "auto");
      expect(versions.map((v) => [v.name, v.kind])).toEqual([
        ["After the bad day", "named"],
        ["Before the bad day", "named"],
      ]);
      expect(versions[1]).toEqual(version);
    });

    it("opens a version as Yjs state and as JSON, equal to the timeline when it was saved", async () => {
      const res = await open(id, version.id, team.viewer);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/octet-stream");
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
      expect(timelineToJson(doc)).toEqual(good);
      const json = await open(id, version.id, team.commenter, "?format=json");
      expect(await json.json()).toEqual({ version, timeline: good });
    });

    it("compares the version with now: the three deleted, the one added, the fields old → new and the body as a word diff", async () => {
      const res = await compare(id, version.id, team.viewer);
      expect(res.status).toBe(200);
      const c = (await res.json()) as TComparison;
      const ref = (e: TTimelineJson["entries"][number]) => ({ id: e.id, headline: e.headline, start: e.start });
      expect(c.removed).toEqual(good.entries.filter((e) => bad.gone.includes(e.id)).map(ref));
      expect(c.added).toEqual([{ id: bad.added, headline: "Something new", start: "2021" }]);
      const oldHeadline = good.entries.find((e) => e.id === bad.rewritten)!.headline;
      expect(c.changed).toContainEqual({ id: bad.rewritten, headline: "A headline nobody checked", fields: [{ field: "headline", old: oldHeadline, new: "A headline nobody checked" }] });
      const changed = c.changed.find((e) => e.id === full)!;
      expect(Object.fromEntries(changed.fields.map((f) => [f.field, [f.old, f.new]]))).toEqual({
        start: ["2020-03-05T14:30", "2020-03-04"],
        end: ["2020-03-06", null],
        qualifier: ["circa", null],
        displayDate: ["Early March", null],
        status: ["verified", "disputed"],
        group: ["Diplomacy", "Military"],
        tags: [["talks", "russia"], ["war"]],
        sources: [[{ url: "https://example.org/report", title: "Report", publisher: "Agency", accessed: "2020-03-07" }], []],
        media: [
          { url: "https://example.org/a.jpg", caption: "Signing", credit: "Agency", alt: "Two men shake hands" },
          { url: "https://example.org/b.jpg", alt: "A tank" },
        ],
        background: [{ color: "#223344", opacity: 0.5 }, null],
      });
      expect(changed.body!.filter((w) => w.removed).map((w) => w.value).join(" ")).toContain("Erdoğan");
      expect(changed.body!.filter((w) => w.added).map((w) => w.value).join(" ")).toContain("nothing");
      expect(changed.body!.filter((w) => !w.added && !w.removed).map((w) => w.value).join("")).toContain("Putin");
      // Two versions compare too, and a version with itself shows nothing.
      const after = ((await (await list(id, team.owner)).json()) as { versions: TVersion[] }).versions.find((v) => v.name === "After the bad day");
      expect(await (await compare(id, version.id, team.owner, after!.id)).json()).toEqual(c);
      expect(await (await compare(id, version.id, team.owner, version.id)).json()).toEqual({ added: [], removed: [], changed: [] });
    });

    it("restores the whole version as a new change: the content equals the version's, every field and body", async () => {
      const result = await restored(id, version.id, team.editor);
      expect(result.preRestore).toMatchObject({ kind: "pre-restore", name: "Before restoring “Before the bad day”" });
      expect(result.version).toMatchObject({ kind: "restore", name: "Restored “Before the bad day”", createdBy: { id: team.editor.id, name: "Eddie" } });
      expect(await live(id)).toEqual(good);
      // The restored state is itself a version, and so is the one before it.
      expect(timelineToJson(await readSnapshotDoc(d().prisma, result.version.id))).toEqual(good);
      expect(timelineToJson(await readSnapshotDoc(d().prisma, result.preRestore.id))).toEqual(worse);
      // The entries' history says who restored what.
      // (written by the history extension once the change is stored, so it may take a moment)
      const change = await waitFor(
        () => d().prisma.entryChange.findFirst({ where: { timelineId: id, entryId: bad.gone[0], note: { not: null } }, orderBy: { at: "desc" } }),
        "the restore in the entry's history",
      );
      expect(change).toMatchObject({ userId: team.editor.id, note: "restored Before the bad day" });
    });

    it("undoes the restore by restoring the version saved before it", async () => {
      const versions = ((await (await list(id, team.owner)).json()) as { versions: TVersion[] }).versions;
      const pre = versions.find((v) => v.kind === "pre-restore")!;
      await restored(id, pre.id, team.owner);
      expect(await live(id)).toEqual(worse);
    });

    it("restores one entry of a version and touches no other", async () => {
      const before = await live(id);
      const [back] = bad.gone;
      await restored(id, version.id, team.editor, { entryId: back });
      await restored(id, version.id, team.editor, { entryId: full });
      const now = await live(id);
      const historical = (e: string) => good.entries.find((x) => x.id === e);
      expect(now.entries.find((e) => e.id === back)).toEqual(historical(back!));
      expect(now.entries.find((e) => e.id === full)).toEqual(historical(full));
      const rest = (t: TTimelineJson) => ({ ...t, entries: t.entries.filter((e) => e.id !== back && e.id !== full) });
      expect(rest(now)).toEqual(rest(before));
      const missing = await restore(id, version.id, team.editor, { entryId: bad.added });
      expect(missing.status).toBe(404);
    });

    it("opens a version after the update log was compacted and the room unloaded", async () => {
      await d().rooms.transact(id, (doc) => setHeadline(doc, bad.rewritten, "Edited after"));
      await d().docs.compact(id);
      const res = await open(id, version.id, team.owner, "?format=json");
      expect(res.status).toBe(200);
      expect(((await res.json()) as { timeline: TTimelineJson }).timeline).toEqual(good);
    });
  });

  it("restores while two stock clients edit: every replica converges on the restored content plus their edits", async () => {
    const { id, full } = await richTimeline("Live");
    const good = await live(id);
    const version = await saved(id, team.owner, "Good");
    const bad = await badDay(id, full);
    const a = connect(server.url, id, team.editor.cookie);
    const b = connect(server.url, id, team.owner.cookie);
    try {
      await Promise.all([synced(a.provider), synced(b.provider)]);
      // Not a verified one: a changed headline sends that back to review, which is another story.
      const untouched = good.entries.find((e) => e.id !== full && !bad.gone.includes(e.id) && e.id !== bad.rewritten && e.status !== "verified")!;
      // A's edits are truly concurrent with the restore: made on a replica that has not seen it (offline
      // while it runs), so Yjs merges them instead of the restore reverting them.
      a.provider.disconnect();
      setHeadline(a.doc, untouched.id, `${untouched.headline} (checked)`);
      const extra = addEntry(a.doc, { start: "2022-01-01", headline: "Added by a client meanwhile" });
      await restored(id, version.id, team.editor);
      // B sees the deleted entries come back live, and edits one of them.
      await waitFor(() => bad.gone.every((e) => entriesMap(b.doc).has(e)) && !entriesMap(b.doc).has(bad.added), "b to see the restore");
      updateEntry(b.doc, bad.gone[1]!, { group: "Edited after the restore" });
      a.provider.connect();

      const expected = structuredClone(good);
      expected.entries.find((e) => e.id === untouched.id)!.headline = `${untouched.headline} (checked)`;
      expected.entries.find((e) => e.id === bad.gone[1])!.group = "Edited after the restore";
      // Content without the edit stamps, which the later edits renew.
      const content = (t: TTimelineJson) => ({ ...t, entries: t.entries.filter((e) => e.id !== extra).map(({ updatedAt: _u, ...e }) => e) });
      await waitFor(async () => {
        const [onServer, ja, jb] = [JSON.stringify(await live(id)), JSON.stringify(timelineToJson(a.doc)), JSON.stringify(timelineToJson(b.doc))];
        return ja === jb && ja === onServer && entriesMap(b.doc).has(extra) && entriesMap(a.doc).get(bad.gone[1]!)?.get("group") === "Edited after the restore";
      }, "replicas to converge");
      const now = await live(id);
      expect(content(now)).toEqual(content(expected));
      expect(now.entries.find((e) => e.id === extra)?.headline).toBe("Added by a client meanwhile");
      expect(now.entries.some((e) => e.id === bad.added)).toBe(false);
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });

  it("keeps an edit made while the restore saves its pre-restore version, and that version is the state the restore changed", async () => {
    const { id, full } = await richTimeline("Racing");
    const version = await saved(id, team.owner, "Good");
    const bad = await badDay(id, full);
    const untouched = (await live(id)).entries.find((e) => e.id !== full && e.id !== bad.rewritten && e.id !== bad.added && e.status !== "verified")!;
    // Someone's edit lands right after the restore has read the doc, before it writes anything.
    const rooms = d().rooms;
    const read = rooms.read.bind(rooms);
    let first = true;
    const racing = {
      ...d(),
      rooms: Object.assign(Object.create(rooms) as typeof rooms, {
        read: async <T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> => {
          const out = await read(name, fn);
          if (first) {
            first = false;
            await rooms.transact(name, (doc) => setHeadline(doc, untouched.id, "Edited during the restore"));
          }
          return out;
        },
      }),
    };
    const { preRestore } = await restoreVersion(racing, { id: team.editor.id, name: team.editor.name }, id, version.id, {});
    const now = await live(id);
    expect(now.entries.find((e) => e.id === untouched.id)?.headline).toBe("Edited during the restore");
    expect(bad.gone.every((g) => now.entries.some((e) => e.id === g))).toBe(true);
    expect(now.entries.some((e) => e.id === bad.added)).toBe(false);
    const before = (await (await open(id, preRestore.id, team.owner, "?format=json")).json()) as { timeline: TTimelineJson };
    expect(before.timeline.entries.some((e) => e.id === bad.added)).toBe(true);
  });

  it("restores a body block by block: what an offline browser typed into a paragraph the restore keeps merges when it returns", async () => {
    const id = (await createTimeline(d(), team.owner.id, { title: "Offline body" })).id;
    await d().prisma.timelineMember.create({ data: { timelineId: id, userId: team.editor.id, role: "editor" } });
    const entryId = await d().rooms.transact(id, (doc) =>
      addEntry(doc, { start: "2020-01-01", headline: "Two paragraphs", body: [{ type: "paragraph", content: [{ text: "First, as it was." }] }, { type: "paragraph", content: [{ text: "Second." }] }] }),
    );
    const version = await saved(id, team.owner, "Both paragraphs right");
    const paragraphText = (doc: Y.Doc, i: number) => ((entriesMap(doc).get(entryId)!.get("body") as Y.XmlFragment).get(i) as Y.XmlElement).get(0) as Y.XmlText;
    await d().rooms.transact(id, (doc) => paragraphText(doc, 0).insert(0, "Wrongly "));
    const offline = connect(server.url, id, team.editor.cookie);
    try {
      await synced(offline.provider);
      offline.provider.disconnect();
      paragraphText(offline.doc, 1).insert("Second.".length - 1, " and more, typed offline");
      await restored(id, version.id, team.owner, { entryId });
      offline.provider.connect();
      const bodyOf = (doc: Y.Doc) => (entriesMap(doc).get(entryId)!.get("body") as Y.XmlFragment).toString();
      await waitFor(async () => (await d().rooms.read(id, bodyOf)) === bodyOf(offline.doc) && bodyOf(offline.doc).includes("typed offline"), "the offline edit to merge");
      const body = await d().rooms.read(id, bodyOf);
      expect(body).toContain("First, as it was.");
      expect(body).not.toContain("Wrongly");
      expect(body).toContain("Second and more, typed offline.");
    } finally {
      offline.provider.destroy();
    }
  });

  it("stores diffs against the previous version in chains of at most 20, and re-bases them when a base is deleted", async () => {
    // The doc of a timeline no room holds, so no automatic version comes in between.
    const id = (await createTimeline(d(), team.owner.id, { title: "Chains" })).id;
    const doc = new Y.Doc();
    buildIdlibTimeline(doc, {});
    const states = new Map<string, TTimelineJson>();
    const ids: string[] = [];
    for (let i = 0; i < MAX_CHAIN + 5; i++) {
      addEntry(doc, { start: `19${String(i).padStart(2, "0")}`, headline: `Year ${i}` });
      const v = await saveSnapshot(d().prisma, { timelineId: id, kind: "auto", name: `Auto ${i}`, state: Y.encodeStateAsUpdate(doc) });
      expect(v.summary).toEqual(i === 0 ? { added: doc.getMap("entries").size, removed: 0, changed: 0 } : { added: 1, removed: 0, changed: 0 });
      states.set(v.id, timelineToJson(doc));
      ids.push(v.id);
    }
    const rows = await d().prisma.snapshot.findMany({ where: { timelineId: id }, orderBy: { createdAt: "asc" }, select: { id: true, encoding: true, baseId: true, sizeBytes: true, state: true } });
    expect(rows.map((r) => r.encoding)).toEqual(["state", ...Array(MAX_CHAIN).fill("diff"), "state", "diff", "diff", "diff"]);
    rows.forEach((r, i) => {
      expect(r.sizeBytes).toBe(r.state.byteLength);
      if (r.encoding === "diff") expect(r.baseId).toBe(rows[i - 1]!.id);
    });
    expect(rows[1]!.sizeBytes).toBeLessThan(rows[0]!.sizeBytes / 10);
    for (const [v, json] of states) expect(timelineToJson(await readSnapshotDoc(d().prisma, v))).toEqual(json);

    // Delete the first whole state and a run of diffs in the middle: every other version still opens as it was.
    const going = [ids[0]!, ...ids.slice(5, 9)];
    expect(await deleteSnapshots(d().prisma, going)).toBe(going.length);
    for (const [v, json] of states) {
      if (going.includes(v)) continue;
      expect(timelineToJson(await readSnapshotDoc(d().prisma, v))).toEqual(json);
    }
    const left = await d().prisma.snapshot.findMany({ where: { timelineId: id }, select: { id: true, encoding: true, baseId: true } });
    expect(left).toHaveLength(ids.length - going.length);
    expect(left.find((r) => r.id === ids[1])).toMatchObject({ encoding: "state", baseId: null });
    expect(left.find((r) => r.id === ids[9])).toMatchObject({ encoding: "state", baseId: null });
  });

  it("publishing saves a published version, stored whole for the public page", async () => {
    const { id } = await richTimeline("Published");
    await saved(id, team.owner, "First");
    await publishTimeline(d(), { id: team.owner.id, name: team.owner.name }, id, { override: true }, server.url);
    const { versions } = (await (await list(id, team.owner)).json()) as { versions: TVersion[] };
    const published = versions.find((v) => v.kind === "published")!;
    expect(published).toMatchObject({ name: expect.stringMatching(/^Published /), createdBy: { id: team.owner.id, name: "Olga" } });
    const row = await d().prisma.snapshot.findUniqueOrThrow({ where: { id: published.id }, select: { encoding: true } });
    expect(row.encoding).toBe("state");
    const publication = await d().prisma.publication.findUniqueOrThrow({ where: { timelineId: id } });
    expect(publication.snapshotId).toBe(published.id);
  });

  describe("roles", () => {
    let id: string;
    let versionId: string;

    beforeAll(async () => {
      ({ id } = await richTimeline("Roles"));
      versionId = (await saved(id, team.owner, "V")).id;
    });

    it("viewers and commenters read versions but cannot save or restore them", async () => {
      for (const user of [team.viewer, team.commenter]) {
        expect((await list(id, user)).status).toBe(200);
        expect((await open(id, versionId, user)).status).toBe(200);
        expect((await compare(id, versionId, user)).status).toBe(200);
        expect((await save(id, user, "Mine")).status).toBe(403);
        expect((await restore(id, versionId, user)).status).toBe(403);
      }
    });

    it("outsiders learn nothing: 404 everywhere, as for another timeline's version", async () => {
      for (const res of [await list(id, otto), await open(id, versionId, otto), await compare(id, versionId, otto), await save(id, otto, "X"), await restore(id, versionId, otto)]) {
        expect(res.status).toBe(404);
      }
      const other = (await richTimeline("Other")).id;
      expect((await open(other, versionId, team.owner)).status).toBe(404);
      expect((await compare(id, versionId, team.owner, "nonsense")).status).toBe(404);
    });

    it("a version needs a name", async () => {
      expect((await save(id, team.editor, "  ")).status).toBe(422);
      expect((await save(id, team.editor, 12)).status).toBe(422);
    });
  });
});
