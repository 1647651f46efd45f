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

export async function request<T>(path: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
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

// Members, invitations and share links (issue 3).

/** What a share link can make someone: never an owner. */
export const LINK_ROLES = ["editor", "commenter", "viewer"] as const;
export type TLinkRole = (typeof LINK_ROLES)[number];

const ZMember = z.object({ userId: z.string(), name: z.string(), email: z.string(), role: z.enum(ROLES) });
export type TMember = z.infer<typeof ZMember>;

const ZInvitation = z.object({ id: z.string(), email: z.string(), role: z.enum(ROLES), createdAt: z.string() });
export type TInvitation = z.infer<typeof ZInvitation>;

const ZShareLink = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TShareLink = z.infer<typeof ZShareLink>;

export function timelinePath(id: string, ...rest: string[]): string {
  return ["/api/timelines", id, ...rest].map((part, i) => (i === 0 ? part : encodeURIComponent(part))).join("/");
}

export async function listMembers(timelineId: string): Promise<{ members: TMember[]; invitations: TInvitation[] }> {
  return request(
    timelinePath(timelineId, "members"),
    { method: "GET" },
    z.object({ members: z.array(ZMember), invitations: z.array(ZInvitation) }),
  );
}

/** Someone with an account becomes a member at once; anyone else gets an invitation that waits for their sign-up. */
export type TInviteResult = { kind: "member"; member: TMember } | { kind: "invitation"; invitation: TInvitation };

export async function inviteMember(timelineId: string, email: string, role: TRole): Promise<TInviteResult> {
  const body = await request(
    timelinePath(timelineId, "members"),
    { method: "POST", body: JSON.stringify({ email, role }) },
    z.union([z.object({ member: ZMember }), z.object({ invitation: ZInvitation })]),
  );
  return "member" in body ? { kind: "member", member: body.member } : { kind: "invitation", invitation: body.invitation };
}

export async function changeMemberRole(timelineId: string, userId: string, role: TRole): Promise<TMember> {
  const body = await request(
    timelinePath(timelineId, "members", userId),
    { method: "PATCH", body: JSON.stringify({ role }) },
    z.object({ member: ZMember }),
  );
  return body.member;
}

/** An owner removing someone, or anyone removing themself (leaving). */
export async function removeMember(timelineId: string, userId: string): Promise<void> {
  await request(timelinePath(timelineId, "members", userId), { method: "DELETE" }, z.unknown());
}

export async function cancelInvitation(timelineId: string, invitationId: string): Promise<void> {
  await request(timelinePath(timelineId, "invitations", invitationId), { method: "DELETE" }, z.unknown());
}

export async function listShareLinks(timelineId: string): Promise<TShareLink[]> {
  const body = await request(timelinePath(timelineId, "links"), { method: "GET" }, z.object({ links: z.array(ZShareLink) }));
  return body.links;
}

/** `path` is the link's same-origin path (`/join/<token>`): the token is shown this once, the server keeps only its hash. */
export async function createShareLink(
  timelineId: string,
  role: TLinkRole,
  expiresInDays: number | undefined,
): Promise<{ link: TShareLink; path: string }> {
  const body = await request(
    timelinePath(timelineId, "links"),
    { method: "POST", body: JSON.stringify(expiresInDays === undefined ? { role } : { role, expiresInDays }) },
    z.object({ link: ZShareLink, url: z.string().regex(/^\/join\/[^/?#]+$/) }),
  );
  return { link: body.link, path: body.url };
}

export async function revokeShareLink(timelineId: string, linkId: string): Promise<void> {
  await request(timelinePath(timelineId, "links", linkId), { method: "DELETE" }, z.unknown());
}

export async function joinByLink(token: string): Promise<TTimelineSummary> {
  const body = await request("/api/join", { method: "POST", body: JSON.stringify({ token }) }, z.object({ timeline: ZTimelineSummary }));
  return body.timeline;
}
