// Verification rules that hold for every client, a stock Yjs one included ([VR1]–[VR5] in SPEC.md):
// a verified entry whose date or headline changes goes back to review; a status a client sets in the
// doc is attributed to that client's user; the fields that say who set a status and what was verified
// are the server's alone. Corrections run as follow-up transactions with a server origin, so they are
// stored and broadcast like any change, and every replica converges on them.
import * as Y from "yjs";
import { notify, type TNotificationInput } from "../../domain/notify.ts";
import { setEntryStatus } from "../../../lib/timeline/ops.ts";
import { entriesMap, readEntry, STATUSES, VERIFICATION_FIELDS, type TEntry, type TStatus, type YEntry } from "../../../lib/timeline/schema.ts";
import { changesSinceVerified, verifiedView } from "../../../lib/timeline/verification.ts";
import { isServerOrigin, REMOTE_ORIGIN, serverOrigin, STORAGE_ORIGIN, type TActor, type TServerOrigin } from "../origins.ts";
import type { Room } from "../room.ts";
import { Session } from "../session.ts";
import type { TRoomExtension } from "./types.ts";

export type TVerificationDeps = Parameters<typeof notify>[0];

type TKeyChange = { action: "add" | "update" | "delete"; oldValue: unknown };
/** What one transaction did to one entry: created (or replaced) it, and which of its keys it set. */
type TTouched = { added: boolean; keys: Map<string, TKeyChange> };
type TObserver = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => void;

const STATUS_WORDS: Record<TStatus, string> = {
  draft: "back to draft",
  "needs-review": "as needing review",
  verified: "verified",
  disputed: "disputed",
};

export function verificationExtension(d: TVerificationDeps): TRoomExtension {
  const observers = new Map<Room, TObserver>();
  /** Notifications still being written: unloading waits for them. */
  const sending = new Map<Room, Set<Promise<void>>>();
  /** The origins of this extension's own writes, which it must not react to. */
  const own = new WeakSet<object>();

  function write(room: Room, origin: TServerOrigin, fn: () => void): void {
    own.add(origin);
    room.doc.transact(fn, origin);
  }

  function notifyCreator(room: Room, entry: TEntry, actor: TActor, text: string): void {
    if (!entry.createdBy) return;
    const item: TNotificationInput = { userId: entry.createdBy, timelineId: room.name, kind: "status", entryId: entry.id, actor, text };
    const pending = sending.get(room) ?? new Set<Promise<void>>();
    sending.set(room, pending);
    const p = notify(d, [item]).finally(() => pending.delete(p));
    pending.add(p);
  }

  function onChanges(room: Room, events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void {
    const origin: unknown = tr.origin;
    if (origin === STORAGE_ORIGIN || origin === REMOTE_ORIGIN || (typeof origin === "object" && origin !== null && own.has(origin))) return;
    const session = origin instanceof Session ? origin : null;
    const actor = session ? { id: session.user.id, name: session.user.name } : isServerOrigin(origin) ? origin.actor : undefined;
    const entries = entriesMap(room.doc);
    const touched = [...touchedEntries(entries, events)].flatMap(([id, t]) => {
      const entry = entries.get(id);
      return entry instanceof Y.Map ? [{ id, t, entry }] : [];
    });
    const at = new Date().toISOString();

    for (const { t, entry, id } of touched) {
      const change = t.keys.get("status");
      const view = readEntry(entry, id);
      if (actor && !t.added && change && statusBefore(change) !== view.status) {
        notifyCreator(room, view, actor, `${actor.name} marked ${quote(view)} ${STATUS_WORDS[view.status]}`);
      }
    }
    // Only entries something is to be done for: a keystroke in a verified entry's body opens no transaction.
    const mayWrite = touched.filter(({ id, t, entry }) => {
      if (session && SERVER_KEYS.some((k) => (t.added ? entry.has(k) : t.keys.has(k)))) return true;
      if (entry.get("status") !== "verified") return false;
      const view = readEntry(entry, id);
      return !view.verification?.verifiedAs || changesSinceVerified(view).length > 0;
    });
    if (mayWrite.length === 0) return;

    // Every correction of this change goes into one follow-up transaction: Yjs applies follow-ups at
    // once and delivers them after, so a second one would already be in the doc when history reads
    // the first. It is marked `auto` when it sends an entry back to review (history records a fallback).
    const followUp = serverOrigin(actor);
    const fallbacks: string[] = [];
    write(room, followUp, () => {
      for (const { id, t, entry } of mayWrite) {
        try {
          correct(id, t, entry);
        } catch (err) {
          // One entry that cannot be checked must not exempt the others.
          d.log.error({ room: room.name, entryId: id, err }, "verification could not check an entry");
        }
      }
      // Set before anyone observes the transaction: its observers run once this function returns.
      if (fallbacks.length > 0) followUp.auto = true;
    });
    if (!actor) return;
    for (const id of fallbacks) {
      const view = readEntry(entries.get(id)!, id);
      notifyCreator(room, view, actor, `${quote(view)} needs review again: ${actor.name} changed it after it was verified`);
    }

    function correct(id: string, t: TTouched, entry: YEntry): void {
      if (session && actor) {
        // [VR3] A session's writes to the server's fields are undone.
        for (const key of VERIFICATION_FIELDS) if (t.added ? entry.has(key) : t.keys.has(key)) restore(entry, key, t.added ? undefined : t.keys.get(key));
      }
      const view = readEntry(entry, id);
      const stale = view.status === "verified" && view.verification?.verifiedAs !== undefined && changesSinceVerified(view).length > 0;
      const change = t.keys.get("status");
      const statusSet = session !== null && (t.added ? view.status !== "draft" : change !== undefined);
      // [VR2] A status the session set is attributed to it; the same status written again alongside
      // a change of what was verified is no new verification: that change sends it back to review.
      if (statusSet && actor && !(stale && !t.added && statusBefore(change!) === view.status)) {
        setEntryStatus(room.doc, id, { status: view.status, by: actor.id, byName: actor.name, at });
      } else if (view.status === "verified" && !view.verification?.verifiedAs) {
        // [VR4] Verified by a path that recorded nothing (an older server, a use-case): what it shows now is what was verified.
        captureVerifiedAs(entry, id);
      } else if (stale) {
        // [VR1]
        setEntryStatus(room.doc, id, { status: "needs-review", by: actor?.id, byName: actor?.name, at, auto: true });
        fallbacks.push(id);
      }
    }
  }

  function detach(room: Room): void {
    const observer = observers.get(room);
    if (observer) entriesMap(room.doc).unobserveDeep(observer);
    observers.delete(room);
    sending.delete(room);
  }

  return {
    name: "verification",

    async onLoad(room) {
      // [VR4] Entries seeded or imported as verified: record what they show, so a change to it is detected.
      const entries = entriesMap(room.doc);
      const missing: string[] = [];
      entries.forEach((entry, id) => {
        if (entry instanceof Y.Map && entry.get("status") === "verified" && !readEntry(entry, id).verification?.verifiedAs) missing.push(id);
      });
      if (missing.length > 0) write(room, serverOrigin(), () => missing.forEach((id) => captureVerifiedAs(entries.get(id)!, id)));
      // An observer that throws would skip the other observers and fail the session's message after
      // its change was applied: a fault here is logged, never raised.
      const observer: TObserver = (events, tr) => {
        try {
          onChanges(room, events, tr);
        } catch (err) {
          d.log.error({ room: room.name, err }, "verification could not check a change");
        }
      };
      entries.observeDeep(observer);
      observers.set(room, observer);
    },

    async onUnload(room) {
      await Promise.all([...(sending.get(room) ?? [])]);
    },

    onDestroy: detach,
    onDiscard: detach,
  };
}

/** Which entries a transaction touched, read from its events while they can still say what changed. */
function touchedEntries(entries: Y.Map<YEntry>, events: Y.YEvent<Y.AbstractType<unknown>>[]): Map<string, TTouched> {
  const touched = new Map<string, TTouched>();
  const touch = (id: string): TTouched => {
    let t = touched.get(id);
    if (!t) touched.set(id, (t = { added: false, keys: new Map() }));
    return t;
  };
  for (const event of events) {
    if (event.target === entries) {
      for (const [id, change] of event.changes.keys) {
        if (change.action === "add") touch(id).added = true;
        // Replaced whole (a client that writes an entry as a new map): the same entry, whose server
        // fields and status changed where the new map's differ from the old one's.
        else if (change.action === "update" && change.oldValue instanceof Y.Map) replaced(event, touch(id), change.oldValue, entries.get(id));
      }
      continue;
    }
    const [id] = event.path;
    if (typeof id !== "string") continue;
    const t = touch(id);
    if (event.path.length === 1) for (const [key, change] of event.changes.keys) t.keys.set(key, change);
  }
  return touched;
}

const SERVER_KEYS = ["status", ...VERIFICATION_FIELDS];

function replaced(event: Y.YEvent<Y.AbstractType<unknown>>, t: TTouched, old: YEntry, now: YEntry | undefined): void {
  if (!(now instanceof Y.Map)) return;
  for (const key of SERVER_KEYS) {
    // The old map was deleted by this transaction: its values are still there, in items Yjs marks deleted.
    const item = old._map.get(key);
    const was: unknown = item && event.deletes(item) ? item.content.getContent().at(-1) : undefined;
    const is: unknown = now.get(key);
    if (sameValue(was, is)) continue;
    t.keys.set(key, { action: was === undefined ? "add" : is === undefined ? "delete" : "update", oldValue: was });
  }
}

/**
 * Whether two stored values are the same. Any client may store anything (a BigInt, a Y type), so
 * this never throws: what JSON cannot say is the same is different (and then restored, if ours).
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** What a status change replaced (a missing status reads as draft). */
function statusBefore(change: TKeyChange): TStatus {
  return change.action === "add" ? "draft" : (STATUSES.find((s) => s === change.oldValue) ?? "draft");
}

/** Puts back the value a server field had before a client changed it (a Y type there was never ours). */
function restore(entry: YEntry, key: string, change: TKeyChange | undefined): void {
  if (!change || change.action === "add" || change.oldValue instanceof Y.AbstractType) entry.delete(key);
  else entry.set(key, change.oldValue);
}

function captureVerifiedAs(entry: YEntry, id: string): void {
  entry.set("verifiedAs", verifiedView(readEntry(entry, id)));
}

function quote(entry: TEntry): string {
  const headline = entry.headline.trim();
  if (!headline) return "an entry";
  return `“${headline.length > 80 ? `${headline.slice(0, 79)}…` : headline}”`;
}
