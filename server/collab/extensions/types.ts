// Lifecycle hooks that extensions (persistence, title index, later Redis fan-out) implement.
import type { Room } from "../room.ts";
import type { TOrigin } from "../origins.ts";

export interface TRoomExtension {
  readonly name: string;
  /**
   * Fills the doc before any session syncs. Throwing refuses the room (sessions are closed with
   * 1011) rather than serving, and later saving, an empty doc in place of stored state.
   */
  onLoad?(room: Room): Promise<void>;
  /** Every change to the doc, with its origin. Must not throw. */
  onUpdate?(room: Room, update: Uint8Array, origin: TOrigin): void;
  /** Before the room leaves memory: make everything durable. Throwing keeps the room loaded. */
  onUnload?(room: Room): Promise<void>;
  /** The room leaves memory after a successful unload, with no one connected. */
  onDestroy?(room: Room): void;
  /** The room was discarded without saving (its timeline was deleted). */
  onDiscard?(room: Room): void;
}
