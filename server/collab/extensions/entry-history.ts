// Per-entry history ([EH1]–[EH4] in SPEC.md): who changed which fields of an entry, and when, derived
// from the changes each session made and attributed to its user (a use-case's change to the user it
// names). Records are rows of their own, written as changes arrive, so compacting the update log loses
// none of them. One person's run of edits to one entry (typing a headline) is one record.
import * as Y from "yjs";
import type { TLogger } from "../../log.ts";
import type { TPrisma } from "../../db/client.ts";
import { entriesMap, readEntry, type YEntry } from "../../../lib/timeline/schema.ts";
import { isServerOrigin, REMOTE_ORIGIN, STORAGE_ORIGIN } from "../origins.ts";
import type { Room } from "../room.ts";
import { Session } from "../session.ts";
import type { TRoomExtension } from "./types.ts";
import { HISTORY_MAX_RUN_MS, HISTORY_QUIET_MS } from "../../../lib/protocol/limits.ts";

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

/** Who made a change: the session's user, or the user a server change names (nobody: the server itself). */
type TAuthor = { userId: string | null; userName: string; note: string | null; auto: boolean };
type TView = Record<TScalarField, string | null>;
type TRecord = {
  entryId: string;
  kind: THistoryKind;
  author: TAuthor;
  fields: Set<THistoryField>;
  changes: Map<TScalarField, { old: string | null; new: string | null }>;
  at: Date;
  timer: NodeJS.Timeout | null;
};
type TRow = {
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
type TRoomState = {
  /** The last known scalar values of every entry, to give each change its old value. */
  views: Map<string, TView>;
  /** The run of edits still open on each entry. */
  open: Map<string, TRecord>;
  queue: TRow[];
  /** The write in progress; the next one chains after it. */
  chain: Promise<void>;
  retry: NodeJS.Timeout | null;
  failures: number;
  discarded: boolean;
  observer: (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => void;
};

/** An entry's keys in the doc that history follows, and the field each is (the headline is stored as `title`). */
const KEY_FIELD = new Map<string, THistoryField>([
  ...HISTORY_FIELDS.filter((f) => f !== "headline").map((f) => [f, f] as const),
  ["title", "headline"],
]);
const SERVER_NAME = "Dateline";

export function entryHistoryExtension(prisma: TPrisma, log: TLogger): TRoomExtension {
  const states = new Map<Room, TRoomState>();

  function enqueue(room: Room, s: TRoomState, row: TRow): void {
    s.queue.push(row);
    if (s.failures === 0) kick(room, s);
  }

  function kick(room: Room, s: TRoomState): Promise<void> {
    s.chain = s.chain.then(() => writeQueued(room, s));
    return s.chain;
  }

  // Never rejects: a failed batch goes back in front of the queue and is retried with backoff.
  async function writeQueued(room: Room, s: TRoomState): Promise<void> {
    if (s.discarded || s.queue.length === 0) return;
    const batch = s.queue.splice(0);
    try {
      await prisma.entryChange.createMany({ data: batch });
      s.failures = 0;
    } catch (err) {
      s.queue.unshift(...batch);
      s.failures++;
      log.error({ room: room.name, err, failures: s.failures }, "writing entry history failed; will retry");
      if (!s.retry) {
        s.retry = setTimeout(() => {
          s.retry = null;
          void kick(room, s);
        }, Math.min(MAX_RETRY_MS, 500 * 2 ** s.failures));
      }
    }
  }

  function close(room: Room, s: TRoomState, record: TRecord): void {
    if (record.timer) clearTimeout(record.timer);
    if (s.open.get(record.entryId) === record) s.open.delete(record.entryId);
    enqueue(room, s, toRow(room.name, record));
  }

  function add(room: Room, s: TRoomState, record: TRecord): void {
    // [EH3] A fallback is the server's follow-up to an edit: it stands alone and does not end the edit's run.
    if (record.kind === "fallback") return enqueue(room, s, toRow(room.name, record));
    const open = s.open.get(record.entryId);
    const standalone = record.kind === "created" || record.kind === "deleted";
    if (open && (standalone || open.kind !== record.kind || !sameAuthor(open.author, record.author))) close(room, s, open);
    if (standalone) return enqueue(room, s, toRow(room.name, record));
    const run = s.open.get(record.entryId) ?? record;
    if (run === record) {
      s.open.set(record.entryId, record);
    } else {
      // [EH2] Fields unioned; old values from the run's first change, new from its latest.
      for (const f of record.fields) run.fields.add(f);
      for (const [field, c] of record.changes) {
        const first = run.changes.get(field);
        run.changes.set(field, { old: first ? first.old : c.old, new: c.new });
      }
      if (record.author.note !== null) run.author = { ...run.author, note: record.author.note };
    }
    if (run.timer) clearTimeout(run.timer);
    const delay = Math.min(HISTORY_QUIET_MS, HISTORY_MAX_RUN_MS - (Date.now() - run.at.getTime()));
    run.timer = setTimeout(() => close(room, s, run), Math.max(0, delay));
  }

  function onChanges(room: Room, s: TRoomState, events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void {
    const entries = entriesMap(room.doc);
    const touched = touchedFields(entries, events);
    // Loaded, or another instance's change (which that instance records): only keep the views current.
    const author = tr.origin === STORAGE_ORIGIN || tr.origin === REMOTE_ORIGIN ? null : authorOf(tr.origin);
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
        continue;
      }
      const changed = diff(before, after).filter((c) => c.field !== "status");
      for (const f of STRUCTURED_FIELDS) if (keys === "all" || keys.has(f)) changed.push({ field: f, old: null, new: null });
      if (changed.length > 0) add(room, s, record(id, "updated", author, at, changed));
      // A status set counts even when it sets the same value again (a re-verification).
      if (keys === "all" || keys.has("status") || before.status !== after.status) {
        add(room, s, record(id, author.auto ? "fallback" : "status", author, at, [{ field: "status", old: before.status, new: after.status }]));
      }
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
        queue: [],
        chain: Promise.resolve(),
        retry: null,
        failures: 0,
        discarded: false,
        observer: (events, tr) => onChanges(room, s, events, tr),
      };
      states.set(room, s);
      entries.observeDeep(s.observer);
    },

    async onUnload(room) {
      const s = states.get(room);
      if (!s) return;
      for (const record of [...s.open.values()]) close(room, s, record);
      await kick(room, s);
      if (s.queue.length > 0) throw new Error(`room ${room.name}: ${s.queue.length} entry history records not yet stored`);
    },

    onDestroy(room) {
      const s = states.get(room);
      if (!s) return;
      entriesMap(room.doc).unobserveDeep(s.observer);
      for (const record of s.open.values()) if (record.timer) clearTimeout(record.timer);
      if (s.retry) clearTimeout(s.retry);
      states.delete(room);
    },

    onDiscard(room) {
      const s = states.get(room);
      if (!s) return;
      s.discarded = true;
      entriesMap(room.doc).unobserveDeep(s.observer);
      for (const record of s.open.values()) if (record.timer) clearTimeout(record.timer);
      if (s.retry) clearTimeout(s.retry);
      states.delete(room);
    },
  };
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
  return { entryId, kind, author, at, fields: new Set(changes.map((c) => c.field)), changes: scalar, timer: null };
}

function isScalar(field: THistoryField): field is TScalarField {
  return (SCALAR_FIELDS as readonly string[]).includes(field);
}

function toRow(timelineId: string, r: TRecord): TRow {
  return {
    timelineId,
    entryId: r.entryId,
    userId: r.author.userId,
    userName: r.author.userName,
    kind: r.kind,
    fields: HISTORY_FIELDS.filter((f) => r.fields.has(f)),
    changes: SCALAR_FIELDS.flatMap((field) => {
      const c = r.changes.get(field);
      return c ? [{ field, old: c.old, new: c.new }] : [];
    }),
    note: r.author.note,
    at: r.at,
  };
}
