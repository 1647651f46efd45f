// Starts one benchmarked server in a child process of its own, so that its CPU and memory are its
// own, and talks to it over IPC (bench/servers/ipc.ts).
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "../../server/test/scratch.ts";
import { processCpuMicros } from "../cpu.ts";
import type { TChildMessage, TChildRequest, TMemory } from "./ipc.ts";

export type TServerKind = "ours" | "y-websocket" | "hocuspocus" | "bare-ws";
/** Hocuspocus puts the document name in front of every message and wants an auth message first. */
export type TProtocol = "y-websocket" | "hocuspocus";

export const SERVERS: Record<TServerKind, { label: string; protocol: TProtocol; hasDoc: boolean }> = {
  ours: { label: "Dateline (ours)", protocol: "y-websocket", hasDoc: true },
  "y-websocket": { label: "y-websocket 1.5.4", protocol: "y-websocket", hasDoc: true },
  hocuspocus: { label: "Hocuspocus 4.7", protocol: "hocuspocus", hasDoc: true },
  "bare-ws": { label: "bare ws broadcast", protocol: "y-websocket", hasDoc: false },
};

export type TServerProcess = {
  kind: TServerKind;
  protocol: TProtocol;
  pid: number;
  url: string;
  cookie: string | undefined;
  note: string | undefined;
  rooms(count: number): Promise<string[]>;
  /** Memory after two full collections. */
  memory(): Promise<TMemory>;
  /** Rooms our server holds in memory (null for servers without storage). */
  loadedRooms(): Promise<number | null>;
  /** CPU time (user + system, every thread) the process has used, in µs. */
  cpuMicros(): number;
  stop(): Promise<void>;
};

/** A server needs this long at most to start (ours migrates a fresh database first). */
const START_TIMEOUT_MS = 90_000;

export async function startServerProcess(kind: TServerKind): Promise<TServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-bench-"));
  const db = kind === "ours" && process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, "dateline_bench") : null;
  // A fixed secret: without one, ours generates and announces one at every start.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", LOG_LEVEL: "warn", AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0" };
  if (db) env.DATABASE_URL = db.url;
  else delete env.DATABASE_URL;
  const child = fork(path.join(import.meta.dirname, `${kind}.ts`), [], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    env,
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    }
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const ready = await waitReady(child, () => stderr);
    const call = ipcCaller(child);
    return {
      kind,
      protocol: SERVERS[kind].protocol,
      pid: child.pid!,
      ...ready,
      rooms: (count) => call({ op: "rooms", count }) as Promise<string[]>,
      memory: () => call({ op: "memory" }) as Promise<TMemory>,
      loadedRooms: () => call({ op: "loaded-rooms" }) as Promise<number | null>,
      cpuMicros: () => processCpuMicros(child.pid!),
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function waitReady(child: ChildProcess, stderr: () => string): Promise<{ url: string; cookie: string | undefined; note: string | undefined }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${START_TIMEOUT_MS / 1000} s\n${stderr()}`)), START_TIMEOUT_MS);
    child.on("message", (m: TChildMessage) => {
      if ("ready" in m) {
        clearTimeout(timer);
        resolve({ url: m.ready.url, cookie: m.ready.cookie, note: m.ready.note });
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was ready (${signal ?? `code ${code}`})\n${stderr().trim()}`));
    });
  });
}

type TRequestBody = TChildRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

function ipcCaller(child: ChildProcess): (body: TRequestBody) => Promise<unknown> {
  let nextId = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on("message", (m: TChildMessage) => {
    if (!("id" in m)) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.result);
  });
  child.on("exit", () => {
    for (const p of pending.values()) p.reject(new Error("server process exited"));
    pending.clear();
  });
  return (body) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ ...body, id } as TChildRequest);
    });
}
