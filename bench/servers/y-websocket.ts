// The stock y-websocket 1.5.4 server: its bin/server.js, minus reading HOST/PORT from the env.
import http from "node:http";
import { createRequire } from "node:module";
import type { IncomingMessage } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { namedRooms, serveParent } from "./ipc.ts";

const require = createRequire(import.meta.url);
const { setupWSConnection } = require("y-websocket-v1/bin/utils") as {
  setupWSConnection(conn: WebSocket, req: IncomingMessage): void;
};

const server = http.createServer();
const wss = new WebSocketServer({ server });
wss.on("connection", setupWSConnection);
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  serveParent({ url: `ws://127.0.0.1:${port}`, createRooms: namedRooms });
});
