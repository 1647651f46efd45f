// The minimal surface a session needs from a socket, so room logic runs without a network in tests.
import type { WebSocket } from "ws";

export interface TSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent: a slow reader shows here first. */
  readonly bufferedAmount: number;
}

/** A close reason may hold at most 123 bytes of UTF-8; ws throws on more. */
const MAX_REASON_BYTES = 123;

/** Closes a socket with a reason cut to fit; never throws (a throw in a ws listener ends the process). */
export function closeWs(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState !== ws.OPEN && ws.readyState !== ws.CONNECTING) return;
  let bytes = Buffer.from(reason, "utf8");
  if (bytes.byteLength > MAX_REASON_BYTES) {
    bytes = bytes.subarray(0, MAX_REASON_BYTES);
    // Drop a partial UTF-8 sequence at the cut.
    reason = bytes.toString("utf8").replace(/\uFFFD+$/, "");
  }
  try {
    ws.close(code, reason);
  } catch {
    ws.terminate();
  }
}

export function wsSocket(ws: WebSocket): TSocket {
  return {
    send(data) {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    },
    close(code, reason) {
      closeWs(ws, code, reason);
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}
