// The one writer and reader of Snapshot rows (issue 15). A snapshot is stored as the whole encoded Yjs
// state, or as a diff against the timeline's previous snapshot when that is smaller: an update holding
// only what the base lacks (its delete set included), so base + diff decodes to the same doc. Chains are
// at most MAX_CHAIN diffs long, so a version opens in at most MAX_CHAIN + 1 reads.
import * as Y from "yjs";
import type { TPrisma } from "../db/client.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { newId } from "../ids.ts";
import { compareTimelines } from "../../lib/timeline/compare.ts";
import type { TPerson, TVersion, TVersionKind, TVersionSummary } from "./versions.types.ts";

export const MAX_CHAIN = 20;

type TTx = Prisma.TransactionClient;
type TDb = TPrisma | TTx;

export type TSaveSnapshotInput = {
  timelineId: string;
  kind: TVersionKind;
  name: string;
  /** The whole encoded state of the timeline's doc (Y.encodeStateAsUpdate). */
  state: Uint8Array;
  createdById?: string | null;
};

/** The columns a version is listed with: never the bytes. */
export const VERSION_SELECT = {
  id: true,
  name: true,
  kind: true,
  createdAt: true,
  contributors: true,
  summary: true,
  sizeBytes: true,
  createdBy: { select: { id: true, name: true } },
} as const satisfies Prisma.SnapshotSelect;

type TVersionRow = Prisma.SnapshotGetPayload<{ select: typeof VERSION_SELECT }>;

export function toVersion(row: TVersionRow): TVersion {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as TVersionKind,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy ? { id: row.createdBy.id, name: row.createdBy.name } : null,
    contributors: row.contributors as TPerson[],
    summary: row.summary as TVersionSummary,
    sizeBytes: row.sizeBytes,
  };
}

/** What a save will write, worked out before its transaction (decoding and comparing 5,000 entries takes seconds). */
export type TSnapshotPlan = {
  previousId: string | null;
  stored: { state: Uint8Array; encoding: "state" | "diff"; baseId: string | null };
  summary: TVersionSummary;
};

/**
 * Reads the timeline's previous version and compares: the summary, and the bytes as a diff against it
 * when smaller. Outside any transaction: embedded PGlite has one connection, and every room's writes
 * wait while a transaction holds it.
 */
export async function planSnapshot(prisma: TPrisma, input: TSaveSnapshotInput): Promise<TSnapshotPlan> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, input.state);
  try {
    const previous = await prisma.snapshot.findFirst({
      where: { timelineId: input.timelineId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    if (!previous) {
      return { previousId: null, stored: { state: input.state, encoding: "state", baseId: null }, summary: { added: compareTimelines(new Y.Doc(), doc).added.length, removed: 0, changed: 0 } };
    }
    const chain = await readChain(prisma, previous.id);
    const comparison = compareTimelines(chain.doc, doc);
    const summary = { added: comparison.added.length, removed: comparison.removed.length, changed: comparison.changed.length };
    let stored: TSnapshotPlan["stored"] = { state: input.state, encoding: "state", baseId: null };
    // A diff only holds when the new state contains the base's (a timeline's doc only grows), and is
    // kept only when smaller and the chain has room. A published one stays whole: its public page
    // reads the bytes as they are (read-publication.ts), for every reader.
    if (input.kind !== "published" && chain.diffs < MAX_CHAIN && contains(Y.encodeStateVector(doc), Y.encodeStateVector(chain.doc))) {
      const diff = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(chain.doc));
      if (diff.byteLength < input.state.byteLength) stored = { state: diff, encoding: "diff", baseId: previous.id };
    }
    chain.doc.destroy();
    return { previousId: previous.id, stored, summary };
  } finally {
    doc.destroy();
  }
}

/**
 * Saves a version of a timeline: its summary and contributors against the timeline's previous
 * version, its bytes as a diff against it when smaller. The work is done first (planSnapshot); the
 * transaction only writes. Pass `tx` and a `plan` made before it to save inside a transaction the caller
 * holds (publishing does, under its lock); saves of one timeline take turns either way.
 */
export async function saveSnapshot(prisma: TPrisma, input: TSaveSnapshotInput, tx?: TTx, plan?: TSnapshotPlan): Promise<TVersion> {
  // Inside the caller's transaction nothing may read outside it (embedded PGlite's one connection is
  // held): without a plan made beforehand, the version is stored whole, uncompared.
  if (tx) return (await insert(tx, input, plan ?? { previousId: null, stored: { state: input.state, encoding: "state", baseId: null }, summary: { added: 0, removed: 0, changed: 0 } }, true))!;
  // Another version saved between the plan and the write (an automatic one as a room unloads) would make
  // the summary count against the wrong one: plan again, a few times, then store it whole.
  let made = plan ?? (await planSnapshot(prisma, input));
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= MAX_PLAN_ATTEMPTS;
    const saved = await prisma.$transaction((t) => insert(t, input, made, last));
    if (saved) return saved;
    made = await planSnapshot(prisma, input);
  }
}

const MAX_PLAN_ATTEMPTS = 3;

// Undefined when the plan no longer fits (another version came first) and `anyway` is not set.
async function insert(tx: TTx, input: TSaveSnapshotInput, plan: TSnapshotPlan, anyway: boolean): Promise<TVersion | undefined> {
  const { timelineId } = input;
  await lockSnapshots(tx, timelineId);
  const previous = await tx.snapshot.findFirst({
    where: { timelineId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, createdAt: true },
  });
  const fits = (previous?.id ?? null) === plan.previousId;
  if (!fits && !anyway) return undefined;
  const stored = fits ? plan.stored : { state: input.state, encoding: "state" as const, baseId: null };
  const now = new Date();
  // Versions of a timeline keep the order they were saved in, even two within one millisecond
  // (a pre-restore and its restore).
  const createdAt = previous && previous.createdAt >= now ? new Date(previous.createdAt.getTime() + 1) : now;
  const summary = plan.summary;
  const changes = await tx.entryChange.findMany({
    where: { timelineId, userId: { not: null }, ...(previous ? { at: { gt: previous.createdAt } } : {}) },
    distinct: ["userId"],
    orderBy: [{ userId: "asc" }],
    select: { userId: true, userName: true },
  });
  const contributors: TPerson[] = changes.map((c) => ({ id: c.userId!, name: c.userName }));

  const row = await tx.snapshot.create({
    data: {
      id: newId(),
      timelineId,
      name: input.name,
      kind: input.kind,
      state: bytes(stored.state),
      encoding: stored.encoding,
      baseId: stored.baseId,
      sizeBytes: stored.state.byteLength,
      summary,
      contributors,
      createdById: input.createdById ?? null,
      createdAt,
    },
    select: VERSION_SELECT,
  });
  return toVersion(row);
}

/** The doc a snapshot holds, its chain of diffs applied; not_found if there is no such snapshot. */
export async function readSnapshotDoc(prisma: TDb, id: string): Promise<Y.Doc> {
  return (await readChain(prisma, id)).doc;
}

// From the snapshot down to the whole state it rests on, then the updates applied from the bottom up.
async function readChain(db: TDb, id: string): Promise<{ doc: Y.Doc; diffs: number }> {
  const updates: Uint8Array[] = [];
  let next: string | null = id;
  let diffs = 0;
  while (next) {
    const row: { state: Uint8Array; encoding: string; baseId: string | null } | null = await db.snapshot.findUnique({
      where: { id: next },
      select: { state: true, encoding: true, baseId: true },
    });
    if (!row) {
      if (next === id) throw new AppError("not_found", "no such version");
      throw new Error(`snapshot ${id}: its base ${next} is missing`);
    }
    updates.push(row.state);
    if (row.encoding === "state") break;
    diffs++;
    if (diffs > MAX_CHAIN + 1) throw new Error(`snapshot ${id}: a chain of more than ${MAX_CHAIN} diffs`);
    next = row.baseId;
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates(updates.reverse()));
  return { doc, diffs };
}

/**
 * Deletes snapshots of one timeline (the thinning job's). A snapshot that another one, staying, is a
 * diff against is first written into its dependents: each becomes a whole state, so every version
 * left still opens. Published snapshots are never deleted (their publication holds them).
 */
export async function deleteSnapshots(prisma: TPrisma, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await prisma.snapshot.findMany({ where: { id: { in: ids } }, select: { timelineId: true }, distinct: ["timelineId"] });
  let deleted = 0;
  for (const { timelineId } of rows) deleted += await deleteOfTimeline(prisma, timelineId, ids);
  return deleted;
}

// The dependents are decoded and encoded before the transaction, which then only checks that nothing
// moved meanwhile and writes: embedded PGlite has one connection, and every room's writes wait while a
// transaction holds it. If something moved (a save re-based on one of them), it starts over.
async function deleteOfTimeline(prisma: TPrisma, timelineId: string, ids: string[]): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const going = (await prisma.snapshot.findMany({ where: { id: { in: ids }, timelineId, publication: null }, select: { id: true } })).map((r) => r.id);
    if (going.length === 0) return 0;
    const dependents = await prisma.snapshot.findMany({ where: { baseId: { in: going }, id: { notIn: going } }, select: { id: true, baseId: true } });
    const rewritten: Array<{ id: string; baseId: string | null; state: Uint8Array }> = [];
    for (const { id, baseId } of dependents) {
      const doc = await readSnapshotDoc(prisma, id);
      rewritten.push({ id, baseId, state: Y.encodeStateAsUpdate(doc) });
      doc.destroy();
    }
    const done = await prisma.$transaction(async (tx) => {
      await lockSnapshots(tx, timelineId);
      const now = await tx.snapshot.findMany({ where: { baseId: { in: going }, id: { notIn: going } }, select: { id: true, baseId: true } });
      const same = now.length === rewritten.length && now.every((r) => rewritten.some((w) => w.id === r.id && w.baseId === r.baseId));
      if (!same && attempt < MAX_PLAN_ATTEMPTS) return undefined;
      if (!same) throw new Error(`snapshots of timeline ${timelineId} kept changing while being thinned`);
      for (const { id, state } of rewritten) {
        await tx.snapshot.update({ where: { id }, data: { state: bytes(state), encoding: "state", baseId: null, sizeBytes: state.byteLength } });
      }
      // One statement: diffs among the deleted go with their bases.
      return (await tx.snapshot.deleteMany({ where: { id: { in: going }, publication: null } })).count;
    });
    if (done !== undefined) return done;
  }
}

/** Serialises the snapshot writes of one timeline until the transaction ends. */
async function lockSnapshots(tx: TTx, timelineId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`snapshots:${timelineId}`}))::text`;
}

// Whether state vector `a` has every client's clock at least as far as `b`.
function contains(a: Uint8Array, b: Uint8Array): boolean {
  const big = Y.decodeStateVector(a);
  for (const [client, clock] of Y.decodeStateVector(b)) if ((big.get(client) ?? 0) < clock) return false;
  return true;
}

function bytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
}
