// The five scenarios of /work/shared/perf-reference.md, each against one running server.
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import { entriesMap } from "../lib/timeline/schema.ts";
import { machineBusyMicros } from "./cpu.ts";
import { BenchClient, connectClients, type TEndpoint } from "./clients.ts";
import type { TMemory } from "./servers/ipc.ts";
import type { TServerProcess } from "./servers/process.ts";

const KiB = 1024;
const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function endpointOf(server: TServerProcess): TEndpoint {
  return { url: server.url, cookie: server.cookie, protocol: server.protocol };
}

// ---- 1-3: clients editing one room -------------------------------------------------------------

export type TLoadOptions = { clients: number; editsPerSecond: number; warmMs: number; measureMs: number; drainMs: number };

export type TLoadResult = {
  p50: number;
  p99: number;
  /** Edits sent during the window, and their deliveries to the other clients: expected and seen. */
  sent: number;
  expected: number;
  delivered: number;
  /** Deliveries that arrived during the window, per second. */
  deliveredPerSecond: number;
  /** How long after the window the last of its edits arrived (capped at drainMs). */
  drainMs: number;
  /** What the clients asked for: edits/s × (clients − 1). */
  offeredPerSecond: number;
  /** p50 of the edits sent in the first and in the last fifth of the window: growth means a backlog. */
  firstP50: number;
  lastP50: number;
  behind: boolean;
  /** CPU over the window, in % of one core: the server, this load generator, and everything else. */
  serverCpu: number;
  generatorCpu: number;
  otherCpu: number;
  /** The generator's event-loop delay p99: when high, its own queueing is in the latencies. */
  generatorLagP99: number;
  serverCpuPerDelivery: number;
};

export async function runLoad(server: TServerProcess, o: TLoadOptions): Promise<TLoadResult> {
  const [room] = await server.rooms(1);
  const latencies: number[] = [];
  const sentAts: number[] = [];
  let t0 = Infinity;
  let t1 = Infinity;
  let counting = false;
  let deliveredDuringWindow = 0;
  let lastArrival = 0;
  const onDelivery = (_sender: number, sentAt: number, now: number) => {
    if (counting) deliveredDuringWindow++;
    if (sentAt >= t0 && sentAt < t1) {
      latencies.push(now - sentAt);
      sentAts.push(sentAt);
      lastArrival = now;
    }
  };
  const clients = await connectClients(endpointOf(server), [room!], o.clients, onDelivery);
  try {
    const start = performance.now();
    t0 = start + o.warmMs;
    t1 = t0 + o.measureMs;
    const period = 1000 / o.editsPerSecond;
    const next = clients.map(() => start + Math.random() * period);
    let sent = 0;
    // One timer for all clients: hundreds of timers would cost the generator more than the edits.
    const timer = setInterval(() => {
      const now = performance.now();
      if (now >= t1) return;
      clients.forEach((client, i) => {
        for (; next[i] <= now; next[i] += period) {
          const at = client.edit();
          if (at >= t0 && at < t1) sent++;
        }
      });
    }, 5);

    await sleep(t0 - performance.now());
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const before = cpuSnapshot(server);
    counting = true;
    await sleep(t1 - performance.now());
    counting = false;
    const after = cpuSnapshot(server);
    lag.disable();
    clearInterval(timer);

    const expected = sent * (o.clients - 1);
    const drainEnd = performance.now() + o.drainMs;
    while (latencies.length < expected && performance.now() < drainEnd) await sleep(20);

    const windowSeconds = (after.at - before.at) / 1000;
    const fifth = o.measureMs / 5;
    const p50Of = (from: number, to: number) => percentile(latencies.filter((_, i) => sentAts[i]! >= from && sentAts[i]! < to), 0.5);
    const firstP50 = p50Of(t0, t0 + fifth);
    const lastP50 = p50Of(t1 - fifth, t1);
    const serverMicros = after.server - before.server;
    const all = Float64Array.from(latencies).sort();
    const offeredPerSecond = o.clients * o.editsPerSecond * (o.clients - 1);
    const deliveredPerSecond = deliveredDuringWindow / windowSeconds;
    return {
      p50: percentile(all, 0.5, true),
      p99: percentile(all, 0.99, true),
      sent,
      expected,
      delivered: latencies.length,
      deliveredPerSecond,
      offeredPerSecond,
      drainMs: Math.max(0, lastArrival - t1),
      firstP50,
      lastP50,
      // Behind: it delivers less than is asked (a backlog may have built up in the warm-up already),
      // edits are still missing after the drain, or latency grows over the window.
      behind: deliveredPerSecond < 0.95 * offeredPerSecond || latencies.length < expected * 0.999 || lastP50 > Math.max(3 * firstP50, firstP50 + 100),
      serverCpu: serverMicros / 1e4 / windowSeconds,
      generatorCpu: (after.generator - before.generator) / 1e4 / windowSeconds,
      otherCpu: Math.max(0, (after.machine - before.machine - serverMicros - (after.generator - before.generator)) / 1e4 / windowSeconds),
      generatorLagP99: lag.percentile(99) / 1e6,
      serverCpuPerDelivery: serverMicros / deliveredDuringWindow,
    };
  } finally {
    for (const c of clients) c.close();
  }
}

// ---- 4: idle connections -----------------------------------------------------------------------

export type TIdleResult = { perConnectionKiB: number; heapPerConnectionKiB: number; connectSeconds: number };

export async function runIdle(server: TServerProcess, o: { connections: number; rooms: number }): Promise<TIdleResult> {
  await warmUp(server);
  const rooms = await server.rooms(o.rooms);
  const before = await server.memory();
  const started = performance.now();
  const clients = await connectClients(endpointOf(server), rooms, o.connections);
  try {
    const connectSeconds = (performance.now() - started) / 1000;
    clients.forEach((c, i) => c.setAwareness({ user: { name: `Reader ${i}`, color: "#30bced" } }));
    await settled(() => clients.reduce((n, c) => n + c.awarenessReceived, 0));
    const after = await server.memory();
    return {
      perConnectionKiB: (after.rss - before.rss) / o.connections / KiB,
      heapPerConnectionKiB: (after.heapUsed - before.heapUsed) / o.connections / KiB,
      connectSeconds,
    };
  } finally {
    for (const c of clients) c.close();
  }
}

// ---- 5: a late joiner on a large timeline ------------------------------------------------------

export type TJoin = { toStep2Ms: number; toAppliedMs: number };
export type TLateJoinResult = { updateBytes: number; warm: TJoin; roomMiB: number; roomHeapMiB: number; roomExternalMiB: number; cold: TJoin | null };

export async function runLateJoiner(server: TServerProcess, update: Uint8Array, o: { entries: number; repeats: number }): Promise<TLateJoinResult> {
  await warmUp(server);
  const [room] = await server.rooms(1);
  const endpoint = endpointOf(server);
  const before = await server.memory();
  // The seeder puts the timeline in the room and stays, as the colleague who has it open.
  const [seeder] = await connectClients(endpoint, [room!], 1);
  const warm: TJoin[] = [];
  const cold: TJoin[] = [];
  let after: TMemory;
  try {
    const applied = seeder!.nextStep2();
    seeder!.sendUpdate(update);
    seeder!.sendStep1(Y.encodeStateVectorFromUpdate(update));
    await within(applied, 60_000, "the server to take the timeline"); // answered in order: the update is in the room
    await sleep(1000); // ours writes it to its update log within 500 ms
    after = await server.memory();
    for (let i = 0; i < o.repeats; i++) warm.push(await join(endpoint, room!, o.entries));
  } finally {
    seeder!.close();
  }
  // Ours keeps the timeline in storage: the first visitor after everyone left loads it from there.
  if ((await server.loadedRooms()) !== null) {
    for (let i = 0; i < o.repeats; i++) {
      await until(async () => (await server.loadedRooms()) === 0, "the room to unload", 60_000);
      cold.push(await join(endpoint, room!, o.entries));
    }
  }
  return {
    updateBytes: update.byteLength,
    warm: medianJoin(warm),
    roomMiB: (after!.rss - before.rss) / MiB,
    roomHeapMiB: (after!.heapUsed - before.heapUsed) / MiB,
    roomExternalMiB: (after!.external - before.external) / MiB,
    cold: cold.length > 0 ? medianJoin(cold) : null,
  };
}

async function join(endpoint: TEndpoint, room: string, entries: number): Promise<TJoin> {
  // The previous joiner's doc is garbage now: collect it here, not in the middle of this apply
  // (npm run bench gives the generator --expose-gc).
  globalThis.gc?.();
  const joiner = new BenchClient(endpoint, room, 9999);
  try {
    const payload = await within(joiner.nextStep2(), 60_000, "the late joiner's sync step 2");
    const received = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, payload);
    const applied = performance.now();
    const got = entriesMap(doc).size;
    doc.destroy();
    if (got !== entries) throw new Error(`the late joiner got ${got} entries, not ${entries}`);
    return { toStep2Ms: received - joiner.openedAt, toAppliedMs: applied - joiner.openedAt };
  } finally {
    joiner.close();
  }
}

function medianJoin(joins: TJoin[]): TJoin {
  return { toStep2Ms: percentile(joins.map((j) => j.toStep2Ms), 0.5), toAppliedMs: percentile(joins.map((j) => j.toAppliedMs), 0.5) };
}

// ---- helpers -----------------------------------------------------------------------------------

/** A few sockets through every code path first, so lazy start-up costs are not counted as load. */
async function warmUp(server: TServerProcess): Promise<void> {
  const rooms = await server.rooms(1);
  const clients = await connectClients(endpointOf(server), rooms, 10);
  clients.forEach((c, i) => (c.edit(), c.setAwareness({ user: { name: `Warm-up ${i}` } })));
  await sleep(300);
  for (const c of clients) c.close();
  await sleep(700);
}

/** Waits until a count stops changing for half a second (at most 15 s). */
async function settled(count: () => number): Promise<void> {
  const end = performance.now() + 15_000;
  let last = -1;
  while (count() !== last && performance.now() < end) {
    last = count();
    await sleep(500);
  }
}

/** A reply that never comes (the server closed the socket) fails the scenario instead of hanging the bench. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function cpuSnapshot(server: TServerProcess) {
  const own = process.cpuUsage();
  return { at: performance.now(), server: server.cpuMicros(), generator: own.user + own.system, machine: machineBusyMicros() };
}


function percentile(values: ArrayLike<number>, q: number, sorted = false): number {
  if (values.length === 0) return NaN;
  const s = sorted ? values : Float64Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export const machine = { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? "unknown", memoryGiB: os.totalmem() / 1024 ** 3 };
