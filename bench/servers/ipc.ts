// The child side of a benchmarked server process: the parent asks over IPC for rooms to use and for
// the process's memory after a full collection, so every server is measured the same way, from the
// inside. (CPU is read from /proc by the parent: it must not wait for a busy event loop.)
export type TMemory = { rss: number; heapUsed: number; external: number };

export type TChildRequest = { id: number; op: "rooms"; count: number } | { id: number; op: "memory" } | { id: number; op: "loaded-rooms" };
export type TChildMessage = { ready: { url: string; cookie?: string; note?: string } } | { id: number; result?: unknown; error?: string };

export type TBenchServer = {
  url: string;
  /** Sent on every socket's upgrade request (our server's session cookie). */
  cookie?: string;
  note?: string;
  /** Names of `count` fresh rooms (timelines for our server, any string for the others). */
  createRooms(count: number): Promise<string[]>;
  /** Rooms held in memory, for a server that unloads them to storage. */
  loadedRooms?(): number;
};

export function serveParent(server: TBenchServer): void {
  if (!process.send) throw new Error("a bench server runs as a forked child (bench/servers/process.ts)");
  const send = (m: TChildMessage) => process.send!(m);
  process.on("message", (m: TChildRequest) => {
    const reply = (p: Promise<unknown>) =>
      p.then(
        (result) => send({ id: m.id, result }),
        (err: unknown) => send({ id: m.id, error: String((err as Error)?.stack ?? err) }),
      );
    if (m.op === "rooms") reply(server.createRooms(m.count));
    else if (m.op === "memory") reply(Promise.resolve(memory()));
    else reply(Promise.resolve(server.loadedRooms?.() ?? null));
  });
  // The parent going away (even killed) must not leave a server listening.
  process.on("disconnect", () => process.exit(0));
  send({ ready: { url: server.url, cookie: server.cookie, note: server.note } });
}

function memory(): TMemory {
  // Two collections: the first may only run finalizers that free more. (Children run --expose-gc.)
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

let roomCounter = 0;

/** Room names for servers that create rooms on first use. */
export function namedRooms(count: number): Promise<string[]> {
  return Promise.resolve(Array.from({ length: count }, () => `bench-${++roomCounter}`));
}
