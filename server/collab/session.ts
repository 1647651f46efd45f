// One connected client: its socket, its user and role, and the awareness client ids it controls.
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { TLogger } from "../log.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { dispatchMessage, encodeAwarenessMessage, encodeSyncStep1, ProtocolError } from "./messages.ts";
import type { Room } from "./room.ts";
import type { TSocket } from "./socket.ts";

export type TSessionUser = { id: string; name: string };
export type TRole = "owner" | "editor" | "commenter" | "viewer";

export class Session {
  /** Awareness client ids this socket has published: removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  private closed = false;

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
    try {
      dispatchMessage(this, data);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.closeCode : CLOSE.internalError;
      this.log.warn({ room: this.room.name, user: this.user.id, code, err: (err as Error).message }, "closing session: bad message");
      this.close(code, (err as Error).message);
    }
  }

  receiveUpdate(update: Uint8Array): void {
    if (!this.canWrite) return;
    // Decode fully before applying: a malformed update must fail here, not half-way through
    // integrating into the shared doc.
    Y.decodeUpdate(update);
    Y.applyUpdate(this.room.doc, update, this);
  }

  send(data: Uint8Array): void {
    if (!this.closed) this.socket.send(data);
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
