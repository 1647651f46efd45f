// The minimal surface a session needs from a socket, so room logic runs without a network in tests.
import type { WebSocket } from "ws";

export interface TSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent: a slow reader shows here first. */
  readonly bufferedAmount: number;
}

export function wsSocket(ws: WebSocket): TSocket {
  return {
    send(data) {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    },
    close(code, reason) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason.slice(0, 120));
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}
