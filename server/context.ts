// The process's services, built once in main.ts. Next.js compiles app/ into bundles of their own,
// so route handlers reach these through globalThis rather than through module state.
import type { TAuth } from "./auth.ts";
import type { TConfig } from "./config.ts";
import type { TPrisma } from "./db/client.ts";
import type { TDocStore } from "./db/doc-store.ts";
import type { RoomManager } from "./collab/rooms.ts";
import type { TEventBus } from "./events/bus.ts";
import type { TMailer } from "./mail.ts";
import type { TLogger } from "./log.ts";

export type TAppContext = {
  config: TConfig;
  log: TLogger;
  prisma: TPrisma;
  auth: TAuth;
  docs: TDocStore;
  rooms: RoomManager;
  /** Live events of threads and notifications, across instances. */
  bus: TEventBus;
  mailer: TMailer;
  /** Where users reach the app: links in emails start here. */
  baseUrl: string;
  /** Whether a request's Origin may change state (same policy for HTTP and websocket upgrades). */
  isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean;
  /** Whether Redis answers (null when REDIS_URL is not set). */
  redisHealthy(): Promise<boolean | null>;
};

/** What the use-cases need: the data, not the transport. */
export type TDomain = Pick<TAppContext, "prisma" | "docs" | "rooms" | "bus" | "mailer" | "baseUrl" | "log">;

const KEY = Symbol.for("dateline.appContext");
type TGlobal = typeof globalThis & { [KEY]?: TAppContext };

export function setAppContext(ctx: TAppContext | undefined): void {
  (globalThis as TGlobal)[KEY] = ctx;
}

export function getAppContext(): TAppContext {
  const ctx = (globalThis as TGlobal)[KEY];
  if (!ctx) throw new Error("Dateline's server context is not initialised: start the app with `npm start` (server/main.ts), not `next start`");
  return ctx;
}
