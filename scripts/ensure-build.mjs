// Builds the Next.js app when there is no build yet or its sources changed since the last one, so
// `npm start` on a fresh clone needs no separate build step and a restart needs no rebuild.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const STAMP = path.join(ROOT, ".next", "dateline-sources.sha256");
/** What the Next build compiles (server/ and lib/ reach app/ through imports). */
const SOURCES = ["app", "lib", "server", "prisma/seed", "next.config.js", "tsconfig.json", "package-lock.json"];

function walk(p, out) {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) walk(path.join(p, name), out);
  } else {
    out.push(`${p}:${stat.size}:${stat.mtimeMs}`);
  }
}

export function sourcesHash() {
  const files = [];
  for (const s of SOURCES) walk(s, files);
  return crypto.createHash("sha256").update(files.join("\n")).digest("hex");
}

export function ensureGeneratedClient() {
  if (fs.existsSync(path.join(ROOT, "generated", "prisma", "client.ts"))) return;
  run(["node_modules/prisma/build/index.js", "generate"], "prisma generate");
}

export function ensureBuild() {
  ensureGeneratedClient();
  const hash = sourcesHash();
  const built = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === hash;
  if (built) return;
  console.log("Building the web app (first start, or the sources changed)...");
  const started = Date.now();
  run(["node_modules/next/dist/bin/next", "build"], "next build");
  fs.writeFileSync(STAMP, hash);
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function run(args, what) {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    console.error(`${what} failed`);
    process.exit(result.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
