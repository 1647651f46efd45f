// Durable Yjs state per timeline: a compacted state row plus an append-only log of updates.
import * as Y from "yjs";
import type { TPrisma } from "./client.ts";

export type TStoredDoc = { state: Uint8Array | null; updates: Uint8Array[] };

export interface TDocStore {
  /** Everything stored for a timeline, or null when the timeline does not exist. */
  load(timelineId: string): Promise<TStoredDoc | null>;
  appendUpdate(timelineId: string, update: Uint8Array): Promise<void>;
  /** Merges the state row and the log into one state row; returns how many log rows it folded in. */
  compact(timelineId: string): Promise<number>;
  /** Stores the first state of a new timeline. */
  writeState(timelineId: string, state: Uint8Array): Promise<void>;
}

export function mergeToState(parts: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export function prismaDocStore(prisma: TPrisma): TDocStore {
  return {
    async load(timelineId) {
      // The log before the state row: a compaction committing between the two reads then leaves
      // rows in both (harmless: applying an update twice changes nothing) rather than in neither.
      // Every log row still present is read, not just those above the state's mark: a row whose id
      // was taken before the mark but committed after it would otherwise be skipped.
      const updates = await prisma.docUpdate.findMany({ where: { timelineId }, orderBy: { id: "asc" }, select: { update: true } });
      const timeline = await prisma.timeline.findUnique({ where: { id: timelineId }, select: { state: true } });
      if (!timeline) return null;
      return { state: timeline.state ? new Uint8Array(timeline.state.state) : null, updates: updates.map((u) => new Uint8Array(u.update)) };
    },

    async appendUpdate(timelineId, update) {
      await prisma.docUpdate.create({ data: { timelineId, update: toBytes(update) } });
    },

    async compact(timelineId) {
      const current = await prisma.docState.findUnique({ where: { timelineId } });
      const rows = await prisma.docUpdate.findMany({ where: { timelineId }, orderBy: { id: "asc" } });
      if (rows.length === 0) return 0;
      const last = rows[rows.length - 1]!.id;
      // The merge runs outside the transaction (PGlite serialises transactions: keep them short).
      const state = mergeToState([...(current ? [new Uint8Array(current.state)] : []), ...rows.map((r) => new Uint8Array(r.update))]);
      return prisma.$transaction(async (tx) => {
        if (current) {
          // Only if nobody compacted in between; otherwise their row already holds these updates.
          const moved = await tx.docState.updateMany({
            where: { timelineId, lastUpdateId: current.lastUpdateId },
            data: { state: toBytes(state), lastUpdateId: last },
          });
          if (moved.count === 0) return 0;
        } else {
          await tx.docState.create({ data: { timelineId, state: toBytes(state), lastUpdateId: last } });
        }
        // Exactly the rows merged: one committed meanwhile stays for the next compaction.
        await tx.docUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        return rows.length;
      });
    },

    async writeState(timelineId, state) {
      await prisma.docState.create({ data: { timelineId, state: toBytes(state) } });
    },
  };
}

function toBytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
}
