// Typed browser calls to the timelines JSON API. Responses are parsed, not trusted: a shape the
// pages do not expect becomes an ApiError instead of an undefined deep in a component.
import { z } from "zod";

export const ROLES = ["owner", "editor", "commenter", "viewer"] as const;
export type TRole = (typeof ROLES)[number];

/** Roles that may change the document; the server drops everyone else's updates anyway. */
export function canEdit(role: TRole): boolean {
  return role === "owner" || role === "editor";
}

const ZTimelineSummary = z.object({
  id: z.string(),
  title: z.string(),
  role: z.enum(ROLES),
  updatedAt: z.string(),
});
export type TTimelineSummary = z.infer<typeof ZTimelineSummary>;

const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function request<T>(path: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "network", "Could not reach the server. Check your connection and try again.");
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ZErrorBody.safeParse(body);
    if (parsed.success) {
      const { code, message, field } = parsed.data.error;
      throw new ApiError(res.status, code, message, field);
    }
    throw new ApiError(res.status, "http", `The server answered ${res.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, "bad_response", "The server sent an answer this page does not understand.");
  return parsed.data;
}

export async function listTimelines(): Promise<TTimelineSummary[]> {
  const body = await request("/api/timelines", { method: "GET" }, z.object({ timelines: z.array(ZTimelineSummary) }));
  return body.timelines;
}

export async function getTimeline(id: string): Promise<TTimelineSummary> {
  const body = await request(`/api/timelines/${encodeURIComponent(id)}`, { method: "GET" }, z.object({ timeline: ZTimelineSummary }));
  return body.timeline;
}

export async function createTimeline(title: string): Promise<TTimelineSummary> {
  const body = await request("/api/timelines", { method: "POST", body: JSON.stringify({ title }) }, z.object({ timeline: ZTimelineSummary }));
  return body.timeline;
}

export async function renameTimeline(id: string, title: string): Promise<TTimelineSummary> {
  const body = await request(
    `/api/timelines/${encodeURIComponent(id)}`,
    { method: "PATCH", body: JSON.stringify({ title }) },
    z.object({ timeline: ZTimelineSummary }),
  );
  return body.timeline;
}

export async function deleteTimeline(id: string): Promise<void> {
  await request(`/api/timelines/${encodeURIComponent(id)}`, { method: "DELETE" }, z.unknown());
}
