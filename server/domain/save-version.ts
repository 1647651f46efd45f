import * as Y from "yjs";
import { z } from "zod";
import type { TDomain } from "../context.ts";
import type { TActor } from "../collab/origins.ts";
import { parseInput } from "../errors.ts";
import { saveSnapshot } from "./snapshot-store.ts";
import { WRITE_ROLES, requireRole } from "./timeline-access.ts";
import type { TVersion } from "./versions.types.ts";

export const MAX_VERSION_NAME = 200;

export const ZSaveVersionInput = z.object({
  name: z
    .string({ message: "name is required" })
    .trim()
    .min(1, "name is required")
    .max(MAX_VERSION_NAME, `at most ${MAX_VERSION_NAME} characters`)
    // Postgres stores no U+0000 in text.
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters"),
});

/** "Save version": the live doc as it is now, under the name the editor gave it. */
export async function saveVersion(d: Pick<TDomain, "prisma" | "rooms">, user: TActor, timelineId: string, input: unknown): Promise<TVersion> {
  await requireRole(d, user.id, timelineId, WRITE_ROLES);
  const { name } = parseInput(ZSaveVersionInput, input);
  const state = await d.rooms.read(timelineId, (doc) => Y.encodeStateAsUpdate(doc));
  return saveSnapshot(d.prisma, { timelineId, kind: "named", name, state, createdById: user.id });
}
