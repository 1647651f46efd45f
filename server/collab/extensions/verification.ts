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
    const touched = touchedEntries(entries, events);
    const at = new Date().toISOString();

    // [VR2][VR3] A session's writes to the server's fields are undone; a status it set is attributed to it.
    if (session && actor) {
      const corrections: (() => void)[] = [];
      for (const [id, t] of touched) {
        const entry = entries.get(id);
        if (!(entry instanceof Y.Map)) continue;
        const forged = VERIFICATION_FIELDS.filter((k) => (t.added ? entry.has(k) : t.keys.has(k)));
        const statusSet = t.added ? entry.has("status") && readEntry(entry, id).status !== "draft" : t.keys.has("status");
        if (forged.length === 0 && !statusSet) continue;
        corrections.push(() => {
          for (const key of forged) restore(entry, key, t.added ? undefined : t.keys.get(key));
          if (statusSet) setEntryStatus(room.doc, id, { status: readEntry(entry, id).status, by: actor.id, byName: actor.name, at });
        });
      }
      if (corrections.length > 0) write(room, serverOrigin(actor), () => corrections.forEach((fn) => fn()));
    }

    const fallbacks: string[] = [];
    const captures: string[] = [];
    for (const [id, t] of touched) {
      const entry = entries.get(id);
      if (!(entry instanceof Y.Map)) continue;
      const view = readEntry(entry, id);
      const change = t.keys.get("status");
      if (actor && !t.added && change) {
        const from = change.action === "add" ? "draft" : (STATUSES.find((s) => s === change.oldValue) ?? "draft");
        if (from !== view.status) notifyCreator(room, view, actor, `${actor.name} marked ${quote(view)} ${STATUS_WORDS[view.status]}`);
      }
      if (view.status !== "verified") continue;
      // [VR4] Verified by a path that recorded nothing (an older server, a use-case): what it shows now is what was verified.
      if (!view.verification?.verifiedAs) captures.push(id);
      // [VR1]
      else if (changesSinceVerified(view).length > 0) fallbacks.push(id);
    }
    if (captures.length > 0) write(room, serverOrigin(), () => captures.forEach((id) => captureVerifiedAs(entries.get(id)!, id)));
    if (fallbacks.length > 0) {
      write(room, { ...serverOrigin(actor), auto: true }, () => {
        for (const id of fallbacks) setEntryStatus(room.doc, id, { status: "needs-review", by: actor?.id, byName: actor?.name, at, auto: true });
      });
      if (actor) {
        for (const id of fallbacks) {
          const view = readEntry(entries.get(id)!, id);
          notifyCreator(room, view, actor, `${quote(view)} needs review again: ${actor.name} changed it after it was verified`);
        }
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
      const observer: TObserver = (events, tr) => onChanges(room, events, tr);
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
      for (const [id, change] of event.changes.keys) if (change.action !== "delete") touch(id).added = true;
      continue;
    }
    const [id] = event.path;
    if (typeof id !== "string") continue;
    const t = touch(id);
    if (event.path.length === 1) for (const [key, change] of event.changes.keys) t.keys.set(key, change);
  }
  return touched;
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
