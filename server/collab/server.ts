// The collaboration endpoint: websocket upgrades at /collab/<timelineId>, speaking y-websocket.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { TLogger } from "../log.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { MAX_MESSAGE_BYTES } from "../../lib/protocol/limits.ts";
import { parseCollabPath } from "../../lib/protocol/room-name.ts";
import type { TAuthenticate } from "./extensions/auth.ts";
import { TimelineNotFoundError } from "./extensions/persistence.ts";
import type { RoomManager } from "./rooms.ts";
import { Session } from "./session.ts";
import { wsSocket } from "./socket.ts";

export type TCollabServer = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
};

export function createCollabServer(opts: {
  rooms: RoomManager;
  authenticate: TAuthenticate;
  /** Browsers send Origin: a page on another site must not open a socket with the user's cookie. */
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  log: TLogger;
}): TCollabServer {
  const { rooms, authenticate, isAllowedOrigin, log } = opts;
  // maxPayload makes ws close an oversized frame with 1009 before buffering all of it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

  async function accept(ws: WebSocket, req: IncomingMessage, timelineId: string): Promise<void> {
    // Frames that arrive while the room loads wait here, in order.
    const early: Uint8Array[] = [];
    let session: Session | null = null;
    let gone = false;
    ws.on("message", (data: RawData, isBinary: boolean) => {
      const bytes = toUint8Array(data);
      if (!isBinary) {
        log.warn({ room: timelineId }, "closing session: text frame");
        ws.close(CLOSE.unsupportedData, "the collab protocol is binary");
        return;
      }
      if (session) session.handleMessage(bytes);
      else early.push(bytes);
    });
    ws.on("error", (err) => log.warn({ room: timelineId, err: err.message }, "socket error"));
    ws.on("close", () => {
      gone = true;
      if (session) rooms.detach(session);
    });

    const result = await authenticate(req, timelineId);
    if (!result.ok) {
      ws.close(result.code, result.reason);
      return;
    }
    let room;
    try {
      room = await rooms.acquire(timelineId);
    } catch (err) {
      const notFound = err instanceof TimelineNotFoundError;
      if (!notFound) log.error({ room: timelineId, err }, "could not load room");
      ws.close(notFound ? CLOSE.notFound : CLOSE.internalError, notFound ? "no such timeline" : "could not load the timeline");
      return;
    }
    if (gone) {
      rooms.release(timelineId);
      return;
    }
    session = new Session(wsSocket(ws), room, result.user, result.role, log);
    session.start();
    for (const bytes of early.splice(0)) session.handleMessage(bytes);
  }

  return {
    handleUpgrade(req, socket, head) {
      const timelineId = parseCollabPath(req.url ?? "");
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!timelineId) {
          ws.close(CLOSE.notFound, "no such timeline");
          return;
        }
        if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
          log.warn({ room: timelineId, origin: req.headers.origin }, "refused a socket from another origin");
          ws.close(CLOSE.forbidden, "origin not allowed");
          return;
        }
        accept(ws, req, timelineId).catch((err: unknown) => {
          log.error({ room: timelineId, err }, "collab connection failed");
          ws.close(CLOSE.internalError, "internal error");
        });
      });
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
