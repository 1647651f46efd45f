// Typed transaction origins: every change to a room's doc says where it came from, so an update
// loaded from storage is not stored again and one from another instance is not re-published.
import type { Session } from "./session.ts";

export const STORAGE_ORIGIN = { kind: "storage" } as const;
export const SERVER_ORIGIN = { kind: "server" } as const;
export const REMOTE_ORIGIN = { kind: "remote" } as const;

export type TOrigin = Session | typeof STORAGE_ORIGIN | typeof SERVER_ORIGIN | typeof REMOTE_ORIGIN;
