// One connected client: its socket, its user and role, and the awareness client ids it controls.
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { TLogger } from "../log.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import {
  MAX_BUFFERED_BYTES,
  MESSAGE_BURST,
  MESSAGES_PER_SECOND,
  READ_ONLY_UPDATES_BEFORE_CLOSE,
  SYNC_STEP1_BURST,
  SYNC_STEP1_PER_MINUTE,
} from "../../lib/protocol/limits.ts";
import { dispatchMessage, encodeAwarenessMessage, encodePermissionDenied, encodeSyncStep1, ProtocolError } from "./messages.ts";
import type { Room } from "./room.ts";
import type { TSocket } from "./socket.ts";

export type TSessionUser = { id: string; name: string };
export type TRole = "owner" | "editor" | "commenter" | "viewer";

export class Session {
  /** Awareness client ids this socket has published: removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  private closed = false;
  private droppedUpdates = 0;
  /** Token bucket: refills at MESSAGES_PER_SECOND up to MESSAGE_BURST. */
  private readonly messages = new TokenBucket(MESSAGES_PER_SECOND, MESSAGE_BURST);
  private readonly step1s = new TokenBucket(SYNC_STEP1_PER_MINUTE / 60, SYNC_STEP1_BURST);

  constructor(
    readonly socket: TSocket,
    readonly room: Room,
    readonly user: TSessionUser,
    readonly role: TRole,
    private readonly log: TLogger,
  ) {}

  get canWrite(): boolean {
    return this.role === "owner" || this.role === "editor";
  }

  /** Joins the room and opens the y-websocket handshake: sync step 1 and current presence. */
  start(): void {
    this.room.join(this);
    this.send(encodeSyncStep1(this.room.doc));
    const ids = [...this.room.awareness.getStates().keys()];
    if (ids.length > 0) this.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids)));
  }

  handleMessage(data: Uint8Array): void {
    if (this.closed) return;
    if (!this.messages.take()) {
      this.log.warn({ room: this.room.name, user: this.user.id }, "closing session: message flood");
      this.close(CLOSE.rateLimited, `more than ${MESSAGES_PER_SECOND} messages a second`);
      return;
    }
    try {
      dispatchMessage(this, data);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.closeCode : CLOSE.internalError;
      this.log.warn({ room: this.room.name, user: this.user.id, code, err: (err as Error).message }, "closing session: bad message");
      // The reason is ours, not an echo of the client's bytes.
      this.close(code, err instanceof ProtocolError ? err.publicReason : "internal error");
    }
  }

  receiveUpdate(update: Uint8Array, kind: "step2" | "update"): void {
    if (!this.canWrite) {
      this.refuseUpdate(kind);
      return;
    }
    // Decode fully before applying: a malformed update must fail here, not half-way through
    // integrating into the shared doc.
    Y.decodeUpdate(update);
    Y.applyUpdate(this.room.doc, update, this);
  }

  /**
   * A read-only session's updates are dropped: it is told once, and closed if it keeps sending
   * edits. Its sync step 2 (the reply to the server's step 1, once per connection) is dropped
   * without counting: a stock provider sends one even when it has nothing new.
   */
  private refuseUpdate(kind: "step2" | "update"): void {
    if (kind === "update") this.droppedUpdates++;
    if (this.droppedUpdates === 1 && kind === "update") {
      this.send(encodePermissionDenied(`a ${this.role} cannot change this timeline`));
      this.log.info({ room: this.room.name, user: this.user.id, role: this.role }, "dropped an update from a read-only session");
    }
    if (this.droppedUpdates >= READ_ONLY_UPDATES_BEFORE_CLOSE) {
      this.log.warn({ room: this.room.name, user: this.user.id, role: this.role }, "closing read-only session that keeps sending updates");
      // Not 4403: the user still has access. A client that believes it may write (its role was
      // lowered while it was offline) reconnects and reads its role again.
      this.close(CLOSE.roleChanged, `a ${this.role} cannot change this timeline`);
    }
  }

  /** Answering sync step 1 can mean encoding the whole doc: a socket may ask only so often. */
  allowSyncStep1(): boolean {
    if (this.step1s.take()) return true;
    this.log.warn({ room: this.room.name, user: this.user.id }, "closing session: sync step 1 flood");
    this.close(CLOSE.rateLimited, "too many sync requests");
    return false;
  }

  send(data: Uint8Array): void {
    if (this.closed) return;
    // A reader that cannot keep up is dropped rather than buffered without bound; it reconnects
    // and syncs the difference.
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn({ room: this.room.name, user: this.user.id, buffered: this.socket.bufferedAmount }, "closing session: client reads too slowly");
      this.close(CLOSE.tryAgainLater, "you fell too far behind: reconnect");
      return;
    }
    this.socket.send(data);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

/** Refills at `perSecond` up to `burst`; each message takes one token. */
class TokenBucket {
  private tokens: number;
  private refilledAt = Date.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}
