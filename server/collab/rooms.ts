// Loads rooms on first use and unloads them once their last session has left and their state is
// durable. A room whose save fails stays in memory and is retried: nothing accepted is dropped.
import type * as Y from "yjs";
import type { TLogger } from "../log.ts";
import { SERVER_ORIGIN, type TServerOrigin } from "./origins.ts";
import type { TRoomExtension } from "./extensions/types.ts";
import { Room } from "./room.ts";
import type { Session } from "./session.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";

type TEntry = { room: Promise<Room>; users: number; unloading: Promise<void> | null };

/** Retry a failed unload after this long; the room keeps serving meanwhile. */
const UNLOAD_RETRY_MS = 2_000;
/** Shutdown does not wait for ever on a room that keeps changing while it saves. */
const SHUTDOWN_SAVE_ATTEMPTS = 3;
const SHUTDOWN_RETRY_MS = 500;

export class RoomManager {
  private readonly rooms = new Map<string, TEntry>();
  /** Set by closeAll: sessions leaving during shutdown must not start unloads of their own. */
  private closing = false;
  /** Bumped on every membership change of a timeline, loaded or not (see accessVersion). */
  private readonly accessVersions = new Map<string, number>();

  constructor(
    private readonly extensions: readonly TRoomExtension[],
    private readonly log: TLogger,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  loadedRoom(name: string): Promise<Room> | undefined {
    return this.rooms.get(name)?.room;
  }

  /** The room, loaded if needed; the caller must call release() once done with it. */
  async acquire(name: string): Promise<Room> {
    let entry = this.rooms.get(name);
    if (!entry) {
      const room = new Room(name, this.extensions, this.log);
      const loading = room.load().then(
        () => room,
        (err: unknown) => {
          if (this.rooms.get(name) === created) this.rooms.delete(name);
          room.discard();
          throw err;
        },
      );
      const created: TEntry = { room: loading, users: 0, unloading: null };
      entry = created;
      this.rooms.set(name, entry);
    }
    entry.users++;
    try {
      return await entry.room;
    } catch (err) {
      entry.users--;
      throw err;
    }
  }

  release(name: string): void {
    const entry = this.rooms.get(name);
    if (!entry) return;
    entry.users--;
    if (entry.users === 0 && !this.closing) void this.unloadWhenIdle(name, entry);
  }

  /**
   * Changes a timeline's doc on the server's behalf (loading the room if needed) in one transaction,
   * so the change is broadcast and stored like any other; then lets the room unload if nobody is there.
   * `origin` names the user it is made for (see serverOrigin), so history attributes it to them.
   */
  async transact<T>(name: string, fn: (doc: Y.Doc) => T, origin: TServerOrigin = SERVER_ORIGIN): Promise<T> {
    const room = await this.acquire(name);
    try {
      let result!: T;
      room.doc.transact(() => {
        result = fn(room.doc);
      }, origin);
      return result;
    } finally {
      this.release(name);
    }
  }

  /** Reads a timeline's live doc (loading the room if needed): what an export or a snapshot sees. */
  async read<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.acquire(name);
    try {
      return fn(room.doc);
    } finally {
      this.release(name);
    }
  }

  /** Closes every session of a room and drops it without saving (its timeline is gone). */
  async discard(name: string, code: number, reason: string): Promise<void> {
    const entry = this.rooms.get(name);
    if (!entry) return;
    this.rooms.delete(name);
    const room = await entry.room.catch(() => null);
    if (!room) return;
    for (const session of [...room.sessions]) session.close(code, reason);
    room.discard();
  }

  /**
   * A counter of membership changes: a socket that read the role before a change and joins after it
   * compares versions and reconnects, so the change cannot slip between the check and the join.
   */
  accessVersion(name: string): number {
    return this.accessVersions.get(name) ?? 0;
  }

  /** Closes one user's sockets on a timeline (access removed, or role changed: they reconnect). */
  closeUserSessions(name: string, userId: string, code: number, reason: string): void {
    this.accessVersions.set(name, this.accessVersion(name) + 1);
    void this.rooms.get(name)?.room.then(
      (room) => {
        for (const session of [...room.sessions]) if (session.user.id === userId) session.close(code, reason);
      },
      () => undefined,
    );
  }

  /** Saves and closes everything: for shutdown. */
  async closeAll(): Promise<void> {
    this.closing = true;
    const names = [...this.rooms.keys()];
    await Promise.all(
      names.map(async (name) => {
        const entry = this.rooms.get(name);
        const room = await entry?.room.catch(() => null);
        if (!entry || !room) return;
        for (const session of [...room.sessions]) session.close(CLOSE.goingAway, "server shutting down");
        await entry.unloading?.catch(() => undefined);
        // Saved and destroyed by its own unload meanwhile: nothing left to do.
        if (this.rooms.get(name) !== entry) return;
        // As in unloadWhenIdle: a failed save is tried again, and so is one that changes came in
        // during (RM3), a few times at most: main.ts gives the whole shutdown a deadline.
        for (let attempt = 1; ; attempt++) {
          const before = room.changes;
          try {
            await room.unload();
            if (room.changes === before) break;
          } catch (err) {
            this.log.error({ room: name, err, attempt }, "could not save room at shutdown");
          }
          if (attempt >= SHUTDOWN_SAVE_ATTEMPTS) break;
          await new Promise((r) => setTimeout(r, SHUTDOWN_RETRY_MS));
        }
        room.destroy();
        this.rooms.delete(name);
      }),
    );
  }

  detach(session: Session): void {
    session.room.leave(session);
    this.release(session.room.name);
  }

  private async unloadWhenIdle(name: string, entry: TEntry): Promise<void> {
    if (entry.unloading) return;
    const room = await entry.room.catch(() => null);
    if (!room) return;
    entry.unloading = (async () => {
      for (;;) {
        // Someone came back: the room stays, and saving goes on as usual while it is in use.
        if (entry.users > 0) return;
        const before = room.changes;
        try {
          await room.unload();
          // A server-side change (a status set through the API) that came while the extensions
          // were saving would be dropped with the room: save again until none came (RM3).
          if (room.changes === before) break;
        } catch (err) {
          this.log.error({ room: name, err }, "saving room failed; keeping it in memory and retrying");
          await new Promise((r) => setTimeout(r, UNLOAD_RETRY_MS));
          // Shutdown saves the room itself, within its own deadline.
          if (this.rooms.get(name) !== entry || this.closing) return;
        }
      }
      // Someone may have joined while it was saving: then it stays.
      if (entry.users === 0 && this.rooms.get(name) === entry) {
        this.rooms.delete(name);
        room.destroy();
        this.log.debug({ room: name }, "room unloaded");
      }
    })().finally(() => {
      entry.unloading = null;
    });
    await entry.unloading;
  }
}
