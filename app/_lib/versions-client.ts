// Typed browser calls for version history (issue 15, PRODUCT.md "Versions"). Parsed like every other
// answer (api-client.ts); a version's Yjs state is bytes, not JSON, so that call reads the answer itself.
import { z } from "zod";
import { ApiError, request, timelinePath } from "./api-client";

export const VERSION_KINDS = ["auto", "named", "published", "pre-restore", "restore"] as const;
export type TVersionKind = (typeof VERSION_KINDS)[number];

const ZPerson = z.object({ id: z.string(), name: z.string() });

const ZVersion = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(VERSION_KINDS),
  createdAt: z.string(),
  createdBy: ZPerson.nullable(),
  contributors: z.array(ZPerson),
  summary: z.object({ added: z.number(), removed: z.number(), changed: z.number() }),
  sizeBytes: z.number(),
});
export type TVersion = z.infer<typeof ZVersion>;

const ZEntryRef = z.object({ id: z.string(), headline: z.string(), start: z.string() });
export type TEntryRef = z.infer<typeof ZEntryRef>;

const ZFieldChange = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });
export type TFieldChange = z.infer<typeof ZFieldChange>;

const ZWordChange = z.object({ value: z.string(), added: z.boolean().optional(), removed: z.boolean().optional() });
export type TWordChange = z.infer<typeof ZWordChange>;

const ZComparison = z.object({
  added: z.array(ZEntryRef),
  removed: z.array(ZEntryRef),
  changed: z.array(z.object({ id: z.string(), headline: z.string(), fields: z.array(ZFieldChange), body: z.array(ZWordChange).optional() })),
});
export type TComparison = z.infer<typeof ZComparison>;
export type TEntryComparison = TComparison["changed"][number];

/** What a version is compared with: another version, or the live timeline. */
export type TCompareTarget = { kind: "current" } | { kind: "version"; id: string };

/** Every version of the timeline, newest first. */
export async function listVersions(timelineId: string): Promise<TVersion[]> {
  const body = await request(timelinePath(timelineId, "versions"), { method: "GET" }, z.object({ versions: z.array(ZVersion) }));
  return body.versions;
}

/** "Save version": the live timeline as it is now, under a name (owners and editors). */
export async function saveVersion(timelineId: string, name: string): Promise<TVersion> {
  const body = await request(timelinePath(timelineId, "versions"), { method: "POST", body: JSON.stringify({ name }) }, z.object({ version: ZVersion }));
  return body.version;
}

/** The version's Yjs state, to apply to a fresh Y.Doc. */
export async function fetchVersionState(timelineId: string, versionId: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(timelinePath(timelineId, "versions", versionId), { credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", "Could not reach the server. Check your connection and try again.");
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    const parsed = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).safeParse(body);
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(res.status, "http", `The server answered ${res.status}.`);
  }
  return new Uint8Array(await res.arrayBuffer());
}

export async function compareVersions(timelineId: string, versionId: string, to: TCompareTarget): Promise<TComparison> {
  const query = `?to=${encodeURIComponent(to.kind === "current" ? "current" : to.id)}`;
  return request(`${timelinePath(timelineId, "versions", versionId, "compare")}${query}`, { method: "GET" }, ZComparison);
}

/**
 * Makes the live timeline what the version was (or, with `entryId`, only that entry), as a new change
 * everyone sees; `preRestore` is the version of just before, whose restore undoes this one.
 */
export async function restoreVersion(timelineId: string, versionId: string, entryId?: string): Promise<{ version: TVersion; preRestore: TVersion }> {
  return request(
    timelinePath(timelineId, "versions", versionId, "restore"),
    { method: "POST", body: JSON.stringify(entryId === undefined ? {} : { entryId }) },
    z.object({ version: ZVersion, preRestore: ZVersion }),
  );
}
