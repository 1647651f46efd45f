// One timeline in memory: its Y.Doc, its awareness and the sessions connected to it. Changes are
// broadcast in batches: everything that arrives in one event-loop turn goes out as one message per
// session, which is what keeps a 200-client room on a 2-core box from falling behind.
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { TLogger } from "../log.ts";
import type { TRoomExtension } from "./extensions/types.ts";
import { encodeAwarenessMessage, encodeSyncUpdate } from "./messages.ts";
import type { TOrigin } from "./origins.ts";
import type { Session } from "./session.ts";

type TPendingUpdate = { update: Uint8Array; origin: TOrigin };

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly sessions = new Set<Session>();
  /** Which session published each awareness client id: nobody may overwrite another's presence. */
  readonly awarenessOwners = new Map<number, Session>();
  private outbox: TPendingUpdate[] = [];
  private awarenessOutbox = new Set<number>();
  private flushScheduled = false;
  /** Counts every change to the doc: an unload compares it before and after saving (RM3). */
  changes = 0;

  constructor(
    readonly name: string,
    readonly extensions: readonly TRoomExtension[],
    readonly log: TLogger,
  ) {
    // The server is not a participant: it publishes no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: TOrigin) => {
      this.changes++;
      this.outbox.push({ update, origin });
      this.scheduleFlush();
      for (const ext of this.extensions) ext.onUpdate?.(this, update, origin);
    });
    this.awareness.on(
      "update",
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const session = this.sessions.has(origin as Session) ? (origin as Session) : null;
        for (const id of [...added, ...updated, ...removed]) this.awarenessOutbox.add(id);
        if (session) {
          for (const id of [...added, ...updated]) {
            session.awarenessIds.add(id);
            this.awarenessOwners.set(id, session);
          }
        }
        for (const id of removed) {
          this.awarenessOwners.get(id)?.awarenessIds.delete(id);
          this.awarenessOwners.delete(id);
        }
        this.scheduleFlush();
      },
    );
  }

  async load(): Promise<void> {
    for (const ext of this.extensions) await ext.onLoad?.(this);
  }

  join(session: Session): void {
    this.sessions.add(session);
  }

  /** Removes a session and its presence; returns true when the room has become empty. */
  leave(session: Session): boolean {
    if (!this.sessions.delete(session)) return this.sessions.size === 0;
    const ids = [...session.awarenessIds];
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    return this.sessions.size === 0;
  }

  async unload(): Promise<void> {
    for (const ext of this.extensions) await ext.onUnload?.(this);
  }

  destroy(): void {
    this.flush();
    for (const ext of this.extensions) ext.onDestroy?.(this);
    this.awareness.destroy();
    this.doc.destroy();
  }

  discard(): void {
    for (const ext of this.extensions) ext.onDiscard?.(this);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends what has accumulated since the last turn: one doc message and one awareness message per session. */
  flush(): void {
    this.flushScheduled = false;
    const updates = this.outbox;
    this.outbox = [];
    if (updates.length > 0) this.broadcastUpdates(updates);
    if (this.awarenessOutbox.size > 0) {
      const ids = [...this.awarenessOutbox];
      this.awarenessOutbox.clear();
      const message = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
      for (const session of this.sessions) session.send(message);
    }
  }

  private broadcastUpdates(updates: TPendingUpdate[]): void {
    const merged = encodeSyncUpdate(updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update)));
    const contributors = new Set(updates.map((u) => u.origin));
    for (const session of this.sessions) {
      if (!contributors.has(session)) {
        session.send(merged);
        continue;
      }
      // A session does not need its own changes back; send it only the others'.
      const others = updates.filter((u) => u.origin !== session);
      if (others.length > 0) session.send(encodeSyncUpdate(Y.mergeUpdates(others.map((u) => u.update))));
    }
  }
}
