// Adversarial tests: what a member with too little access, or a hostile client, can do through the
// collab socket (SPEC.md [AU*], [RO*], [AW*], [RL*]).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { MESSAGE_BURST, READ_ONLY_UPDATES_BEFORE_CLOSE } from "../../lib/protocol/limits.ts";
import { addEntry } from "../../lib/timeline/ops.ts";
import { listEntries } from "../../lib/timeline/schema.ts";
import { mergeToState } from "../db/doc-store.ts";
import { changeMemberRole } from "../domain/change-member-role.ts";
import { createShareLink } from "../domain/create-share-link.ts";
import { createTimeline } from "../domain/create-timeline.ts";
import { joinByLink } from "../domain/join-by-link.ts";
import { removeMember } from "../domain/remove-member.ts";
import { revokeShareLink } from "../domain/revoke-share-link.ts";
import type { TRunningServer } from "../app.ts";
import { createTestDatabase, type TTestDatabase } from "../test/databases.ts";
import { closeCodeOf, connect, signUp, startTestServer, synced, waitFor, type TTestUser } from "../test/harness.ts";

let db: TTestDatabase;
let server: TRunningServer;
let owner: TTestUser;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  server = await startTestServer(db);
  owner = await signUp(server.url, "Olivia Owner");
});

afterAll(async () => {
  for (const c of cleanups) c();
  await server?.close();
  await db?.dispose();
});

async function timelineWith(role: "editor" | "commenter" | "viewer", name: string) {
  const { id } = await createTimeline(server.context, owner.id, { title: `T ${name}` });
  const member = await signUp(server.url, name);
  await server.context.prisma.timelineMember.create({ data: { timelineId: id, userId: member.id, role } });
  return { id, member };
}

function client(id: string, user: TTestUser) {
  const c = connect(server.url, id, user.cookie);
  cleanups.push(() => c.provider.destroy());
  return c;
}

const wsUrl = (id: string) => `${server.url.replace("http", "ws")}/collab/${id}`;

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Everything stored for a timeline, merged: what a restart would load. */
async function stored(id: string): Promise<Y.Doc> {
  const s = (await server.context.docs.load(id))!;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, mergeToState([...(s.state ? [s.state] : []), ...s.updates]));
  return doc;
}

describe("read-only sessions", () => {
  it.each(["viewer", "commenter"] as const)("[RO1] a %s's crafted updates over a raw socket change nothing anywhere, and it is told, then cut off", async (role) => {
    const { id, member } = await timelineWith(role, `Raw ${role}`);
    const editor = client(id, owner);
    await synced(editor.provider);
    const crafted = new Y.Doc();
    const received: number[] = [];
    const result = await new Promise<{ code: number; deniedReason: string | null }>((resolve) => {
      const ws = new WebSocket(wsUrl(id), { headers: { cookie: member.cookie } });
      let deniedReason: string | null = null;
      ws.on("message", (data: Buffer) => {
        const d = decoding.createDecoder(new Uint8Array(data));
        const type = decoding.readVarUint(d);
        received.push(type);
        if (type === 2 && decoding.readVarUint(d) === 0) deniedReason = decoding.readVarString(d);
      });
      ws.on("open", () => {
        for (let i = 0; i < READ_ONLY_UPDATES_BEFORE_CLOSE + 5; i++) {
          const before = Y.encodeStateVector(crafted);
          addEntry(crafted, { start: "2020", headline: `Forged ${i}` });
          ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(crafted, before)));
        }
      });
      ws.on("close", (code) => resolve({ code, deniedReason }));
    });
    expect(result.code).toBe(CLOSE.roleChanged);
    expect(result.deniedReason).toMatch(new RegExp(`a ${role} cannot change this timeline`));
    // The editor's own edit after the flood proves the flood had its chance to arrive.
    const marker = addEntry(editor.doc, { start: "2021", headline: "Marker" });
    const other = client(id, owner);
    await waitFor(() => other.doc.getMap("entries").has(marker), "marker at another client");
    expect(listEntries(other.doc).map((e) => e.headline)).toEqual(["Marker"]);
    await waitFor(async () => listEntries(await stored(id)).length === 1, "marker stored");
    expect(listEntries(await stored(id)).map((e) => e.headline)).toEqual(["Marker"]);
  });

  it("[RO2] a fact-checker with the stock provider reads live but its edits stay local", async () => {
    const { id, member } = await timelineWith("commenter", "Fiona Factchecker");
    const editor = client(id, owner);
    const checker = client(id, member);
    await Promise.all([synced(editor.provider), synced(checker.provider)]);
    const live = addEntry(editor.doc, { start: "2019-12-24", headline: "Exodus" });
    await waitFor(() => checker.doc.getMap("entries").has(live), "live entry at the fact-checker");
    addEntry(checker.doc, { start: "2019", headline: "Fact-checker's edit" });
    const marker = addEntry(editor.doc, { start: "2020", headline: "Marker" });
    const witness = client(id, owner);
    await waitFor(() => witness.doc.getMap("entries").has(marker), "marker");
    expect(listEntries(witness.doc).map((e) => e.headline)).toEqual(["Exodus", "Marker"]);
  });
});

describe("access is checked on every connection", () => {
  it("[AU5] a session for timeline A cannot open timeline B", async () => {
    const a = await timelineWith("editor", "Only A");
    const b = await createTimeline(server.context, owner.id, { title: "B" });
    await synced(client(a.id, a.member).provider);
    expect((await closeCodeOf(wsUrl(b.id), a.member.cookie)).code).toBe(CLOSE.forbidden);
  });

  it("[AU6] a page on another origin cannot open a socket with the user's cookie", async () => {
    const { id } = await createTimeline(server.context, owner.id, { title: "Origin" });
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl(id), { headers: { cookie: owner.cookie, origin: "https://evil.example" } });
      ws.on("close", (c) => resolve(c));
    });
    expect(code).toBe(CLOSE.forbidden);
  });

  it("[AU7] a removed member's open socket is closed (4403); a changed role reconnects read-only (4000)", async () => {
    const { id, member } = await timelineWith("editor", "Ed Changes");
    const c = client(id, member);
    await synced(c.provider);
    const codes: number[] = [];
    c.provider.on("connection-close", (event: CloseEvent | null) => event && codes.push(event.code));
    await changeMemberRole(server.context, owner.id, id, member.id, { role: "viewer" });
    await waitFor(() => codes.includes(CLOSE.roleChanged), "role-changed close");
    await synced(c.provider);
    const editor = client(id, owner);
    await synced(editor.provider);
    addEntry(c.doc, { start: "2020", headline: "Now a viewer's edit" });
    const marker = addEntry(editor.doc, { start: "2021", headline: "Marker" });
    await waitFor(() => c.doc.getMap("entries").has(marker), "viewer still reads live");
    const witness = client(id, owner);
    await waitFor(() => witness.doc.getMap("entries").has(marker), "marker");
    expect(listEntries(witness.doc).map((e) => e.headline)).toEqual(["Marker"]);
    await removeMember(server.context, owner.id, id, member.id);
    await waitFor(() => codes.includes(CLOSE.forbidden), "removed close");
  });
});

describe("share links", () => {
  it("[SL1] an expired link and a revoked link are refused and add no one", async () => {
    const { id } = await createTimeline(server.context, owner.id, { title: "Links" });
    const joiner = await signUp(server.url, "Jo Joiner");
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    const expired = await createShareLink(server.context, owner.id, id, { role: "editor", expiresInDays: 1 }, twoDaysAgo);
    await expect(joinByLink(server.context, joiner.id, { token: expired.token })).rejects.toMatchObject({ code: "link_expired" });
    const revoked = await createShareLink(server.context, owner.id, id, { role: "viewer" });
    await revokeShareLink(server.context, owner.id, id, revoked.link.id);
    await expect(joinByLink(server.context, joiner.id, { token: revoked.token })).rejects.toMatchObject({ code: "link_revoked" });
    await expect(joinByLink(server.context, joiner.id, { token: "made-up" })).rejects.toMatchObject({ code: "not_found" });
    expect(await server.context.prisma.timelineMember.count({ where: { timelineId: id, userId: joiner.id } })).toBe(0);
    expect((await closeCodeOf(wsUrl(id), joiner.cookie)).code).toBe(CLOSE.forbidden);
    const valid = await createShareLink(server.context, owner.id, id, { role: "commenter", expiresInDays: 7 });
    expect(await joinByLink(server.context, joiner.id, { token: valid.token })).toMatchObject({ id, role: "commenter" });
  });
});

describe("presence", () => {
  it("[AW2] a forged identity in presence is replaced with the session's user", async () => {
    const { id, member } = await timelineWith("viewer", "Vic Viewer");
    const forger = client(id, member);
    const watcher = client(id, owner);
    await Promise.all([synced(forger.provider), synced(watcher.provider)]);
    forger.provider.awareness.setLocalState({ user: { id: owner.id, name: "Olivia Owner (editor-in-chief)", color: "#ff0000" }, entryId: "x" });
    const seen = await waitFor(
      () => watcher.provider.awareness.getStates().get(forger.doc.clientID) as { user: { id: string; name: string; color?: string }; entryId: string } | undefined,
      "forger's presence",
    );
    expect(seen.user).toEqual({ id: member.id, name: "Vic Viewer", color: "#ff0000" });
    expect(seen.entryId).toBe("x");
  });

  it("[AW3] a socket cannot overwrite or remove a colleague's presence, nor publish many ids", async () => {
    const { id, member } = await timelineWith("editor", "Mallory");
    const victim = client(id, owner);
    await synced(victim.provider);
    victim.provider.awareness.setLocalStateField("entryId", "before");
    const watcher = client(id, owner);
    await synced(watcher.provider);
    await waitFor(() => watcher.provider.awareness.getStates().has(victim.doc.clientID), "victim presence");

    const ws = new WebSocket(wsUrl(id), { headers: { cookie: member.cookie } });
    const replies: Uint8Array[] = [];
    ws.on("message", (data: Buffer) => replies.push(new Uint8Array(data)));
    await new Promise((r) => ws.on("open", r));
    const send = (states: Map<number, unknown>, clock: number) => {
      const fake = new awarenessProtocol.Awareness(new Y.Doc());
      for (const [clientID, state] of states) {
        fake.meta.set(clientID, { clock, lastUpdated: Date.now() });
        if (state === null) fake.states.delete(clientID);
        else fake.states.set(clientID, state as Record<string, unknown>);
      }
      const frame = encoding.createEncoder();
      encoding.writeVarUint(frame, 1);
      encoding.writeVarUint8Array(frame, awarenessProtocol.encodeAwarenessUpdate(fake, [...states.keys()]));
      ws.send(encoding.toUint8Array(frame));
    };
    // A later clock for the victim's id: first a takeover, then a removal (a null state).
    send(new Map([[victim.doc.clientID, { user: { name: "Mallory as victim" } }]]), 1000);
    send(new Map([[victim.doc.clientID, null]]), 1001);
    // 100 made-up ids in one frame (under the size limit).
    send(new Map(Array.from({ length: 100 }, (_, i) => [900_000 + i, { entryId: "spam" }])), 1);
    // A query answered proves the frames before it were handled.
    const answered = replies.length;
    ws.send(new Uint8Array([3]));
    await waitFor(() => replies.length > answered, "query-awareness reply");

    const states = watcher.provider.awareness.getStates() as Map<number, { user?: { name: string }; entryId?: string }>;
    expect(states.get(victim.doc.clientID)?.entryId).toBe("before");
    expect(states.get(victim.doc.clientID)?.user?.name).toBe("Olivia Owner");
    await waitFor(() => [...states.values()].filter((s) => s.entryId === "spam").length === 4, `four published ids (${[...states.values()].filter((s) => s.entryId === "spam").length})`);
    expect([...states.values()].filter((s) => s.entryId === "spam").every((s) => s.user?.name === "Mallory")).toBe(true);
    ws.close();
  });

  it("[LI5] a malformed presence state with multibyte text closes the socket, not the server", async () => {
    const { id, member } = await timelineWith("viewer", "Multi Byte");
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 12345);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, `{"${"漢".repeat(60)}":${"漢".repeat(60)}`);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    const closed = await closeCodeOf(wsUrl(id), member.cookie, (ws) => ws.send(encoding.toUint8Array(e)));
    expect(closed).toEqual({ code: CLOSE.protocolError, reason: "malformed message" });
    const still = client(id, owner);
    await synced(still.provider);
  });
});

describe("floods", () => {
  it("[RL1] 1,000 messages a second from one socket are cut off while other clients keep working", async () => {
    const { id, member } = await timelineWith("editor", "Flo Flood");
    const a = client(id, owner);
    const b = client(id, owner);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const query = new Uint8Array([3]);
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl(id), { headers: { cookie: member.cookie } });
      ws.on("open", () => {
        let sent = 0;
        const timer = setInterval(() => {
          // 100 every 100 ms: 1,000 a second.
          for (let i = 0; i < 100 && ws.readyState === ws.OPEN; i++, sent++) ws.send(query);
          if (sent >= 2_000 || ws.readyState !== ws.OPEN) clearInterval(timer);
        }, 100);
      });
      ws.on("close", (c) => resolve(c));
    });
    expect(code).toBe(CLOSE.rateLimited);
    const id2 = addEntry(a.doc, { start: "2019", headline: "Still working" });
    await waitFor(() => b.doc.getMap("entries").has(id2), "edits still flow");
    expect(MESSAGE_BURST).toBeLessThan(1000);
  });
});
