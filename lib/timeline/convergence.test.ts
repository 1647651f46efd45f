// Seeded random convergence, in the manner of Yjs's tests/testHelper.js (applyRandomTests): replicas apply
// random ops from ops.ts while updates are delayed, reordered, duplicated and lost to disconnects; after a
// final full sync every replica must hold the same timeline. A failing seed replays exactly.
import * as prng from "lib0/prng";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  TimelineOpError,
  addEntry,
  deleteEntry,
  entryBody,
  setBody,
  setHeadline,
  updateEntry,
  type TBodyBlock,
  type TBodyInline,
  type TEntryPatch,
} from "./ops";
import { listEntries, readMeta } from "./schema";

const REMOTE = Symbol("remote");

type TReplica = { doc: Y.Doc; online: boolean; inbox: Uint8Array[] };

class Network {
  readonly replicas: TReplica[] = [];

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const doc = new Y.Doc();
      // Fixed client ids make conflict resolution, and so the whole run, depend on the seed alone.
      doc.clientID = i + 1;
      const replica: TReplica = { doc, online: true, inbox: [] };
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE || !replica.online) return;
        for (const other of this.replicas) if (other !== replica && other.online) other.inbox.push(update);
      });
      this.replicas.push(replica);
    }
  }

  disconnect(r: TReplica): void {
    r.online = false;
    r.inbox = [];
  }

  // Reconnecting exchanges state-vector diffs with every online peer, as y-protocols' sync step 1/2 does.
  connect(r: TReplica): void {
    if (r.online) return;
    r.online = true;
    for (const other of this.replicas) {
      if (other === r || !other.online) continue;
      r.inbox.push(Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(r.doc)));
      other.inbox.push(Y.encodeStateAsUpdate(r.doc, Y.encodeStateVector(other.doc)));
    }
  }

  // Delivers one queued update, chosen at random (reordering); now and then it stays queued, to arrive twice.
  deliver(gen: prng.PRNG): boolean {
    const waiting = this.replicas.filter((r) => r.inbox.length > 0);
    if (waiting.length === 0) return false;
    const r = prng.oneOf(gen, waiting);
    const i = prng.int32(gen, 0, r.inbox.length - 1);
    const update = r.inbox[i];
    if (prng.real53(gen) > 0.1) r.inbox.splice(i, 1);
    Y.applyUpdate(r.doc, update, REMOTE);
    return true;
  }

  flush(): void {
    for (const r of this.replicas) this.connect(r);
    for (const r of this.replicas) {
      while (r.inbox.length > 0) Y.applyUpdate(r.doc, r.inbox.shift() as Uint8Array, REMOTE);
    }
    for (const a of this.replicas) {
      for (const b of this.replicas) {
        if (a !== b) Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), REMOTE);
      }
    }
  }
}

const IDS = Array.from({ length: 12 }, (_, i) => `e${i}`);
const WORDS = ["Idlib", "offensive", "M5", "Saraqeb", "truce", "🇸🇾", "exodus", "Sochi"];

function randomDate(gen: prng.PRNG): string {
  const year = String(prng.int32(gen, 2015, 2020));
  const month = String(prng.int32(gen, 1, 12)).padStart(2, "0");
  // Up to 31 days, so some dates are invalid and the op must refuse them.
  const day = String(prng.int32(gen, 1, 31)).padStart(2, "0");
  return prng.oneOf(gen, [year, `${year}-${month}`, `${year}-${month}-${day}`, `${year}-${month}-${day}T10:${month}`]);
}

function randomInline(gen: prng.PRNG): TBodyInline {
  return {
    text: prng.oneOf(gen, WORDS) + prng.oneOf(gen, [" ", "\n", ""]),
    bold: prng.bool(gen) || undefined,
    italic: prng.bool(gen) || undefined,
    href: prng.real53(gen) < 0.2 ? "https://example.org/" : undefined,
  };
}

function randomBlocks(gen: prng.PRNG): TBodyBlock[] {
  const inlines = () => Array.from({ length: prng.int32(gen, 0, 3) }, () => randomInline(gen));
  return Array.from({ length: prng.int32(gen, 0, 3) }, (): TBodyBlock => {
    const type = prng.oneOf(gen, ["paragraph", "blockquote", "bulletList", "orderedList"] as const);
    return type === "paragraph" || type === "blockquote"
      ? { type, content: inlines() }
      : { type, items: Array.from({ length: prng.int32(gen, 1, 3) }, inlines) };
  });
}

function randomPatch(gen: prng.PRNG): TEntryPatch {
  return prng.oneOf<() => TEntryPatch>(gen, [
    () => ({ start: randomDate(gen) }),
    () => ({ end: prng.bool(gen) ? randomDate(gen) : null }),
    () => ({ qualifier: prng.oneOf(gen, ["circa", "before", "after", null] as const) }),
    () => ({ group: prng.oneOf(gen, ["Military", "Diplomacy", null]) }),
    () => ({ tags: Array.from({ length: prng.int32(gen, 0, 3) }, () => prng.oneOf(gen, WORDS)) }),
    () => ({ sources: [{ title: prng.oneOf(gen, WORDS), publisher: "Le Monde" }] }),
    () => ({ media: prng.bool(gen) ? { url: "https://example.org/p.jpg", credit: prng.oneOf(gen, WORDS) } : null }),
    () => ({ status: prng.oneOf(gen, ["draft", "needs-review", "verified", "disputed"] as const) }),
  ])();
}

function randomHeadline(gen: prng.PRNG, current: string): string {
  const at = prng.int32(gen, 0, current.length);
  if (prng.bool(gen) || current.length === 0) return `${current.slice(0, at)}${prng.oneOf(gen, WORDS)} ${current.slice(at)}`;
  return current.slice(0, at) + current.slice(at + prng.int32(gen, 1, 5));
}

function randomOp(gen: prng.PRNG, doc: Y.Doc, now: Date): void {
  const existing = listEntries(doc).map((e) => e.id);
  // Mostly entries this replica has; sometimes one it does not (deleted, or not yet received), to be refused.
  const id = existing.length > 0 && prng.real53(gen) < 0.9 ? prng.oneOf(gen, existing) : prng.oneOf(gen, IDS);
  const opts = { now, userId: `u${doc.clientID}` };
  const op = prng.int32(gen, 0, 13);
  if (op < 3) {
    // Ids from a small pool, so replicas that have not synced yet add the same id concurrently.
    const input = { start: randomDate(gen), headline: prng.oneOf(gen, WORDS), body: randomBlocks(gen) };
    addEntry(doc, input, { ...opts, id: prng.oneOf(gen, IDS) });
  } else if (op < 6) {
    updateEntry(doc, id, randomPatch(gen), opts);
  } else if (op < 7) {
    deleteEntry(doc, id, opts);
  } else if (op < 12) {
    const current = listEntries(doc).find((e) => e.id === id)?.headline ?? "";
    setHeadline(doc, id, randomHeadline(gen, current), opts);
  } else {
    setBody(doc, id, randomBlocks(gen), opts);
  }
}

function snapshot(doc: Y.Doc) {
  const entries = listEntries(doc);
  return {
    meta: readMeta(doc),
    entries,
    bodies: entries.map((e) => entryBody(doc, e.id).toString()),
    stateVector: Array.from(Y.encodeStateVector(doc)),
  };
}

function run(seed: number, steps: number): void {
  const gen = prng.create(seed);
  const net = new Network(prng.int32(gen, 3, 5));
  const clock = new Date("2019-12-01T00:00:00.000Z").getTime();
  let ops = 0;
  for (let step = 0; step < steps; step++) {
    const r = prng.oneOf(gen, net.replicas);
    const action = prng.real53(gen);
    if (action < 0.45) {
      try {
        randomOp(gen, r.doc, new Date(clock + step * 1000));
        ops++;
      } catch (e) {
        // Refusing an invalid date or a deleted entry is an op doing its job; anything else is a bug.
        if (!(e instanceof TimelineOpError)) throw e;
      }
    } else if (action < 0.9) {
      net.deliver(gen);
    } else if (action < 0.95) {
      net.disconnect(r);
    } else {
      net.connect(r);
    }
  }
  net.flush();
  const [first, ...rest] = net.replicas.map((r) => snapshot(r.doc));
  // Guards against a generator that only produces refused ops, which would converge trivially.
  expect(ops).toBeGreaterThan(steps / 4);
  for (const other of rest) expect(other).toEqual(first);
}

describe("convergence of random concurrent edits", () => {
  it.each([1, 2, 3, 42, 1337, 2019, 31337, 65536])("seed %i", (seed) => run(seed, 500));
});
