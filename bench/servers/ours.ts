// Dateline's server (without Next.js) as the bench runs it: configured by the environment like
// server/main.ts (the parent sets DATA_DIR or DATABASE_URL), with one signed-up user whose cookie
// every bench socket sends, and timelines owned by that user as rooms.
import net from "node:net";
import { parseConfig } from "../../server/config.ts";
import { createLogger } from "../../server/log.ts";
import { startServer } from "../../server/app.ts";
import { createTimeline } from "../../server/domain/create-timeline.ts";
import { serveParent } from "./ipc.ts";

// A real port, not 0: the trusted origins (AU6, sign-up's Origin check) are derived from it.
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
const config = parseConfig({ ...process.env, HOST: "127.0.0.1", PORT: String(port), PUBLIC_URL: "", SEED_DEMO: "false" });
const server = await startServer(config, createLogger(config.logLevel), { next: false });

// One user for every client: sign-up is rate-limited to 10 a minute per address, and one user may
// hold any number of sockets.
const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: server.url },
  body: JSON.stringify({ name: "Bench Editor", email: `bench-${Date.now()}@example.test`, password: "correct horse battery" }),
});
if (!res.ok) throw new Error(`bench sign-up failed: ${res.status} ${await res.text()}`);
const { user } = (await res.json()) as { user: { id: string } };
const cookie = res.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");

let created = 0;
serveParent({
  url: `${server.url.replace(/^http/, "ws")}/collab`,
  cookie,
  note: config.databaseUrl ? "Postgres at DATABASE_URL" : "embedded PGlite (in the server process: its CPU and memory count)",
  async createRooms(count) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await createTimeline(server.context, user.id, { title: `Bench ${++created}` })).id);
    return ids;
  },
  loadedRooms: () => server.context.rooms.size,
});
