// The collab server with real websocket clients, including y-websocket's own provider. Rule ids
// refer to server/collab/SPEC.md.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { MAX_AWARENESS_BYTES, MAX_MESSAGE_BYTES } from "../../lib/protocol/limits.ts";
import { addEntry, entryBody, setHeadline } from "../../lib/timeline/ops.ts";
import { listEntries } from "../../lib/timeline/schema.ts";
import { createTimeline } from "../domain/create-timeline.ts";
import type { TRunningServer } from "../app.ts";
import { createTestDatabase, type TTestDatabase } from "../test/databases.ts";
import { closeCodeOf, connect, signUp, startTestServer, synced, waitFor, type TTestUser } from "../test/harness.ts";

let db: TTestDatabase;
let server: TRunningServer;
let alice: TTestUser;
let bob: TTestUser;
let timelineId: string;
const cleanups: (() => void)[] = [];

function client(user: TTestUser | null, id = timelineId) {
  const c = connect(server.url, id, user?.cookie ?? null);
  cleanups.push(() => c.provider.destroy());
  return c;
}

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  server = await startTestServer(db);
  alice = await signUp(server.url, "Alice");
  bob = await signUp(server.url, "Bob");
  const t = await createTimeline(server.context, alice.id, { title: "Idlib" });
  timelineId = t.id;
  await server.context.prisma.timelineMember.create({ data: { timelineId, userId: bob.id, role: "editor" } });
});

afterAll(async () => {
  for (const c of cleanups) c();
  await server?.close();
  await db?.dispose();
});

describe("sync with the stock y-websocket provider", () => {
  it("[SY1] a provider receives the stored document on connect", async () => {
    const { doc, provider } = client(alice);
    await synced(provider);
    expect(doc.getMap("meta").get("title")).toBe("Idlib");
  });

  it("[SY2] two providers converge on concurrent edits to one headline and one body", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const id = addEntry(a.doc, { start: "2019-12-24", headline: "Exodus" });
    await waitFor(() => b.doc.getMap("entries").has(id), "entry at bob");
    // Both type at once, before either sees the other's change.
    setHeadline(a.doc, id, "Exodus from Maarat");
    setHeadline(b.doc, id, "The Exodus");
    entryBody(a.doc, id).insert(0, [new Y.XmlElement("paragraph")]);
    entryBody(b.doc, id).insert(0, [new Y.XmlElement("paragraph")]);
    await waitFor(
      () => a.doc.getMap<Y.Map<Y.Text>>("entries").get(id)!.get("title")!.toString() === b.doc.getMap<Y.Map<Y.Text>>("entries").get(id)!.get("title")!.toString() &&
        entryBody(a.doc, id).length === 2 && entryBody(b.doc, id).length === 2,
      "convergence",
    );
    const headline = listEntries(a.doc).find((e) => e.id === id)!.headline;
    expect(headline).toContain("Maarat");
    expect(headline).toContain("The");
    expect(listEntries(b.doc)).toEqual(listEntries(a.doc));
  });

  it("[AW1] presence reaches other clients and is removed when a client leaves", async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.provider.awareness.setLocalStateField("user", { id: alice.id, name: "Alice", color: "#c00" });
    const aliceId = a.doc.clientID;
    await waitFor(() => (b.provider.awareness.getStates().get(aliceId) as { user?: { name: string } } | undefined)?.user?.name === "Alice", "presence at bob");
    a.provider.destroy();
    await waitFor(() => !b.provider.awareness.getStates().has(aliceId), "presence removed at bob");
  });
});

describe("who may connect", () => {
  const url = () => `${server.url.replace("http", "ws")}/collab/${timelineId}`;

  it("[AU1] no session cookie closes with 4401", async () => {
    expect((await closeCodeOf(url(), null)).code).toBe(CLOSE.unauthenticated);
  });

  it("[AU2] a user who is not a member closes with 4403", async () => {
    const carol = await signUp(server.url, "Carol");
    expect((await closeCodeOf(url(), carol.cookie)).code).toBe(CLOSE.forbidden);
  });

  it("[AU3] a timeline that does not exist closes with 4404", async () => {
    expect((await closeCodeOf(`${server.url.replace("http", "ws")}/collab/nope`, alice.cookie)).code).toBe(CLOSE.notFound);
  });
});

describe("roles", () => {
  it("[AU4] a viewer's document updates reach neither the room nor other clients", async () => {
    const vera = await signUp(server.url, "Vera");
    await server.context.prisma.timelineMember.create({ data: { timelineId, userId: vera.id, role: "viewer" } });
    const viewer = client(vera);
    const editor = client(alice);
    await Promise.all([synced(viewer.provider), synced(editor.provider)]);
    const before = listEntries(editor.doc).length;
    addEntry(viewer.doc, { start: "2020", headline: "Written by a viewer" });
    // The editor's own edit after the viewer's proves the viewer's had its chance to arrive.
    const marker = addEntry(editor.doc, { start: "2021", headline: "Marker" });
    const check = client(bob);
    await synced(check.provider);
    await waitFor(() => check.doc.getMap("entries").has(marker), "marker");
    expect(listEntries(check.doc).some((e) => e.headline === "Written by a viewer")).toBe(false);
    expect(listEntries(editor.doc)).toHaveLength(before + 1);
  });
});

describe("bad input closes the socket and harms nothing", () => {
  const url = () => `${server.url.replace("http", "ws")}/collab/${timelineId}`;

  async function witness() {
    const w = client(alice);
    await synced(w.provider);
    return w;
  }

  it("[LI1] a message over the size limit closes with 1009", async () => {
    const big = new Uint8Array(MAX_MESSAGE_BYTES + 1);
    expect((await closeCodeOf(url(), alice.cookie, (ws) => ws.send(big))).code).toBe(CLOSE.messageTooBig);
  });

  it("[LI2] an unknown message type closes with 1003", async () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 99);
    expect((await closeCodeOf(url(), alice.cookie, (ws) => ws.send(encoding.toUint8Array(e)))).code).toBe(CLOSE.unsupportedData);
  });

  it("[LI3] a malformed sync update closes with 1002 and leaves the room intact", async () => {
    const w = await witness();
    const before = Y.encodeStateVector(w.doc);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 3, 255, 255, 7, 1]));
    expect((await closeCodeOf(url(), alice.cookie, (ws) => ws.send(encoding.toUint8Array(e)))).code).toBe(CLOSE.protocolError);
    // The room still serves: a new client syncs the same state, and edits still flow.
    const fresh = client(bob);
    await synced(fresh.provider);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(before);
    const id = addEntry(w.doc, { start: "2018-09", headline: "Sochi" });
    await waitFor(() => fresh.doc.getMap("entries").has(id), "edit after bad frame");
  });

  it("[LI4] an awareness update over the limit closes with 1009", async () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, new Uint8Array(MAX_AWARENESS_BYTES + 1));
    expect((await closeCodeOf(url(), alice.cookie, (ws) => ws.send(encoding.toUint8Array(e)))).code).toBe(CLOSE.messageTooBig);
  });

  it("[LI2] truncated and text frames close the socket", async () => {
    expect((await closeCodeOf(url(), alice.cookie, (ws) => ws.send(new Uint8Array([0, 2, 50, 1])))).code).toBe(CLOSE.protocolError);
    expect((await closeCodeOf(url(), alice.cookie, (ws) => ws.send("hello"))).code).toBe(CLOSE.unsupportedData);
  });
});
