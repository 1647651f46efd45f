// Typed transaction origins: every change to a room's doc says where it came from, so an update
// loaded from storage is not stored again and one from another instance is not re-published.
import type { Session } from "./session.ts";

export const STORAGE_ORIGIN = { kind: "storage" } as const;
export const REMOTE_ORIGIN = { kind: "remote" } as const;

/** Who a server-side change is made for: history and notifications name them. */
export type TActor = { id: string; name: string };

/**
 * A change a use-case makes on the server's behalf (rename, set a status): stored and broadcast.
 * `actor` is the user it is made for; `note` travels with it into the entry's history.
 */
export type TServerOrigin = {
  kind: "server";
  actor?: TActor;
  note?: string;
  /** The server's own follow-up to `actor`'s change (a verified entry sent back to review): history says so. */
  auto?: true;
};

export const SERVER_ORIGIN: TServerOrigin = { kind: "server" };

export function serverOrigin(actor?: TActor, note?: string): TServerOrigin {
  return { kind: "server", ...(actor ? { actor } : {}), ...(note !== undefined ? { note } : {}) };
}

export type TOrigin = Session | typeof STORAGE_ORIGIN | TServerOrigin | typeof REMOTE_ORIGIN;

export function isServerOrigin(origin: unknown): origin is TServerOrigin {
  return typeof origin === "object" && origin !== null && (origin as { kind?: unknown }).kind === "server";
}
