// Builds and runs the whole server: database, auth, collaboration, and (optionally) Next.js, on
// one HTTP server. main.ts runs it as a process; tests run it in-process.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import { toNodeHandler } from "better-auth/node";
import type { TConfig } from "./config.ts";
import { CLIENT_IP_HEADER, createAuth } from "./auth.ts";
import { createPrismaClient, pgConfig, type TDbTarget } from "./db/client.ts";
import { prismaDocStore } from "./db/doc-store.ts";
import { startEmbeddedPostgres, type TEmbeddedPostgres } from "./db/embedded.ts";
import { applyMigrations } from "./db/migrate.ts";
import { sessionAuthenticator } from "./collab/extensions/auth.ts";
import { autoSnapshotExtension } from "./collab/extensions/auto-snapshot.ts";
import { entryHistoryExtension } from "./collab/extensions/entry-history.ts";
import { persistenceExtension } from "./collab/extensions/persistence.ts";
import { titleIndexExtension } from "./collab/extensions/title-index.ts";
import { verificationExtension } from "./collab/extensions/verification.ts";
import { RoomManager } from "./collab/rooms.ts";
import { createCollabServer } from "./collab/server.ts";
import { setAppContext, type TAppContext } from "./context.ts";
import { localEventBus, redisEventBus, type TEventBus } from "./events/bus.ts";
import { NO_MAILER, smtpMailer } from "./mail.ts";
import { acceptInvitations } from "./domain/accept-invitations.ts";
import { deleteSnapshots, saveSnapshot } from "./domain/snapshot-store.ts";
import { prismaAutoSnapshots, startThinningJob, thinVersions } from "./jobs/thin-versions.ts";
import { claimDemo, seedDemo, type TDemoAccount } from "./domain/seed-demo.ts";
import type { TLogger } from "./log.ts";
import { isCollabPath } from "../lib/protocol/room-name.ts";

export const ROOT_DIR = path.resolve(import.meta.dirname, "..");

export type TRunningServer = {
  url: string;
  context: TAppContext;
  demoAccount: TDemoAccount | null;
  /** Saves every room, then stops: what SIGTERM does. */
  close(): Promise<void>;
};

type TNextApp = {
  prepare(): Promise<void>;
  getRequestHandler(): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  getUpgradeHandler(): (req: http.IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  close(): Promise<void>;
};

export async function startServer(config: TConfig, log: TLogger, opts: { next: boolean } = { next: true }): Promise<TRunningServer> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((err: unknown) => log.error({ err }, "shutdown step failed"));
  };
  try {
    let embedded: TEmbeddedPostgres | null = null;
    let target: TDbTarget;
    if (config.databaseUrl) {
      target = { kind: "postgres", url: config.databaseUrl };
    } else {
      embedded = await startEmbeddedPostgres(path.join(config.dataDir), log);
      cleanups.push(() => embedded!.close());
      target = { kind: "embedded", socketDir: embedded.socketDir };
    }
    await applyMigrations(pgConfig(target), path.join(ROOT_DIR, "prisma", "migrations"), log);
    const prisma = createPrismaClient(target);
    cleanups.push(() => prisma.$disconnect());

    const baseURL = config.publicUrl ?? `http://${config.host}:${config.port}`;
    const trustedOrigins = [new URL(baseURL).origin, `http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
    const auth = createAuth({
      prisma,
      secret: config.authSecret ?? localSecret(config.dataDir, log),
      baseURL,
      trustedOrigins,
      attemptsPerMinute: config.authAttemptsPerMinute,
      onUserCreated: async (user) => {
        await acceptInvitations({ prisma }, user);
        await claimDemo({ prisma }, user.id);
      },
    });
    const bus: TEventBus = config.redisUrl ? redisEventBus(config.redisUrl, log) : localEventBus();
    cleanups.push(() => bus.close());
    const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.smtpFrom, log) : NO_MAILER;
    cleanups.push(async () => mailer.close());
    const docs = prismaDocStore(prisma);
    const notifying = { prisma, bus, mailer, baseUrl: baseURL, log };
    // Entry history observes before verification, whose corrections are follow-up transactions: each
    // change is recorded as its author made it, and the fallback as the server's own record.
    // Automatic versions come last: a room's unload has stored its doc and history before one is taken.
    const autoSnapshots = autoSnapshotExtension({
      save: (input) => saveSnapshot(prisma, input),
      log,
      quietMs: config.snapshotQuietSeconds * 1_000,
      everyMs: config.snapshotEveryMinutes * 60_000,
    });
    const rooms = new RoomManager(
      [persistenceExtension(docs, log), titleIndexExtension(prisma, log), entryHistoryExtension(prisma, log), verificationExtension(notifying), autoSnapshots],
      log,
    );
    // Thinning reads and deletes rows only: it never waits for a room. Stopped before the database closes.
    const retention = { keepAllHours: config.snapshotKeepAllHours, hourlyDays: config.snapshotHourlyDays };
    const thinning = startThinningJob(
      () => thinVersions({ listAuto: prismaAutoSnapshots(prisma), deleteSnapshots: (ids) => deleteSnapshots(prisma, ids), log }, retention),
      log,
    );
    cleanups.push(() => thinning.stop());
    /** Browsers send Origin; requests without one come from programs, judged by their cookie alone. */
    const isAllowedOrigin = (origin: string | undefined, host: string | undefined) =>
      origin === undefined || trustedOrigins.includes(origin) || originHost(origin) === host;
    const collab = createCollabServer({ rooms, authenticate: sessionAuthenticator(auth, prisma), isAllowedOrigin, log });
    // Cleanups run in reverse: rooms save and close their sessions before sockets are cut.
    cleanups.push(() => collab.close());
    cleanups.push(() => rooms.closeAll());

    const context: TAppContext = { config, log, prisma, auth, docs, rooms, bus, mailer, baseUrl: baseURL, isAllowedOrigin, redisHealthy: () => bus.healthy() };
    setAppContext(context);
    cleanups.push(async () => setAppContext(undefined));

    const demoAccount = config.seedDemo ? await seedDemo({ prisma, docs }, { auth, embedded: embedded !== null, dataDir: config.dataDir }) : null;

    let nextApp: TNextApp | null = null;
    if (opts.next) {
      const { default: next } = await import("next");
      nextApp = (next as unknown as (o: object) => TNextApp)({ dev: config.env === "development", dir: ROOT_DIR, hostname: config.host, port: config.port });
      await nextApp.prepare();
      cleanups.push(() => nextApp!.close());
    }
    const nextHandler = nextApp?.getRequestHandler();
    const nextUpgrade = nextApp?.getUpgradeHandler();
    const authHandler = toNodeHandler(auth);

    const server = http.createServer((req, res) => {
      const url = req.url ?? "/";
      if (url.startsWith("/api/auth/")) {
        // better-auth checks Origin only on requests that carry cookies; refuse every cross-site
        // write here, so no other site can sign a browser up, in or out.
        if (req.method !== "GET" && req.method !== "HEAD" && !isAllowedOrigin(req.headers.origin, req.headers.host)) {
          res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "forbidden", message: "cross-origin request refused" } }));
          return;
        }
        req.headers[CLIENT_IP_HEADER] = clientAddress(req, config.trustProxy);
        authHandler(req, res).catch((err: unknown) => failRequest(res, log, err));
      } else if (nextHandler) {
        nextHandler(req, res).catch((err: unknown) => failRequest(res, log, err));
      } else {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "not found" } }));
      }
    });
    server.on("upgrade", (req, socket, head) => {
      if (isCollabPath(req.url ?? "")) collab.handleUpgrade(req, socket, head);
      else if (nextUpgrade) nextUpgrade(req, socket, head).catch(() => socket.destroy());
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, resolve);
    });
    // Stop accepting at once; upgraded websockets are not tracked by the HTTP server and are closed
    // by the rooms (with 1001) and the collab server in the steps after this one.
    cleanups.push(async () => {
      server.close();
      server.closeAllConnections();
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    return { url, context, demoAccount, close: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Without AUTH_SECRET, a random secret kept beside the data so sessions survive restarts. */
function localSecret(dataDir: string, log: TLogger): string {
  const file = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    log.warn({ file }, "AUTH_SECRET is not set: generated one for this installation (set AUTH_SECRET when running several instances)");
    return secret;
  }
}

/**
 * The address rate limits are keyed on. Behind a proxy every request comes from the proxy, so with
 * TRUST_PROXY the right-most X-Forwarded-For entry (the one our proxy appended) is the client.
 */
function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  const last = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded)?.split(",").pop()?.trim();
  return (trustProxy && last) || req.socket.remoteAddress || "unknown";
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function failRequest(res: http.ServerResponse, log: TLogger, err: unknown): void {
  log.error({ err }, "request failed");
  if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: "internal", message: "internal error" } }));
}
