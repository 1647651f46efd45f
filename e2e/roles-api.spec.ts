// Every HTTP route against every role, through the real server. The table printed by the last test
// is the one in the issue note.
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { startApp, type TApp } from "./fixtures/server";

type TWho = "owner" | "editor" | "commenter" | "viewer" | "outsider" | "anonymous";
const WHO: TWho[] = ["owner", "editor", "commenter", "viewer", "outsider", "anonymous"];

let app: TApp;
const api: Partial<Record<TWho, APIRequestContext>> = {};
const ids: Partial<Record<TWho, string>> = {};
let timelineId: string;
const results: { route: string; who: TWho; status: number }[] = [];

async function account(name: string): Promise<{ ctx: APIRequestContext; id: string }> {
  const ctx = await playwrightRequest.newContext({ baseURL: app.url, extraHTTPHeaders: { origin: app.url } });
  const email = `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const res = await ctx.post("/api/auth/sign-up/email", { data: { name, email, password: "correct horse battery" } });
  expect(res.status(), await res.text()).toBe(200);
  return { ctx, id: ((await res.json()) as { user: { id: string } }).user.id };
}

test.beforeAll(async () => {
  app = await startApp();
  for (const who of WHO) {
    if (who === "anonymous") {
      api.anonymous = await playwrightRequest.newContext({ baseURL: app.url, extraHTTPHeaders: { origin: app.url } });
      continue;
    }
    const { ctx, id } = await account(who);
    api[who] = ctx;
    ids[who] = id;
  }
  const created = await api.owner!.post("/api/timelines", { data: { title: "Roles" } });
  timelineId = ((await created.json()) as { timeline: { id: string } }).timeline.id;
  for (const role of ["editor", "commenter", "viewer"] as const) {
    const email = ((await (await api[role]!.get("/api/auth/get-session")).json()) as { user: { email: string } }).user.email;
    const res = await api.owner!.post(`/api/timelines/${timelineId}/members`, { data: { email, role } });
    expect(res.status()).toBe(201);
  }
});

test.afterAll(async () => {
  for (const ctx of Object.values(api)) await ctx.dispose();
  await app?.dispose();
});

/** What each role gets from each route (owner's writes are exercised separately, below). */
const EXPECTED: { route: string; call: (c: APIRequestContext) => Promise<{ status(): number }>; status: Record<TWho, number> }[] = [
  { route: "GET /api/timelines", call: (c) => c.get("/api/timelines"), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 200, anonymous: 401 } },
  { route: "GET /api/timelines/:id", call: (c) => c.get(`/api/timelines/${timelineId}`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/members", call: (c) => c.get(`/api/timelines/${timelineId}/members`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/export?format=html", call: (c) => c.get(`/api/timelines/${timelineId}/export?format=html`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/export?format=docx", call: (c) => c.get(`/api/timelines/${timelineId}/export?format=docx`), status: { owner: 422, editor: 422, commenter: 422, viewer: 422, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/links", call: (c) => c.get(`/api/timelines/${timelineId}/links`), status: { owner: 200, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "PATCH /api/timelines/:id (rename)", call: (c) => c.patch(`/api/timelines/${timelineId}`, { data: { title: "Roles" } }), status: { owner: 200, editor: 200, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/:id/members", call: (c) => c.post(`/api/timelines/${timelineId}/members`, { data: { email: "new@example.test", role: "viewer" } }), status: { owner: 201, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "PATCH /api/timelines/:id/members/:viewer", call: (c) => c.patch(`/api/timelines/${timelineId}/members/${ids.viewer}`, { data: { role: "viewer" } }), status: { owner: 200, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/:id/links", call: (c) => c.post(`/api/timelines/${timelineId}/links`, { data: { role: "viewer" } }), status: { owner: 201, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "DELETE /api/timelines/:id/links/:link", call: (c) => c.delete(`/api/timelines/${timelineId}/links/no-such-link`), status: { owner: 404, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "DELETE /api/timelines/:id/invitations/:inv", call: (c) => c.delete(`/api/timelines/${timelineId}/invitations/no-such-invitation`), status: { owner: 404, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "DELETE /api/timelines/:id/members/:owner", call: (c) => c.delete(`/api/timelines/${timelineId}/members/${ids.owner}`), status: { owner: 409, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "DELETE /api/timelines/:unknown", call: (c) => c.delete(`/api/timelines/${timelineId}-not-this-one`), status: { owner: 404, editor: 404, commenter: 404, viewer: 404, outsider: 404, anonymous: 401 } },
  { route: "POST /api/join", call: (c) => c.post("/api/join", { data: { token: "not-a-token" } }), status: { owner: 404, editor: 404, commenter: 404, viewer: 404, outsider: 404, anonymous: 401 } },
];

test("each role gets what it may from every route", async () => {
  for (const row of EXPECTED) {
    for (const who of WHO) {
      const status = (await row.call(api[who]!)).status();
      results.push({ route: row.route, who, status });
      expect.soft(status, `${row.route} as ${who}`).toBe(row.status[who]);
    }
  }
  // The owner's writes that need a real target, and a member leaving on their own.
  const link = (await (await api.owner!.post(`/api/timelines/${timelineId}/links`, { data: { role: "editor" } })).json()) as { link: { id: string } };
  const revoke = (await api.owner!.delete(`/api/timelines/${timelineId}/links/${link.link.id}`)).status();
  const invited = (await (await api.owner!.post(`/api/timelines/${timelineId}/members`, { data: { email: "later@example.test", role: "editor" } })).json()) as {
    invitation: { id: string };
  };
  const cancel = (await api.owner!.delete(`/api/timelines/${timelineId}/invitations/${invited.invitation.id}`)).status();
  const leave = (await api.viewer!.delete(`/api/timelines/${timelineId}/members/${ids.viewer}`)).status();
  const remove = (await api.owner!.delete(`/api/timelines/${timelineId}/members/${ids.commenter}`)).status();
  results.push(
    { route: "DELETE /api/timelines/:id/links/:link", who: "owner", status: revoke },
    { route: "DELETE /api/timelines/:id/invitations/:inv", who: "owner", status: cancel },
    { route: "DELETE /api/timelines/:id/members/:self (leave)", who: "viewer", status: leave },
    { route: "DELETE /api/timelines/:id/members/:commenter", who: "owner", status: remove },
  );
  expect([revoke, cancel, leave, remove]).toEqual([204, 204, 204, 204]);
  expect((await api.commenter!.get(`/api/timelines/${timelineId}`)).status()).toBe(404);

  // Deleting: only the owner, and only then is it gone for everyone.
  for (const who of ["editor", "outsider", "anonymous", "owner"] as const) {
    const status = (await api[who]!.delete(`/api/timelines/${timelineId}`)).status();
    results.push({ route: "DELETE /api/timelines/:id (this one)", who, status });
    expect(status).toBe({ editor: 403, outsider: 404, anonymous: 401, owner: 204 }[who]);
  }
  expect((await api.editor!.get(`/api/timelines/${timelineId}`)).status()).toBe(404);
  console.log(table());
});

test("state-changing requests from another origin are refused", async () => {
  const res = await api.owner!.post("/api/timelines", { data: { title: "CSRF" }, headers: { origin: "https://evil.example" } });
  expect(res.status()).toBe(403);
  const list = (await (await api.owner!.get("/api/timelines")).json()) as { timelines: { title: string }[] };
  expect(list.timelines.map((t) => t.title)).not.toContain("CSRF");
});

test("repeated wrong passwords are rate-limited", async () => {
  const ctx = await playwrightRequest.newContext({ baseURL: app.url, extraHTTPHeaders: { origin: app.url } });
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    statuses.push((await ctx.post("/api/auth/sign-in/email", { data: { email: "nobody@example.test", password: `wrong-${i}` } })).status());
  }
  expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
  await ctx.dispose();
});

function table(): string {
  const routes = [...new Set(results.map((r) => r.route))];
  const lines = [`| route | ${WHO.join(" | ")} |`, `|---|${WHO.map(() => "---").join("|")}|`];
  for (const route of routes) {
    // The last call of a route per role is the one that counts (the owner's real revoke after the 404).
    lines.push(`| ${route} | ${WHO.map((w) => results.findLast((r) => r.route === route && r.who === w)?.status ?? "–").join(" | ")} |`);
  }
  return lines.join("\n");
}
