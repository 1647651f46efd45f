// Persistence: every accepted update reaches the update log within PERSIST_MAX_WAIT_MS (batched),
// the log is compacted into the state row periodically and on unload. One write at a time per
// room; a failed write keeps its updates in memory and is retried, so nothing accepted is lost.
import * as Y from "yjs";
import type { TLogger } from "../../log.ts";
import type { TDocStore } from "../../db/doc-store.ts";
import {
  COMPACT_EVERY_BATCHES,
  COMPACT_EVERY_MS,
  PERSIST_DEBOUNCE_MS,
  PERSIST_MAX_WAIT_MS,
} from "../../../lib/protocol/limits.ts";
import { REMOTE_ORIGIN, STORAGE_ORIGIN, type TOrigin } from "../origins.ts";
import type { Room } from "../room.ts";
import type { TRoomExtension } from "./types.ts";

export class TimelineNotFoundError extends Error {}

type TRoomState = {
  pending: Uint8Array[];
  firstPendingAt: number;
  timer: NodeJS.Timeout | null;
  /** The write in progress; the next one chains after it. */
  chain: Promise<void>;
  batchesSinceCompact: number;
  lastCompactAt: number;
  failures: number;
  discarded: boolean;
};

const MAX_RETRY_MS = 30_000;

export function persistenceExtension(store: TDocStore, log: TLogger): TRoomExtension {
  const states = new Map<Room, TRoomState>();

  function stateOf(room: Room): TRoomState {
    let s = states.get(room);
    if (!s) {
      s = { pending: [], firstPendingAt: 0, timer: null, chain: Promise.resolve(), batchesSinceCompact: 0, lastCompactAt: Date.now(), failures: 0, discarded: false };
      states.set(room, s);
    }
    return s;
  }

  function schedule(room: Room, s: TRoomState): void {
    if (s.timer) clearTimeout(s.timer);
    const waited = Date.now() - s.firstPendingAt;
    const delay = s.failures > 0 ? Math.min(MAX_RETRY_MS, 500 * 2 ** s.failures) : Math.max(0, Math.min(PERSIST_DEBOUNCE_MS, PERSIST_MAX_WAIT_MS - waited));
    s.timer = setTimeout(() => {
      s.timer = null;
      // A failure is logged and rescheduled inside writePending.
      enqueue(s, () => writePending(room, s)).catch(() => undefined);
    }, delay);
  }

  function enqueue(s: TRoomState, job: () => Promise<void>): Promise<void> {
    s.chain = s.chain.then(job, job);
    return s.chain;
  }

  async function writePending(room: Room, s: TRoomState): Promise<void> {
    if (s.discarded || s.pending.length === 0) return;
    const batch = s.pending;
    s.pending = [];
    const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    try {
      await store.appendUpdate(room.name, update);
      s.failures = 0;
      s.batchesSinceCompact++;
    } catch (err) {
      // Put the batch back in front of what arrived meanwhile and try again later.
      s.pending = [update, ...s.pending];
      s.failures++;
      log.error({ room: room.name, err, failures: s.failures }, "writing updates failed; will retry");
      schedule(room, s);
      throw err;
    }
    if (s.pending.length > 0) schedule(room, s);
    if (s.batchesSinceCompact >= COMPACT_EVERY_BATCHES || Date.now() - s.lastCompactAt >= COMPACT_EVERY_MS) {
      await compact(room, s).catch((err: unknown) => log.warn({ room: room.name, err }, "compaction failed; the log is kept"));
    }
  }

  async function compact(room: Room, s: TRoomState): Promise<void> {
    const folded = await store.compact(room.name);
    s.batchesSinceCompact = 0;
    s.lastCompactAt = Date.now();
    log.debug({ room: room.name, folded }, "compacted");
  }

  async function flush(room: Room, s: TRoomState): Promise<void> {
    if (s.timer) {
      clearTimeout(s.timer);
      s.timer = null;
    }
    await enqueue(s, () => writePending(room, s));
    if (s.pending.length > 0) throw new Error(`room ${room.name}: ${s.pending.length} updates not yet stored`);
  }

  return {
    name: "persistence",

    async onLoad(room) {
      const stored = await store.load(room.name);
      if (!stored) throw new TimelineNotFoundError(`no timeline ${room.name}`);
      room.doc.transact(() => {
        if (stored.state) Y.applyUpdate(room.doc, stored.state);
        for (const update of stored.updates) Y.applyUpdate(room.doc, update);
      }, STORAGE_ORIGIN);
    },

    onUpdate(room, update, origin: TOrigin) {
      // Loaded from storage: already stored. From another instance: that instance stores it.
      if (origin === STORAGE_ORIGIN || origin === REMOTE_ORIGIN) return;
      const s = stateOf(room);
      if (s.pending.length === 0) s.firstPendingAt = Date.now();
      s.pending.push(update);
      if (s.failures === 0) schedule(room, s);
    },

    async onUnload(room) {
      const s = stateOf(room);
      await flush(room, s);
      await enqueue(s, () => compact(room, s));
    },

    onDestroy(room) {
      const s = states.get(room);
      if (s?.timer) clearTimeout(s.timer);
      states.delete(room);
    },

    onDiscard(room) {
      const s = states.get(room);
      if (!s) return;
      s.discarded = true;
      if (s.timer) clearTimeout(s.timer);
      states.delete(room);
    },
  };
}
