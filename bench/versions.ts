// `npm run bench:versions`: for the demo timeline and a 5,000-entry one, through the app as `npm start` runs
// it (Next, API, embedded PGlite): a version's stored size (whole state, then a diff against it), the time to
// save one, to open it (its Yjs state, and as JSON), to compare it with now and to restore it, after a stock
// Yjs client deleted three entries and rewrote a headline. Writes bench/versions-results.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { startApp } from "../e2e/fixtures/server.ts";
import { connectStock } from "../e2e/fixtures/stock-client.ts";
import { timelineToTimelineJs } from "../lib/formats/timelinejs.ts";
import { applyTextDiff, deleteEntry, entryTitle } from "../lib/timeline/ops.ts";
import { listEntries } from "../lib/timeline/schema.ts";
import { buildIdlibTimeline } from "../prisma/seed/idlib.ts";
import { buildLargeTimeline } from "./timeline.ts";

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`);
const log = (s: string) => process.stderr.write(`[bench:versions] ${s}\n`);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

const demo = new Y.Doc();
buildIdlibTimeline(demo, { now: new Date("2024-01-01T00:00:00Z") });
const large = new Y.Doc();
Y.applyUpdate(large, buildLargeTimeline(5000));

if (spawnSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" }).status !== 0) process.exit(1);
delete process.env.DATABASE_URL;
log("starting the app (embedded PGlite)");
const app = await startApp();
const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  console.log(line);
};
try {
  const origin = { origin: app.url };
  const signUp = await fetch(`${app.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", ...origin },
    body: JSON.stringify({ name: "Bench", email: `bench-${Date.now()}@example.test`, password: "correct horse battery" }),
  });
  const cookie = (signUp.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const api = async (p: string, init: RequestInit = {}) => {
    const res = await fetch(`${app.url}${p}`, { ...init, headers: { cookie, ...origin, ...(init.headers ?? {}) } });
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${p} answered ${res.status}: ${await res.text()}`);
    return res;
  };
  const json = { "content-type": "application/json" };

  out(`# Versions benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, through the app on embedded PGlite)`);
  out();
  out("| timeline | version size: whole / diff after the edits | save | open (Yjs state / JSON) | compare with now | restore |");
  out("|---|---|---|---|---|---|");
  for (const [name, doc] of [["demo (Idlib)", demo], ["5,000 entries", large]] as const) {
    const imported = await api("/api/timelines/import", { method: "POST", headers: json, body: JSON.stringify(timelineToTimelineJs(doc)) });
    const { id } = (await imported.json()) as { id: string };
    const save = await timed(async () => (await api(`/api/timelines/${id}/versions`, { method: "POST", headers: json, body: JSON.stringify({ name: "Before the edits" }) })).json());
    const before = (save.value as { version: { id: string } }).version.id;

    // Three entries deleted and a headline rewritten, by a stock Yjs client, as an editor would.
    const client = await connectStock(app.url, id, cookie);
    const entries = listEntries(client.doc);
    client.doc.transact(() => {
      for (const e of entries.slice(0, 3)) deleteEntry(client.doc, e.id);
      applyTextDiff(entryTitle(client.doc, entries[5].id), "A rewritten headline");
    });
    for (;;) {
      const c = (await (await api(`/api/timelines/${id}/versions/${before}/compare?to=current`)).json()) as { removed: unknown[]; changed: unknown[] };
      if (c.removed.length === 3 && c.changed.length >= 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await api(`/api/timelines/${id}/versions`, { method: "POST", headers: json, body: JSON.stringify({ name: "After the edits" }) });
    const list = (await (await api(`/api/timelines/${id}/versions`)).json()) as { versions: Array<{ name: string; sizeBytes: number }> };
    const size = (n: string) => list.versions.find((v) => v.name === n)?.sizeBytes ?? 0;

    const open = await timed(async () => (await api(`/api/timelines/${id}/versions/${before}`)).arrayBuffer());
    const openJson = await timed(async () => (await api(`/api/timelines/${id}/versions/${before}?format=json`)).json());
    const compare = await timed(async () => (await api(`/api/timelines/${id}/versions/${before}/compare?to=current`)).json());
    const restore = await timed(async () => (await api(`/api/timelines/${id}/versions/${before}/restore`, { method: "POST", headers: json, body: "{}" })).json());
    client.provider.destroy();
    out(
      `| ${name} | ${kb(size("Before the edits"))} / ${kb(size("After the edits"))} | ${ms(save.ms)} ms | ${ms(open.ms)} ms (${kb(open.value.byteLength)}) / ${ms(openJson.ms)} ms | ${ms(compare.ms)} ms | ${ms(restore.ms)} ms |`,
    );
    log(`${name} done`);
  }
} finally {
  await app.dispose();
}
fs.writeFileSync(path.join(import.meta.dirname, "versions-results.md"), `${lines.join("\n")}\n`);
