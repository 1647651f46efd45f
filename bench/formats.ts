// `npm run bench:formats`: for the demo timeline and a 5,000-entry one, each export format's time and size
// (the converters alone, and the export route of the app as `npm start` runs it), the import time of the
// TimelineJS JSON and of the sheet (converter alone, and POST /api/timelines/import), and the time to first
// byte of the published page /p/<slug> (first request after publishing, then warm). Writes
// bench/formats-results.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import * as Y from "yjs";
import { startApp } from "../e2e/fixtures/server.ts";
import { writeSheet } from "../lib/formats/csv.ts";
import { timelineToHtml } from "../lib/formats/html.ts";
import { readImport } from "../lib/formats/import.ts";
import { timelineToJson } from "../lib/formats/json.ts";
import { timelineToJsonLd } from "../lib/formats/jsonld.ts";
import { timelineToMarkdown } from "../lib/formats/markdown.ts";
import { timelineToTimelineJs } from "../lib/formats/timelinejs.ts";
import { writeImportedTimeline } from "../lib/timeline/ops.ts";
import { buildIdlibTimeline } from "../prisma/seed/idlib.ts";
import { buildLargeTimeline } from "./timeline.ts";

const FORMATS: Record<string, (doc: Y.Doc) => string> = {
  timelinejs: (doc) => JSON.stringify(timelineToTimelineJs(doc), null, 2),
  csv: (doc) => writeSheet(timelineToTimelineJs(doc, { sheet: true })),
  html: (doc) => timelineToHtml(doc),
  markdown: (doc) => timelineToMarkdown(doc),
  jsonld: (doc) => JSON.stringify(timelineToJsonLd(doc), null, 2),
  json: (doc) => JSON.stringify(timelineToJson(doc), null, 2),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`);

function timed<T>(fn: () => T, runs: number): { ms: number; value: T } {
  let value = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), value };
}

// Time to the first byte of the answer (its status line and headers), then the whole body.
function ttfb(url: string): Promise<{ first: number; total: number; status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    http
      .get(url, (res) => {
        const first = performance.now() - t;
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => resolve({ first, total: performance.now() - t, status: res.statusCode ?? 0, bytes }));
      })
      .on("error", reject);
  });
}

const lines: string[] = [];
const out = (line = "") => {
  lines.push(line);
  console.log(line);
};
const log = (s: string) => process.stderr.write(`[bench:formats] ${s}\n`);

const demo = new Y.Doc();
buildIdlibTimeline(demo, { now: new Date("2024-01-01T00:00:00Z") });
const large = new Y.Doc();
Y.applyUpdate(large, buildLargeTimeline(5000));
const docs: Array<[string, Y.Doc]> = [["demo (Idlib)", demo], ["5,000 entries", large]];

out(`# Formats benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`);
out();
out("## Converters alone (median of runs, in process)");
out();
out("| timeline | format | export | size | import (read + write doc) |");
out("|---|---|---|---|---|");
const files: Record<string, { timelinejs: string; csv: string }> = {};
for (const [name, doc] of docs) {
  const runs = name.startsWith("demo") ? 20 : 3;
  for (const [format, render] of Object.entries(FORMATS)) {
    const { ms: t, value } = timed(() => render(doc), runs);
    let imported = "";
    if (format === "timelinejs" || format === "csv") {
      const kind = format === "csv" ? "csv" : "timelinejs";
      imported = `${ms(timed(() => {
        const { timeline } = readImport(kind, value);
        writeImportedTimeline(new Y.Doc(), timeline);
      }, runs).ms)} ms`;
      files[name] = { ...files[name]!, [format]: value };
    }
    out(`| ${name} | ${format} | ${ms(t)} ms | ${kb(Buffer.byteLength(value))} | ${imported} |`);
    log(`${name} ${format} ${ms(t)} ms`);
  }
}

// The app as `npm start` runs it: Next included, embedded PGlite (no DATABASE_URL).
if (spawnSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" }).status !== 0) process.exit(1);
log("starting the app (embedded PGlite)");
delete process.env.DATABASE_URL;
const app = await startApp();
try {
  const origin = { origin: app.url };
  const signUp = await fetch(`${app.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", ...origin },
    body: JSON.stringify({ name: "Bench", email: `bench-${Date.now()}@example.test`, password: "correct horse battery" }),
  });
  const cookie = (signUp.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const api = (p: string, init: RequestInit = {}) => fetch(`${app.url}${p}`, { ...init, headers: { cookie, ...origin, ...(init.headers ?? {}) } });

  out();
  out("## Through the app (`npm start`: Next, API, embedded PGlite), one request each after a warm-up");
  out();
  out("| timeline | import JSON | import CSV | format | export route | size | /p/<slug> first byte (first / warm median of 20) | whole page |");
  out("|---|---|---|---|---|---|---|---|");
  for (const [name] of docs) {
    const file = files[name]!;
    let t = performance.now();
    const res = await api("/api/timelines/import", { method: "POST", headers: { "content-type": "application/json" }, body: file.timelinejs });
    const importJson = performance.now() - t;
    if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    t = performance.now();
    const csvRes = await api("/api/timelines/import", { method: "POST", headers: { "content-type": "text/csv" }, body: file.csv });
    const importCsv = performance.now() - t;
    if (csvRes.status !== 201) throw new Error(`CSV import answered ${csvRes.status}`);

    const pub = await api(`/api/timelines/${id}/publish`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ override: true }) });
    if (pub.status !== 200 && pub.status !== 201) throw new Error(`publish answered ${pub.status}: ${await pub.text()}`);
    const { slug } = (await pub.json()) as { slug: string };
    const first = await ttfb(`${app.url}/p/${slug}`);
    const warm: number[] = [];
    let whole = 0;
    for (let i = 0; i < 20; i++) {
      const r = await ttfb(`${app.url}/p/${slug}`);
      if (r.status !== 200) throw new Error(`/p/${slug} answered ${r.status}`);
      warm.push(r.first);
      whole = r.total;
    }
    let firstRow = true;
    for (const format of Object.keys(FORMATS)) {
      await api(`/api/timelines/${id}/export?format=${format}`);
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < 3; i++) {
        t = performance.now();
        const r = await api(`/api/timelines/${id}/export?format=${format}`);
        size = (await r.arrayBuffer()).byteLength;
        times.push(performance.now() - t);
      }
      out(firstRow
        ? `| ${name} | ${ms(importJson)} ms | ${ms(importCsv)} ms | ${format} | ${ms(median(times))} ms | ${kb(size)} | ${ms(first.first)} ms / ${ms(median(warm))} ms | ${ms(whole)} ms, ${kb(first.bytes)} |`
        : `| | | | ${format} | ${ms(median(times))} ms | ${kb(size)} | | |`);
      firstRow = false;
    }
    log(`${name}: through the app done`);
  }
} finally {
  await app.dispose();
}
fs.writeFileSync(path.join(import.meta.dirname, "formats-results.md"), `${lines.join("\n")}\n`);
