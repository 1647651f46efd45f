// `npm run bench`: our collab server beside the stock y-websocket 1.5.4 server, Hocuspocus 4.7 and a
// bare ws broadcast, in one run, on the scenarios of /work/shared/perf-reference.md. Prints the
// table and writes it to bench/results.md. Options: --quick (about a minute: short windows, small
// rooms, one process per server), --servers=ours,hocuspocus (a subset).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderReport, type TLoadKey, type TOutcome, type TResults, type TRunInfo } from "./report.ts";
import { machine, runIdle, runLateJoiner, runLoad, type TLoadOptions } from "./scenarios.ts";
import { SERVERS, startServerProcess, type TServerKind, type TServerProcess } from "./servers/process.ts";
import { buildLargeTimeline } from "./timeline.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((a) => a.startsWith("--servers="))?.slice("--servers=".length).split(",");
const kinds = (Object.keys(SERVERS) as TServerKind[]).filter((k) => !only || only.includes(k));
const unknown = only?.filter((k) => !(k in SERVERS)) ?? [];
if (unknown.length > 0 || args.some((a) => a !== "--quick" && !a.startsWith("--servers="))) {
  console.error(`usage: npm run bench -- [--quick] [--servers=${Object.keys(SERVERS).join(",")}]`);
  process.exit(2);
}

// Full: ~20 s windows as in perf-reference.md. Quick: a sanity check of every path in about a minute.
const plan = quick
  ? { warmMs: 1000, measureMs: 2000, drainMs: 1500, idle: { connections: 200, rooms: 20 }, late: { entries: 1000, repeats: 1 } }
  : { warmMs: 3000, measureMs: 20_000, drainMs: 10_000, idle: { connections: 1000, rooms: 100 }, late: { entries: 5000, repeats: 5 } };
const load = (clients: number, editsPerSecond: number): TLoadOptions => ({ clients, editsPerSecond, warmMs: plan.warmMs, measureMs: plan.measureMs, drainMs: plan.drainMs });
const loads: Record<TLoadKey, TLoadOptions> = { load50x2: load(50, 2), load200x05: load(200, 0.5), load200x2: load(200, 2) };

const started = performance.now();
const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

log(`building the ${plan.late.entries}-entry timeline`);
const bigUpdate = buildLargeTimeline(plan.late.entries);

const results = Object.fromEntries(kinds.map((k) => [k, {}])) as TResults;
const running = new Map<TServerKind, TServerProcess>();
const cannotStart = new Map<TServerKind, string>();

/** Runs one scenario on a server: a fresh process each time, except in --quick. */
async function measure<T>(kind: TServerKind, what: string, fn: (server: TServerProcess) => Promise<T>): Promise<TOutcome<T>> {
  const failed = cannotStart.get(kind);
  if (failed) return { ok: false, error: failed };
  let server = running.get(kind);
  try {
    if (!server) {
      server = await startServerProcess(kind);
      results[kind].note = server.note;
      running.set(kind, server);
    }
  } catch (err) {
    const error = `could not start: ${firstLines(err)}`;
    cannotStart.set(kind, error);
    log(`${kind}: ${error}`);
    return { ok: false, error };
  }
  log(`${SERVERS[kind].label}: ${what}`);
  try {
    return { ok: true, value: await fn(server) };
  } catch (err) {
    log(`${kind}: ${what} failed: ${String((err as Error).stack ?? err)}`);
    return { ok: false, error: firstLines(err) };
  } finally {
    if (!quick) {
      running.delete(kind);
      await server.stop();
    }
  }
}

const describe = (o: TLoadOptions) => `${o.clients} clients × ${o.editsPerSecond} edits/s`;
const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const loadBefore = loadavg();
try {
  // Memory first (quick mode reuses processes, and a backlog must not leave garbage behind).
  for (const kind of kinds) results[kind].idle = await measure(kind, `${plan.idle.connections} idle connections`, (s) => runIdle(s, plan.idle));
  for (const kind of kinds.filter((k) => SERVERS[k].hasDoc)) {
    results[kind].late = await measure(kind, `late joiner on ${plan.late.entries} entries`, (s) => runLateJoiner(s, bigUpdate, plan.late));
  }
  for (const key of Object.keys(loads) as TLoadKey[]) {
    for (const kind of kinds) {
      results[kind][key] = await measure(kind, describe(loads[key]!), (s) => runLoad(s, loads[key]!));
      const r = results[kind][key];
      if (r?.ok) log(`  p50 ${r.value.p50.toFixed(1)} ms, p99 ${r.value.p99.toFixed(1)} ms, ${Math.round(r.value.deliveredPerSecond)} deliveries/s, server ${r.value.serverCpu.toFixed(0)} %, generator ${r.value.generatorCpu.toFixed(0)} %`);
    }
  }
} finally {
  for (const server of running.values()) await server.stop();
}

/** Which code "ours" was: the bench measures the working tree, committed or not. */
function revision(): string {
  try {
    return execFileSync("git", ["describe", "--always", "--dirty"], { cwd: import.meta.dirname, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

const run: TRunInfo = {
  quick,
  kinds,
  machine: `nproc ${machine.cores} (${machine.cpu}), ${machine.memoryGiB.toFixed(0)} GiB, Node ${process.version}; ours at ${revision()}; load average before ${loadBefore}, after ${loadavg()}`,
  load: {
    measureMs: plan.measureMs,
    clients: {
      load50x2: describe(loads.load50x2),
      load200x05: describe(loads.load200x05),
      load200x2: `${describe(loads.load200x2)} (${(loads.load200x2.clients * (loads.load200x2.clients - 1) * loads.load200x2.editsPerSecond).toLocaleString("en")} deliveries/s)`,
    },
  },
  idle: plan.idle,
  late: { entries: plan.late.entries, megabytes: bigUpdate.byteLength / 1e6, repeats: plan.late.repeats },
  minutes: (performance.now() - started) / 60_000,
};
const report = renderReport(results, run);
process.stdout.write(report);
fs.writeFileSync(path.join(import.meta.dirname, "results.md"), report);
log("written to bench/results.md");

function firstLines(err: unknown): string {
  return String((err as Error)?.message ?? err).split("\n").filter(Boolean).slice(0, 3).join(" / ").slice(0, 400);
}
