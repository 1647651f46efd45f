import * as Y from "yjs";
import type { TDomain } from "../context.ts";
import { newId } from "../ids.ts";

/** Stores a new timeline row, its owner (if any) and the first state of its document. */
export async function storeNewTimeline(d: Pick<TDomain, "prisma" | "docs">, title: string, ownerId: string | null, doc: Y.Doc) {
  const id = newId();
  const timeline = await d.prisma.timeline.create({
    data: { id, title, ...(ownerId ? { members: { create: { userId: ownerId, role: "owner" } } } : {}) },
  });
  await d.docs.writeState(id, Y.encodeStateAsUpdate(doc));
  return timeline;
}
