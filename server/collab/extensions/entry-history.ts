// Per-entry history ([EH1]–[EH4] in SPEC.md): who changed which fields of an entry, and when, derived
// from the changes each session made and attributed to its user (a use-case's change to the user it
// names). Records are rows of their own, written as changes arrive (a run's row is updated while it
// lasts), so compacting the update log loses none of them. One person's run of edits to one entry
// (typing a headline) is one record.
import * as Y from "yjs";
import type { TLogger } from "../../log.ts";
import type { TPrisma } from "../../db/client.ts";
import { entriesMap, readEntry, type YEntry } from "../../../lib/timeline/schema.ts";
import { isServerOrigin, REMOTE_ORIGIN, STORAGE_ORIGIN } from "../origins.ts";
import type { Room } from "../room.ts";
import { Session } from "../session.ts";
import type { TRoomExtension } from "./types.ts";
import { HISTORY_MAX_RUN_MS, HISTORY_QUIET_MS, PERSIST_DEBOUNCE_MS, PERSIST_MAX_WAIT_MS } from "../../../lib/protocol/limits.ts";
import { storable } from "../../db/storable.ts";

export const HISTORY_KINDS = ["created", "updated", "deleted", "status", "fallback"] as const;
export type THistoryKind = (typeof HISTORY_KINDS)[number];

/** Fields whose old and new values a record carries, as strings (tags comma-joined). */
export const SCALAR_FIELDS = ["start", "end", "qualifier", "displayDate", "headline", "group", "tags", "status"] as const;
/** Fields a record only names: their values are structures, not one line of text. */
export const STRUCTURED_FIELDS = ["body", "media", "background", "sources"] as const;
export const HISTORY_FIELDS = ["start", "end", "qualifier", "displayDate", "headline", "body", "media", "background", "sources", "group", "tags", "status"] as const;
export type TScalarField = (typeof SCALAR_FIELDS)[number];
export type THistoryField = (typeof HISTORY_FIELDS)[number];
export type TFieldChange = { field: TScalarField; old: string | null; new: string | null };

const MAX_RETRY_MS = 30_000;
/** An unnamed error for one row while the database answers: this many tries, then the row is dropped. */
const MAX_UNNAMED_REFUSALS = 3;
/**
 * Longest old or new value a record keeps. A history panel shows a line, not a pasted document: a
 * multi-megabyte headline would otherwise be stored twice per row and served a thousand rows a page.
 */
export const MAX_HISTORY_VALUE_CHARS = 1_000;

/** Who made a change: the session's user, or the user a server change names (nobody: the server itself). */
type TAuthor = { userId: string | null; userName: string; note: string | null; auto: boolean };
type TView = Record<TScalarField, string | null>;
type TRecord = {
  entryId: string;
  kind: THistoryKind;
  author: TAuthor;
  fields: Set<THistoryField>;
  changes: Map<TScalarField, { old: string | null; new: string | null }>;
  /** When the run began: its HISTORY_MAX_RUN_MS count from here. */
  started: number;
  /** When it last changed: the row's time. */
  at: Date;
  /** Ends the run of edits; null once it has ended (and for records that are never a run). */
  timer: NodeJS.Timeout | null;
  /** Its row, once stored: the run's later changes update that row in place. */
  rowId: bigint | null;
  /** Only its time moved since it was last marked for writing: written when the run ends. */
  atPending: boolean;
  /** Writes of it alone that failed with an error naming no fault while the database answered. */
  refusals: number;
};
/** One entry_change row as written (its id aside). */
export type THistoryRow = {
  timelineId: string;
  entryId: string;
  userId: string | null;
  userName: string;
  kind: THistoryKind;
  fields: THistoryField[];
  changes: TFieldChange[];
  note: string | null;
  at: Date;
};
/** A session's change to an entry, which the verification extension may correct in a transaction Yjs delivers next. */
type TCorrectable = { author: TAuthor; status: TRecord | null };
type TRoomState = {
  /** The last known scalar values of every entry, to give each change its old value. */
  views: Map<string, TView>;
  /** The run of edits still open on each entry. */
  open: Map<string, TRecord>;
  /** Records whose row is missing or behind what they say, oldest first. */
  dirty: Set<TRecord>;
  firstDirtyAt: number;
  /** The next write: a short debounce, or the backoff after a failure. */
  timer: NodeJS.Timeout | null;
  /** The write in progress; the next one chains after it. */
  chain: Promise<void>;
  failures: number;
  discarded: boolean;
  /** Entries sessions changed in the transactions Yjs is delivering now (cleared once it has delivered them all). */
  correctable: Map<string, TCorrectable>;
  observer: (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => void;
  delivered: () => void;
};

/** An entry's keys in the doc that history follows, and the field each is (the headline is stored as `title`). */
const KEY_FIELD = new Map<string, THistoryField>([
  ...HISTORY_FIELDS.filter((f) => f !== "headline").map((f) => [f, f] as const),
  ["title", "headline"],
]);
const SERVER_NAME = "Dateline";

export function entryHistoryExtension(prisma: TPrisma, log: TLogger): TRoomExtension {
  const states = new Map<Room, TRoomState>();

  // [EH4] Rows are written as changes arrive, batched like the update log (PE1): a crash loses at most
  // what the log loses, and never a record of a change that survived it.
  function markDirty(room: Room, s: TRoomState, record: TRecord): void {
    record.atPending = false;
    if (s.dirty.size === 0) s.firstDirtyAt = Date.now();
    s.dirty.add(record);
    if (s.failures === 0) schedule(room, s);
  }

  function schedule(room: Room, s: TRoomState): void {
    if (s.timer) clearTimeout(s.timer);
    const delay =
      s.failures > 0
        ? Math.min(MAX_RETRY_MS, 500 * 2 ** s.failures)
        : Math.max(0, Math.min(PERSIST_DEBOUNCE_MS, PERSIST_MAX_WAIT_MS - (Date.now() - s.firstDirtyAt)));
    s.timer = setTimeout(() => {
      s.timer = null;
      void write(room, s);
    }, delay);
  }

  function write(room: Room, s: TRoomState): Promise<void> {
    s.chain = s.chain.then(() => writeDirty(room, s));
    return s.chain;
  }

  // Never rejects: what could not be written stays dirty, in front, and is retried with backoff.
  async function writeDirty(room: Room, s: TRoomState): Promise<void> {
    if (s.discarded || s.dirty.size === 0) return;
    const batch = [...s.dirty];
    s.dirty.clear();
    const { failed, deferred } = await store(room.name, batch);
    s.dirty = new Set([...failed, ...deferred, ...s.dirty]);
    if (failed.length === 0) {
      s.failures = 0;
      if (s.dirty.size > 0) schedule(room, s);
      return;
    }
    s.failures++;
    log.error({ room: room.name, failures: s.failures, records: failed.length }, "writing entry history failed; will retry");
    schedule(room, s);
  }

  /** Writes a batch; returns the records to try again (the database could not be reached) and those left for the next write. */
  async function store(timelineId: string, batch: TRecord[]): Promise<{ failed: TRecord[]; deferred: TRecord[] }> {
    // Rows as the records are now: a record that changes during the write is dirty again, for the next one.
    const items = batch.map((record) => ({ record, row: toRow(timelineId, record) }));
    const updates = items.filter((i) => i.record.rowId !== null);
    // A run still open needs its row's id, to update it; finished records are only inserted.
    const running = new Map<string, TItem>();
    const finished: TItem[] = [];
    const deferred: TRecord[] = [];
    for (const i of items) {
      if (i.record.rowId !== null) continue;
      if (i.record.timer === null) finished.push(i);
      // One open run per entry, so the entry id finds each run's row among those returned.
      else if (running.has(i.row.entryId)) deferred.push(i.record);
      else running.set(i.row.entryId, i);
    }
    const retry: TRecord[] = [];
    let reachable = true;
    /** Runs a write for items; a data error is narrowed down to the rows it comes from, which are dropped. */
    const attempt = async (group: TItem[], run: (group: TItem[]) => Promise<void>): Promise<void> => {
      if (group.length === 0) return;
      if (!reachable) return void retry.push(...group.map((i) => i.record));
      try {
        await run(group);
      } catch (err) {
        const fault = classify(err);
        // A fault of the moment (disk full, failover, timeout, deadlock, unreachable) keeps every
        // record for a later retry; so does an error that names nothing while the database is down.
        if (fault === "transient" || (fault === "unknown" && !(await answers(prisma)))) {
          reachable = false;
          log.warn({ room: timelineId, err }, "entry history write failed");
          return void retry.push(...group.map((i) => i.record));
        }
        if (group.length > 1) {
          for (const i of group) await attempt([i], run);
          return;
        }
        const item = group[0]!;
        // An error that names nothing, for one row, while the database answers: tried a few times more.
        if (fault === "unknown" && ++item.record.refusals < MAX_UNNAMED_REFUSALS) return void retry.push(item.record);
        // A row the database refuses whatever we do: dropped, so it cannot hold up every later record.
        log.error({ room: timelineId, err, entryId: item.row.entryId, kind: item.row.kind }, "entry history record refused by the database; dropped");
      }
    };
    await attempt(finished, async (group) => {
      await prisma.entryChange.createMany({ data: group.map((i) => i.row) });
    });
    await attempt([...running.values()], async (group) => {
      const rows = await prisma.entryChange.createManyAndReturn({ data: group.map((i) => i.row), select: { id: true, entryId: true } });
      const ids = new Map(rows.map((r) => [r.entryId, r.id]));
      for (const i of group) i.record.rowId = ids.get(i.row.entryId) ?? null;
    });
    for (const u of updates) {
      await attempt([u], async ([i]) => {
        const { fields, changes, note, at } = i!.row;
        await prisma.entryChange.update({ where: { id: i!.record.rowId! }, data: { fields, changes, note, at }, select: { id: true } });
      });
    }
    return { failed: retry, deferred };
  }

  function end(room: Room, s: TRoomState, record: TRecord): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = null;
    if (s.open.get(record.entryId) === record) s.open.delete(record.entryId);
    if (record.atPending) markDirty(room, s, record);
  }

  function add(room: Room, s: TRoomState, record: TRecord): void {
    // [EH3] A fallback is the server's follow-up to an edit: it stands alone and does not end the edit's run.
    if (record.kind === "fallback") return markDirty(room, s, record);
    const open = s.open.get(record.entryId);
    // [EH2] Only edits run together: a creation, a deletion and every status set are records of their own.
    const standalone = record.kind !== "updated";
    if (open && (standalone || !sameAuthor(open.author, record.author))) end(room, s, open);
    if (standalone) return markDirty(room, s, record);
    const run = s.open.get(record.entryId) ?? record;
    let moved = true;
    if (run === record) {
      s.open.set(record.entryId, record);
    } else {
      const before = signature(run);
      // [EH2] Fields unioned; old values from the run's first change, new from its latest.
      for (const f of record.fields) run.fields.add(f);
      for (const [field, c] of record.changes) {
        const first = run.changes.get(field);
        run.changes.set(field, { old: first ? first.old : c.old, new: c.new });
      }
      if (record.author.note !== null) run.author = { ...run.author, note: record.author.note };
      run.at = record.at;
      // Typing in a body changes nothing but the time: its row is rewritten once, when the run ends.
      moved = signature(run) !== before;
    }
    if (run.timer) clearTimeout(run.timer);
    const delay = Math.min(HISTORY_QUIET_MS, HISTORY_MAX_RUN_MS - (Date.now() - run.started));
    run.timer = setTimeout(() => end(room, s, run), Math.max(0, delay));
    if (moved || run.rowId === null) markDirty(room, s, run);
    else run.atPending = true;
  }

  function onChanges(room: Room, s: TRoomState, events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void {
    const entries = entriesMap(room.doc);
    const touched = touchedFields(entries, events);
    // Loaded, or another instance's change (which that instance records): only keep the views current.
    const author = tr.origin === STORAGE_ORIGIN || tr.origin === REMOTE_ORIGIN ? null : authorOf(tr.origin);
    const fromSession = tr.origin instanceof Session;
    const at = new Date();
    for (const [id, keys] of touched) {
      const entry = entries.get(id);
      const before = s.views.get(id);
      if (!(entry instanceof Y.Map)) {
        s.views.delete(id);
        if (before && author) add(room, s, record(id, "deleted", author, at, diff(before, null)));
        continue;
      }
      const after = viewOf(entry, id);
      s.views.set(id, after);
      if (!author) continue;
      if (!before) {
        const fields = diff(null, after);
        for (const f of STRUCTURED_FIELDS) if (entry.has(f)) fields.push({ field: f, old: null, new: null });
        add(room, s, record(id, "created", author, at, fields));
        if (fromSession) s.correctable.set(id, { author, status: null });
        continue;
      }
      const changed = diff(before, after).filter((c) => c.field !== "status");
      for (const f of STRUCTURED_FIELDS) if (keys === "all" || keys.has(f)) changed.push({ field: f, old: null, new: null });
      if (changed.length > 0) add(room, s, record(id, "updated", author, at, changed));
      if (!(keys === "all" || keys.has("status") || before.status !== after.status)) continue;
      const set = record(id, author.auto && before.status !== after.status ? "fallback" : "status", author, at, [{ field: "status", old: before.status, new: after.status }]);
      if (fromSession) {
        // A status set in the doc is one record with the server's attribution of it (VR2), which Yjs
        // delivers next. The same value written again is a status set only if the server attributes
        // it; the verification extension may instead send the entry back to review (VR1).
        if (before.status !== after.status) add(room, s, set);
        s.correctable.set(id, { author, status: before.status !== after.status ? null : set });
        continue;
      }
      const corrected = s.correctable.get(id);
      if (corrected && sameAuthor(corrected.author, author) && before.status === after.status) {
        s.correctable.delete(id);
        if (corrected.status) add(room, s, corrected.status);
        continue;
      }
      add(room, s, set);
    }
  }

  return {
    name: "entry-history",

    async onLoad(room) {
      const views = new Map<string, TView>();
      const entries = entriesMap(room.doc);
      entries.forEach((entry, id) => {
        if (entry instanceof Y.Map) views.set(id, viewOf(entry, id));
      });
      const s: TRoomState = {
        views,
        open: new Map(),
        dirty: new Set(),
        firstDirtyAt: 0,
        timer: null,
        chain: Promise.resolve(),
        failures: 0,
        discarded: false,
        correctable: new Map(),
        // An observer that throws would skip the other extensions' observers and fail the session's
        // message after its change was applied: a fault here is logged, never raised.
        observer: (events, tr) => {
          try {
            onChanges(room, s, events, tr);
          } catch (err) {
            log.error({ room: room.name, err }, "entry history could not record a change");
          }
        },
        // A session's change and the server's corrections of it are delivered together; after that, none is pending.
        delivered: () => s.correctable.clear(),
      };
      states.set(room, s);
      entries.observeDeep(s.observer);
      room.doc.on("afterAllTransactions", s.delivered);
    },

    async onUnload(room) {
      const s = states.get(room);
      if (!s) return;
      for (const record of [...s.open.values()]) end(room, s, record);
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      await write(room, s);
      if (s.dirty.size > 0) throw new Error(`room ${room.name}: ${s.dirty.size} entry history records not yet stored`);
    },

    onDestroy(room) {
      stop(room, false);
    },

    onDiscard(room) {
      stop(room, true);
    },
  };

  function stop(room: Room, discarded: boolean): void {
    const s = states.get(room);
    if (!s) return;
    s.discarded = discarded;
    entriesMap(room.doc).unobserveDeep(s.observer);
    room.doc.off("afterAllTransactions", s.delivered);
    for (const record of s.open.values()) if (record.timer) clearTimeout(record.timer);
    if (s.timer) clearTimeout(s.timer);
    states.delete(room);
  }
}

type TItem = { record: TRecord; row: THistoryRow };

/** What identifies a record's row content, apart from its time. */
function signature(record: TRecord): string {
  return JSON.stringify([[...record.fields], [...record.changes], record.author.note]);
}

async function answers(prisma: TPrisma): Promise<boolean> {
  return prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
}

/**
 * "data": a refusal of the data itself (SQLSTATE class 22, data exception; 23, integrity constraint;
 * or a row to update that is gone): retrying the same row can never succeed. "transient": a fault
 * that passes. "unknown": an error that names neither (Prisma's unknown-request errors).
 */
function classify(err: unknown): "data" | "transient" | "unknown" {
  const e = err as { code?: unknown; cause?: { originalCode?: unknown; code?: unknown }; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  if (e?.code === "P2025") return "data";
  const state = e?.cause?.originalCode ?? e?.cause?.code ?? e?.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof state === "string" && /^2[23]/.test(state)) return "data";
  // Any other SQLSTATE (53100 disk full, 25006 read-only, 57014 timeout, 40001 serialization...) and
  // Prisma's connection, pool and retry codes are faults of the moment.
  if (typeof state === "string" || (typeof e?.code === "string" && /^(P1\d{3}|P2024|P2028|P2034)$/.test(e.code))) return "transient";
  return "unknown";
}

function authorOf(origin: unknown): TAuthor {
  if (origin instanceof Session) return { userId: origin.user.id, userName: origin.user.name, note: null, auto: false };
  if (isServerOrigin(origin)) {
    return {
      userId: origin.actor?.id ?? null,
      userName: origin.actor?.name ?? SERVER_NAME,
      note: origin.note ?? null,
      auto: origin.auto === true,
    };
  }
  return { userId: null, userName: SERVER_NAME, note: null, auto: false };
}

function sameAuthor(a: TAuthor, b: TAuthor): boolean {
  return a.userId === b.userId && a.userName === b.userName;
}

/** The history fields a transaction touched on each entry ("all" when the entry itself was added or replaced). */
function touchedFields(entries: Y.Map<YEntry>, events: Y.YEvent<Y.AbstractType<unknown>>[]): Map<string, Set<THistoryField> | "all"> {
  const touched = new Map<string, Set<THistoryField> | "all">();
  const note = (id: string, key: unknown) => {
    const field = typeof key === "string" ? KEY_FIELD.get(key) : undefined;
    const current = touched.get(id) ?? new Set<THistoryField>();
    if (current !== "all" && field) current.add(field);
    touched.set(id, current);
  };
  for (const event of events) {
    if (event.target === entries) {
      for (const id of event.changes.keys.keys()) touched.set(id, "all");
      continue;
    }
    const [id, key] = event.path;
    if (typeof id !== "string") continue;
    if (event.path.length === 1) for (const k of event.changes.keys.keys()) note(id, k);
    else note(id, key);
  }
  return touched;
}

function viewOf(entry: YEntry, id: string): TView {
  const e = readEntry(entry, id);
  return {
    start: e.start || null,
    end: e.end ?? null,
    qualifier: e.qualifier ?? null,
    displayDate: e.displayDate ?? null,
    headline: e.headline,
    group: e.group ?? null,
    tags: e.tags.length > 0 ? e.tags.join(",") : null,
    status: e.status,
  };
}

type TChange = { field: THistoryField; old: string | null; new: string | null };

function diff(before: TView | null, after: TView | null): TChange[] {
  return SCALAR_FIELDS.flatMap((field) => {
    const old = before?.[field] ?? null;
    const next = after?.[field] ?? null;
    return old === next ? [] : [{ field, old, new: next }];
  });
}

function record(entryId: string, kind: THistoryKind, author: TAuthor, at: Date, changes: TChange[]): TRecord {
  const scalar = new Map<TScalarField, { old: string | null; new: string | null }>();
  for (const c of changes) if (isScalar(c.field)) scalar.set(c.field, { old: c.old, new: c.new });
  return { entryId, kind, author, started: at.getTime(), at, fields: new Set(changes.map((c) => c.field)), changes: scalar, timer: null, rowId: null, atPending: false, refusals: 0 };
}

function isScalar(field: THistoryField): field is TScalarField {
  return (SCALAR_FIELDS as readonly string[]).includes(field);
}

function toRow(timelineId: string, r: TRecord): THistoryRow {
  return {
    timelineId,
    entryId: storable(r.entryId),
    userId: r.author.userId,
    userName: storable(r.author.userName),
    kind: r.kind,
    fields: HISTORY_FIELDS.filter((f) => r.fields.has(f)),
    changes: SCALAR_FIELDS.flatMap((field) => {
      const c = r.changes.get(field);
      return c ? [{ field, old: value(c.old), new: value(c.new) }] : [];
    }),
    note: r.author.note === null ? null : storable(r.author.note),
    at: r.at,
  };
}

/**
 * Text Postgres accepts: a doc may hold any string, but text and jsonb refuse U+0000 and jsonb an
 * unpaired surrogate. Each becomes U+FFFD, as a decoder shows an unreadable character.
 */

function value(s: string | null): string | null {
  if (s === null) return null;
  if (s.length <= MAX_HISTORY_VALUE_CHARS) return storable(s);
  // Cut between characters, not inside a surrogate pair.
  const cut = /[\uD800-\uDBFF]/.test(s[MAX_HISTORY_VALUE_CHARS - 2]!) ? MAX_HISTORY_VALUE_CHARS - 2 : MAX_HISTORY_VALUE_CHARS - 1;
  return `${storable(s.slice(0, cut))}…`;
}
