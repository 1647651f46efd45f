// The floor: a ws server that relays each frame to the other sockets of its room and keeps no
// document. It answers the sync handshake with an empty doc so clients count as synced.
import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { namedRooms, serveParent } from "./ipc.ts";

const SYNC_STEP1_EMPTY = Uint8Array.of(0, 0, 1, 0);
const SYNC_STEP2_EMPTY = Uint8Array.of(0, 1, 2, 0, 0);

const rooms = new Map<string, Set<WebSocket>>();
const server = http.createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on("connection", (ws, req) => {
  const name = req.url ?? "/";
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = new Set()));
  room.add(ws);
  const peers = room;
  ws.send(SYNC_STEP1_EMPTY);
  ws.on("message", (data: Buffer) => {
    if (data[0] === 0 && data[1] === 0) {
      ws.send(SYNC_STEP2_EMPTY);
      return;
    }
    for (const peer of peers) if (peer !== ws) peer.send(data);
  });
  ws.on("close", () => {
    peers.delete(ws);
    if (peers.size === 0) rooms.delete(name);
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  serveParent({ url: `ws://127.0.0.1:${port}`, createRooms: namedRooms });
});
