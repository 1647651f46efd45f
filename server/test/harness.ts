// Starts the real server in-process (without Next.js, which the collab and API-less suites do not
// need) and gives tests signed-in users and stock y-websocket providers.
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { parseConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { startServer, type TRunningServer } from "../app.ts";
import { createTimeline } from "../domain/create-timeline.ts";
import type { TTestDatabase } from "./databases.ts";
import { freePort } from "./scratch.ts";

export type TTestUser = { id: string; name: string; email: string; cookie: string };


export async function startTestServer(db: TTestDatabase, extraEnv: Record<string, string> = {}): Promise<TRunningServer> {
  const port = await freePort();
  const config = parseConfig({
    NODE_ENV: "test",
    PORT: String(port),
    HOST: "127.0.0.1",
    AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    SEED_DEMO: "false",
    // Suites sign up many users from one address; the limit itself is tested end to end.
    AUTH_ATTEMPTS_PER_MINUTE: "1000",
    ...db.env,
    ...extraEnv,
  });
  return startServer(config, createLogger(config.logLevel), { next: false });
}

let userCounter = 0;

export async function signUp(baseUrl: string, name = `User ${++userCounter}`): Promise<TTestUser> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ name, email, password: "correct horse battery" }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  return { id: body.user.id, name, email, cookie: cookieOf(res) };
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<TTestUser> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string; name: string } };
  return { id: body.user.id, name: body.user.name, email, cookie: cookieOf(res) };
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A WebSocket class that sends the user's session cookie, as a browser would. */
export function cookieWebSocket(cookie: string | null): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL | null, protocols?: string | string[]) {
      super(address as string | URL, protocols, cookie ? { headers: { cookie } } : {});
    }
  } as unknown as typeof globalThis.WebSocket;
}

/** A stock y-websocket provider, as any Yjs client would connect. */
export function connect(baseUrl: string, timelineId: string, cookie: string | null, doc = new Y.Doc()): { doc: Y.Doc; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/collab`, timelineId, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie),
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { doc, provider };
}

export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function synced(provider: WebsocketProvider): Promise<void> {
  return waitFor(() => provider.synced, "provider to sync").then(() => undefined);
}

/** Opens a raw socket and resolves with the close code the server sends. */
export function closeCodeOf(url: string, cookie: string | null, send?: (ws: WebSocket) => void): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, cookie ? { headers: { cookie } } : {});
    ws.on("open", () => send?.(ws));
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", (err) => {
      if (ws.readyState !== ws.CLOSED) return;
      reject(err);
    });
  });
}

export type TTeam = { owner: TTestUser; editor: TTestUser; commenter: TTestUser; viewer: TTestUser; timelineId: string };

/** A timeline owned by `names[0]`, with an editor, a commenter (a fact-checker) and a viewer. */
export async function timelineWithTeam(server: TRunningServer, names: [string, string, string, string], title = "Idlib"): Promise<TTeam> {
  const [owner, editor, commenter, viewer] = await Promise.all(names.map((n) => signUp(server.url, n)));
  const timelineId = (await createTimeline(server.context, owner!.id, { title })).id;
  await server.context.prisma.timelineMember.createMany({
    data: [
      { timelineId, userId: editor!.id, role: "editor" },
      { timelineId, userId: commenter!.id, role: "commenter" },
      { timelineId, userId: viewer!.id, role: "viewer" },
    ],
  });
  return { owner: owner!, editor: editor!, commenter: commenter!, viewer: viewer!, timelineId };
}
