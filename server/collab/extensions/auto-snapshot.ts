// Automatic versions ([AS1]–[AS4] in SPEC.md): a snapshot of the doc once a burst of edits has
// settled, and at the latest SNAPSHOT_EVERY_MINUTES after the oldest edit no version holds yet, so
// history has a point to go back to before any hour of work. Saving happens beside the room, never in
// its way: the doc is already durable (persistence), so a failed snapshot is logged and tried again
// later, and an unload waits for one only a few times.
import * as Y from "yjs";
import type { TLogger } from "../../log.ts";
import { isServerOrigin, REMOTE_ORIGIN, STORAGE_ORIGIN, type TOrigin } from "../origins.ts";
import type { Room } from "../room.ts";
import type { TRoomExtension } from "./types.ts";

/** What the extension hands to the snapshot store (`saveSnapshot(prisma, input)`). */
export type TAutoSnapshotInput = { timelineId: string; kind: "auto"; name: string; state: Uint8Array; createdById: null };

/** Time as the extension sees it: tests pass a fake one and move it on by hand. */
export type TClock = {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const SYSTEM_CLOCK: TClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type TAutoSnapshotOptions = {
  save(input: TAutoSnapshotInput): Promise<unknown>;
  log: TLogger;
  /** A snapshot is due this long after the last edit (SNAPSHOT_QUIET_SECONDS). */
  quietMs: number;
  /** …or this long after the oldest edit no snapshot holds, if edits never pause that long (SNAPSHOT_EVERY_MINUTES). */
  everyMs: number;
  clock?: TClock;
  /** First retry after a failed save; doubled per failure up to MAX_RETRY_MS. */
  retryMs?: number;
};

/** Automatic versions carry no name of their own: the history panel shows their time. */
export const AUTO_SNAPSHOT_NAME = "Automatic";
/**
 * A restore writes with `serverOrigin(actor, "restored <name>")` and saves its own snapshots (one of
 * the state before, one after): its change is not an edit waiting for an automatic one.
 */
export const RESTORE_NOTE_PREFIX = "restored ";
const MAX_RETRY_MS = 5 * 60_000;
/** Unloads that may fail on a snapshot before the room is let go without it (the doc itself is saved). */
export const UNLOAD_SNAPSHOT_ATTEMPTS = 3;

export function isRestoreOrigin(origin: unknown): boolean {
  return isServerOrigin(origin) && typeof origin.note === "string" && origin.note.startsWith(RESTORE_NOTE_PREFIX);
}

type TRoomState = {
  /** Edits that no snapshot holds yet. */
  dirty: boolean;
  /** When the oldest of them was made: the SNAPSHOT_EVERY_MINUTES deadline counts from here. */
  firstDirtyAt: number;
  /** The next save: the end of the quiet, the deadline, or a retry. */
  timer: unknown;
  /** The save in progress; the next one chains after it. Never rejects. */
  chain: Promise<void>;
  failures: number;
  unloadFailures: number;
  discarded: boolean;
};

export function autoSnapshotExtension(opts: TAutoSnapshotOptions): TRoomExtension {
  const clock = opts.clock ?? SYSTEM_CLOCK;
  const retryMs = opts.retryMs ?? 5_000;
  const states = new Map<Room, TRoomState>();

  function stateOf(room: Room): TRoomState {
    let s = states.get(room);
    if (!s) {
      s = { dirty: false, firstDirtyAt: 0, timer: null, chain: Promise.resolve(), failures: 0, unloadFailures: 0, discarded: false };
      states.set(room, s);
    }
    return s;
  }

  function setTimer(room: Room, s: TRoomState, delay: number): void {
    clearTimer(s);
    s.timer = clock.setTimeout(() => {
      s.timer = null;
      void enqueue(s, () => attempt(room, s)).then((ok) => {
        if (!ok) retryLater(room, s);
      });
    }, Math.max(0, delay));
  }

  function clearTimer(s: TRoomState): void {
    if (s.timer !== null) clock.clearTimeout(s.timer);
    s.timer = null;
  }

  // [AS1][AS2] Due at the end of the quiet, or at the deadline if that comes first.
  function scheduleAfterEdit(room: Room, s: TRoomState): void {
    const now = clock.now();
    setTimer(room, s, Math.min(now + opts.quietMs, s.firstDirtyAt + opts.everyMs) - now);
  }

  function retryLater(room: Room, s: TRoomState): void {
    if (s.discarded || !s.dirty) return;
    setTimer(room, s, Math.min(MAX_RETRY_MS, retryMs * 2 ** (s.failures - 1)));
  }

  function enqueue<T>(s: TRoomState, job: () => Promise<T>): Promise<T> {
    const run = s.chain.then(job);
    s.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Saves the doc as it is now if it holds unsaved edits; false when saving failed (the edits stay unsaved). */
  async function attempt(room: Room, s: TRoomState): Promise<boolean> {
    if (s.discarded || !s.dirty) return true;
    const state = Y.encodeStateAsUpdate(room.doc);
    const since = s.firstDirtyAt;
    // Edits made while this one is being written are the next snapshot's.
    s.dirty = false;
    try {
      await opts.save({ timelineId: room.name, kind: "auto", name: AUTO_SNAPSHOT_NAME, state, createdById: null });
      s.failures = 0;
      return true;
    } catch (err) {
      // The timeline was deleted meanwhile: there is nothing left to take a version of.
      if (s.discarded) return true;
      s.firstDirtyAt = s.dirty ? Math.min(since, s.firstDirtyAt) : since;
      s.dirty = true;
      s.failures++;
      opts.log.error({ room: room.name, err, failures: s.failures }, "saving an automatic snapshot failed; will retry");
      return false;
    }
  }

  return {
    name: "auto-snapshot",

    onUpdate(room, _update, origin: TOrigin) {
      // Loaded from storage: nothing new. From another instance: the instance that accepted it saves.
      if (origin === STORAGE_ORIGIN || origin === REMOTE_ORIGIN) return;
      const s = stateOf(room);
      if (s.discarded) return;
      if (isRestoreOrigin(origin)) {
        // [AS3] The restore's own snapshots hold everything up to it, edits before it included.
        if (s.failures === 0) {
          s.dirty = false;
          clearTimer(s);
        }
        return;
      }
      if (!s.dirty) {
        s.dirty = true;
        s.firstDirtyAt = clock.now();
      }
      // After a failure the retry's backoff stands: editing does not hammer a failing database.
      if (s.failures === 0) scheduleAfterEdit(room, s);
    },

    // [AS4] Unsaved edits get their snapshot before the room leaves memory.
    async onUnload(room) {
      const s = states.get(room);
      if (!s) return;
      clearTimer(s);
      const ok = await enqueue(s, () => attempt(room, s));
      if (ok) {
        s.unloadFailures = 0;
        return;
      }
      if (++s.unloadFailures < UNLOAD_SNAPSHOT_ATTEMPTS) {
        // Kept loaded and unloaded again by the room manager; should someone join instead, editing goes on as usual.
        retryLater(room, s);
        throw new Error(`room ${room.name}: automatic snapshot not saved`);
      }
      opts.log.error({ room: room.name, attempts: s.unloadFailures }, "unloading without the automatic snapshot; the doc itself is saved");
    },

    onDestroy(room) {
      const s = states.get(room);
      if (s) clearTimer(s);
      states.delete(room);
    },

    onDiscard(room) {
      const s = states.get(room);
      if (!s) return;
      s.discarded = true;
      clearTimer(s);
      states.delete(room);
    },
  };
}
