// Typed browser calls for publishing, exports and imports (issue 14). Parsed like every other answer
// (api-client.ts); the calls that `request` cannot make (a 409 that carries warnings, a multipart
// upload, a file download) read the answer themselves, with the same error shape.
import { z } from "zod";
import { STATUSES } from "@/lib/timeline/schema";
import { ApiError, request, timelinePath } from "./api-client";

const ZPublication = z.object({ slug: z.string(), url: z.string(), publishedAt: z.string() });
export type TPublication = z.infer<typeof ZPublication>;

/**
 * Why a timeline should not go out yet: an entry not verified, or media without alt text (an entry's,
 * or with `entryId` null the title slide's, whose `headline` is then the timeline's title).
 */
const ZPublishWarning = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("unverified"), entryId: z.string(), headline: z.string(), status: z.enum(STATUSES) }),
  z.object({ kind: z.literal("missing-alt"), entryId: z.string().nullable(), headline: z.string() }),
]);
export type TPublishWarning = z.infer<typeof ZPublishWarning>;

const ZPublished = ZPublication.extend({ warnings: z.array(ZPublishWarning) });

export type TPublishResult =
  | { kind: "published"; publication: TPublication; warnings: TPublishWarning[] }
  /** The server wants an explicit override before publishing with these warnings. */
  | { kind: "blocked"; warnings: TPublishWarning[] };

const ZErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) });

/** The ApiError of a failed answer, from its JSON error body when it has one. */
function failure(res: Response, body: unknown): ApiError {
  const parsed = ZErrorBody.safeParse(body);
  if (!parsed.success) return new ApiError(res.status, "http", `The server answered ${res.status}.`);
  const { code, message, field } = parsed.data.error;
  return new ApiError(res.status, code, message, field);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", "Could not reach the server. Check your connection and try again.");
  }
}

const BAD_RESPONSE = "The server sent an answer this page does not understand.";

/** The timeline's current publication, or null when it is not published (never, or taken down). */
export async function getPublication(timelineId: string): Promise<TPublication | null> {
  return request(timelinePath(timelineId, "publish"), { method: "GET" }, ZPublication.nullable());
}

/** Publishes (or re-publishes) the live state; without `override`, warnings stop it with a `blocked` result. */
export async function publishTimeline(timelineId: string, override: boolean): Promise<TPublishResult> {
  const res = await send(timelinePath(timelineId, "publish"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(override ? { override: true } : {}),
  });
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 409) {
    const blocked = z.object({ warnings: z.array(ZPublishWarning) }).safeParse(body);
    if (blocked.success) return { kind: "blocked", warnings: blocked.data.warnings };
    throw failure(res, body);
  }
  if (!res.ok) throw failure(res, body);
  const parsed = ZPublished.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, "bad_response", BAD_RESPONSE);
  const { warnings, ...publication } = parsed.data;
  return { kind: "published", publication, warnings };
}

export async function unpublishTimeline(timelineId: string): Promise<void> {
  await request(timelinePath(timelineId, "publish"), { method: "DELETE" }, z.unknown());
}

/** The export formats of `GET /api/timelines/:id/export` (PRODUCT.md). */
export const EXPORT_FORMATS = ["timelinejs", "csv", "html", "markdown", "jsonld", "json"] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

/** `attachment; filename="x.json"` → `x.json`; the server always names the file, this is only a fallback. */
function attachmentName(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? "");
  return match?.[1] ?? fallback;
}

/** The export as a file in memory, with the name the server gave it. */
export async function fetchExport(timelineId: string, format: TExportFormat): Promise<{ blob: Blob; filename: string }> {
  const res = await send(`${timelinePath(timelineId, "export")}?format=${format}`, { method: "GET" });
  if (!res.ok) throw failure(res, await res.json().catch(() => null));
  return { blob: await res.blob(), filename: attachmentName(res.headers.get("content-disposition"), `timeline-${format}`) };
}

/** Uploads a TimelineJS JSON file or sheet as a new timeline owned by the user; resolves with its id. */
export async function importTimelineFile(file: File): Promise<{ id: string }> {
  const form = new FormData();
  form.append("file", file, file.name);
  // No content-type of ours: the browser writes the multipart boundary into it.
  const res = await send("/api/timelines/import", { method: "POST", body: form });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw failure(res, body);
  const parsed = z.object({ id: z.string() }).safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, "bad_response", BAD_RESPONSE);
  return parsed.data;
}
