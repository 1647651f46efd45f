// Every HTTP route against every role, through the real server. The table printed by the last test
// is the one in the issue note.
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { addEntry } from "../lib/timeline/ops";
import { startApp, type TApp } from "./fixtures/server";
import { connectStock, cookieOf } from "./fixtures/stock-client";

type TWho = "owner" | "editor" | "commenter" | "viewer" | "outsider" | "anonymous";
const WHO: TWho[] = ["owner", "editor", "commenter", "viewer", "outsider", "anonymous"];

let app: TApp;
const api: Partial<Record<TWho, APIRequestContext>> = {};
const ids: Partial<Record<TWho, string>> = {};
let timelineId: string;
/** An entry of the timeline, a thread on it by the owner and two of the owner's comments. */
let entryId: string;
let threadId: string;
let ownerCommentId: string;
let ownerSecondCommentId: string;
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
  // An entry, written as any Yjs client would; the routes below comment on it and set its status.
  const owner = await connectStock(app.url, timelineId, await cookieOf(api.owner!, app.url));
  entryId = addEntry(owner.doc, { start: "2019-12-24", headline: "Roles entry", body: [{ type: "paragraph", content: [{ text: "A passage." }] }] });
  await expect
    .poll(async () => (await api.owner!.get(`/api/timelines/${timelineId}/export?format=json`)).text())
    .toContain(entryId);
  owner.provider.destroy();
  const thread = await api.owner!.post(`/api/timelines/${timelineId}/threads`, { data: { entryId, body: "Owner's thread" } });
  expect(thread.status(), await thread.text()).toBe(201);
  const body = (await thread.json()) as { thread: { id: string; comments: { id: string }[] } };
  threadId = body.thread.id;
  ownerCommentId = body.thread.comments[0]!.id;
  const second = await api.owner!.post(`/api/timelines/${timelineId}/threads/${threadId}/comments`, { data: { body: "Owner's second comment" } });
  ownerSecondCommentId = ((await second.json()) as { comment: { id: string } }).comment.id;
});

/** The status of a server-sent event stream's response; the stream itself is closed at once. */
async function streamStatus(c: APIRequestContext, path: string): Promise<{ status(): number }> {
  const controller = new AbortController();
  const res = await fetch(`${app.url}${path}`, { headers: { cookie: await cookieOf(c, app.url) }, signal: controller.signal });
  controller.abort();
  return { status: () => res.status };
}

test.afterAll(async () => {
  for (const ctx of Object.values(api)) await ctx.dispose();
  await app?.dispose();
});

// Runs first: the matrix below ends by deleting the timeline.
test("the author of a comment is the session's user, whatever the body says", async () => {
  const forged = await api.commenter!.post(`/api/timelines/${timelineId}/threads`, {
    data: { entryId, body: "Forged?", authorId: ids.owner, author: { id: ids.owner, name: "owner" }, userId: ids.owner },
  });
  expect(forged.status()).toBe(201);
  const thread = ((await forged.json()) as { thread: { id: string; author: { id: string }; comments: { author: { id: string } }[] } }).thread;
  expect(thread.author.id).toBe(ids.commenter);
  expect(thread.comments[0]!.author.id).toBe(ids.commenter);
  const listed = (await (await api.viewer!.get(`/api/timelines/${timelineId}/threads`)).json()) as { threads: { id: string; author: { id: string } }[] };
  expect(listed.threads.find((t) => t.id === thread.id)?.author.id).toBe(ids.commenter);

  // Comments and statuses from another site's page are refused like every other write.
  const comment = await api.owner!.post(`/api/timelines/${timelineId}/threads`, { data: { entryId, body: "CSRF" }, headers: { origin: "https://evil.example" } });
  expect(comment.status()).toBe(403);
  const status = await api.owner!.put(`/api/timelines/${timelineId}/entries/${entryId}/status`, { data: { status: "disputed" }, headers: { origin: "https://evil.example" } });
  expect(status.status()).toBe(403);
  const after = (await (await api.owner!.get(`/api/timelines/${timelineId}/threads`)).json()) as { threads: { comments: { body: string }[] }[] };
  expect(after.threads.flatMap((t) => t.comments.map((c) => c.body))).not.toContain("CSRF");
});

/** What each role gets from each route (owner's writes are exercised separately, below). */
const EXPECTED: { route: string; call: (c: APIRequestContext) => Promise<{ status(): number }>; status: Record<TWho, number> }[] = [
  { route: "GET /api/ready", call: (c) => c.get("/api/ready"), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 200, anonymous: 200 } },
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
  // Fact-checking (issue 13): owners, editors and commenters write comments and statuses; viewers read.
  { route: "GET /api/timelines/:id/threads", call: (c) => c.get(`/api/timelines/${timelineId}/threads`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/threads?entryId=", call: (c) => c.get(`/api/timelines/${timelineId}/threads?entryId=${entryId}`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/:id/threads", call: (c) => c.post(`/api/timelines/${timelineId}/threads`, { data: { entryId, body: "A question" } }), status: { owner: 201, editor: 201, commenter: 201, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/:id/threads (no such entry)", call: (c) => c.post(`/api/timelines/${timelineId}/threads`, { data: { entryId: "no-such-entry", body: "A question" } }), status: { owner: 422, editor: 422, commenter: 422, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/:id/threads (empty body)", call: (c) => c.post(`/api/timelines/${timelineId}/threads`, { data: { entryId, body: "  " } }), status: { owner: 422, editor: 422, commenter: 422, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/:id/threads/:thread/comments", call: (c) => c.post(`/api/timelines/${timelineId}/threads/${threadId}/comments`, { data: { body: "A reply" } }), status: { owner: 201, editor: 201, commenter: 201, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/:id/threads/:unknown/comments", call: (c) => c.post(`/api/timelines/${timelineId}/threads/no-such-thread/comments`, { data: { body: "A reply" } }), status: { owner: 404, editor: 404, commenter: 404, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "PATCH /api/timelines/:id/threads/:thread (resolve)", call: (c) => c.patch(`/api/timelines/${timelineId}/threads/${threadId}`, { data: { resolved: true } }), status: { owner: 200, editor: 200, commenter: 200, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "PATCH /api/timelines/:id/threads/:thread/comments/:owner's", call: (c) => c.patch(`/api/timelines/${timelineId}/threads/${threadId}/comments/${ownerCommentId}`, { data: { body: "Edited" } }), status: { owner: 200, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "DELETE /api/timelines/:id/threads/:thread/comments/:owner's", call: (c) => c.delete(`/api/timelines/${timelineId}/threads/${threadId}/comments/${ownerSecondCommentId}`), status: { owner: 204, editor: 403, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "PUT /api/timelines/:id/entries/:entry/status", call: (c) => c.put(`/api/timelines/${timelineId}/entries/${entryId}/status`, { data: { status: "verified", note: "Checked" } }), status: { owner: 200, editor: 200, commenter: 200, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "PUT /api/timelines/:id/entries/:entry/status (bad status)", call: (c) => c.put(`/api/timelines/${timelineId}/entries/${entryId}/status`, { data: { status: "approved" } }), status: { owner: 422, editor: 422, commenter: 422, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "PUT /api/timelines/:id/entries/:unknown/status", call: (c) => c.put(`/api/timelines/${timelineId}/entries/no-such-entry/status`, { data: { status: "verified" } }), status: { owner: 404, editor: 404, commenter: 404, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/entries/:entry/history", call: (c) => c.get(`/api/timelines/${timelineId}/entries/${entryId}/history`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/events (stream)", call: (c) => streamStatus(c, `/api/timelines/${timelineId}/events`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/%00/threads (NUL id)", call: (c) => c.get("/api/timelines/%00/threads"), status: { owner: 404, editor: 404, commenter: 404, viewer: 404, outsider: 404, anonymous: 401 } },
  // Publishing, import and every export (issue 14): owners and editors publish; any member exports; any user imports.
  { route: "GET /api/timelines/:id/export?format=timelinejs", call: (c) => c.get(`/api/timelines/${timelineId}/export?format=timelinejs`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/export?format=csv", call: (c) => c.get(`/api/timelines/${timelineId}/export?format=csv`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "GET /api/timelines/:id/export?format=jsonld", call: (c) => c.get(`/api/timelines/${timelineId}/export?format=jsonld`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/import", call: (c) => c.post("/api/timelines/import", { headers: { "content-type": "application/json" }, data: { events: [{ start_date: { year: 2020 }, text: { headline: "Imported" } }] } }), status: { owner: 201, editor: 201, commenter: 201, viewer: 201, outsider: 201, anonymous: 401 } },
  { route: "POST /api/timelines/import (not TimelineJS)", call: (c) => c.post("/api/timelines/import", { headers: { "content-type": "application/json" }, data: { slides: [] } }), status: { owner: 422, editor: 422, commenter: 422, viewer: 422, outsider: 422, anonymous: 401 } },
  { route: "GET /api/timelines/:id/publish", call: (c) => c.get(`/api/timelines/${timelineId}/publish`), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 404, anonymous: 401 } },
  { route: "POST /api/timelines/:id/publish (override)", call: (c) => c.post(`/api/timelines/${timelineId}/publish`, { data: { override: true } }), status: { owner: 200, editor: 200, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "DELETE /api/timelines/:id/publish", call: (c) => c.delete(`/api/timelines/${timelineId}/publish`), status: { owner: 204, editor: 204, commenter: 403, viewer: 403, outsider: 404, anonymous: 401 } },
  { route: "GET /api/notifications", call: (c) => c.get("/api/notifications"), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 200, anonymous: 401 } },
  { route: "POST /api/notifications/read", call: (c) => c.post("/api/notifications/read", { data: { all: true } }), status: { owner: 200, editor: 200, commenter: 200, viewer: 200, outsider: 200, anonymous: 401 } },
  { route: "POST /api/notifications/read (malformed)", call: (c) => c.post("/api/notifications/read", { data: { ids: "all" } }), status: { owner: 422, editor: 422, commenter: 422, viewer: 422, outsider: 422, anonymous: 401 } },
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
