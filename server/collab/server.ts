// The collaboration endpoint: websocket upgrades at /collab/<timelineId>, speaking y-websocket.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { TLogger } from "../log.ts";
import { CLOSE } from "../../lib/protocol/close-codes.ts";
import { HEARTBEAT_MS, MAX_MESSAGE_BYTES } from "../../lib/protocol/limits.ts";
import { parseCollabPath } from "../../lib/protocol/room-name.ts";
import type { TAuthenticate } from "./extensions/auth.ts";
import { TimelineNotFoundError } from "./extensions/persistence.ts";
import type { RoomManager } from "./rooms.ts";
import { Session } from "./session.ts";
import { closeWs, wsSocket } from "./socket.ts";

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
    // Frames that arrive while the room loads wait here, in order, up to one message's worth.
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let session: Session | null = null;
    /** Set once the socket is being closed: nothing it sends afterwards is read. */
    let done = false;
    const refuse = (code: number, reason: string) => {
      done = true;
      early.length = 0;
      closeWs(ws, code, reason);
    };
    ws.on("message", (data: RawData, isBinary: boolean) => {
      if (done) return;
      if (!isBinary) {
        log.warn({ room: timelineId }, "closing session: text frame");
        session?.close(CLOSE.unsupportedData, "the collab protocol is binary");
        refuse(CLOSE.unsupportedData, "the collab protocol is binary");
        return;
      }
      const bytes = toUint8Array(data);
      if (session) {
        session.handleMessage(bytes);
        if (session.isClosed) done = true;
        return;
      }
      earlyBytes += bytes.byteLength;
      if (earlyBytes > MAX_MESSAGE_BYTES) refuse(CLOSE.messageTooBig, "too much sent before the timeline opened");
      else early.push(bytes);
    });
    ws.on("error", (err) => log.warn({ room: timelineId, err: err.message }, "socket error"));
    ws.on("close", () => {
      done = true;
      if (session) rooms.detach(session);
    });
    watchLiveness(ws);

    // A membership change while this socket authenticates and loads would miss it: compare after.
    const accessBefore = rooms.accessVersion(timelineId);
    const result = await authenticate(req, timelineId);
    if (!result.ok) {
      refuse(result.code, result.reason);
      return;
    }
    let room;
    try {
      room = await rooms.acquire(timelineId);
    } catch (err) {
      const notFound = err instanceof TimelineNotFoundError;
      if (!notFound) log.error({ room: timelineId, err }, "could not load room");
      refuse(notFound ? CLOSE.notFound : CLOSE.internalError, notFound ? "no such timeline" : "could not load the timeline");
      return;
    }
    if (done) {
      rooms.release(timelineId);
      return;
    }
    session = new Session(wsSocket(ws), room, result.user, result.role, log);
    session.start();
    if (rooms.accessVersion(timelineId) !== accessBefore) {
      session.close(CLOSE.roleChanged, "access changed while connecting");
      done = true;
      return;
    }
    for (const bytes of early.splice(0)) session.handleMessage(bytes);
    if (session.isClosed) done = true;
  }

  /**
   * A half-open connection (a laptop that slept) never closes by itself and would keep its room
   * loaded: ping every HEARTBEAT_MS and drop a socket that did not answer the previous ping.
   */
  function watchLiveness(ws: WebSocket): void {
    let alive = true;
    ws.on("pong", () => {
      alive = true;
    });
    const timer = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    timer.unref();
    ws.on("close", () => clearInterval(timer));
  }

  return {
    handleUpgrade(req, socket, head) {
      const timelineId = parseCollabPath(req.url ?? "");
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!timelineId) {
          closeWs(ws, CLOSE.notFound, "no such timeline");
          return;
        }
        if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
          log.warn({ room: timelineId, origin: req.headers.origin }, "refused a socket from another origin");
          closeWs(ws, CLOSE.forbidden, "origin not allowed");
          return;
        }
        accept(ws, req, timelineId).catch((err: unknown) => {
          log.error({ room: timelineId, err }, "collab connection failed");
          closeWs(ws, CLOSE.internalError, "internal error");
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
