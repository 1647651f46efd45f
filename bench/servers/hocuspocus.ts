// Hocuspocus 4.7 with its defaults (updates that arrive in one turn are merged), in memory.
import { Server } from "@hocuspocus/server";
import { namedRooms, serveParent } from "./ipc.ts";

const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, stopOnSignals: false });
await server.listen();
const { port } = server.httpServer.address() as { port: number };
serveParent({ url: `ws://127.0.0.1:${port}`, createRooms: namedRooms });
