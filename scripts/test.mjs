// `npm test`: the unit and integration suites (Vitest), then the browser journeys (Playwright),
// each with its own output streamed, then one summary line for both: "N passed, N failed".
// `--unit` runs only Vitest, `--e2e` only Playwright; with one of them, other arguments go to
// that runner (`npm test -- --e2e e2e/sign-in.spec.ts`).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const VITEST = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
const PLAYWRIGHT = path.join(ROOT, "node_modules", "@playwright", "test", "cli.js");

/** @typedef {{ name: string, passed: number, failed: number, note?: string }} TResult */

function parseArgs(argv) {
  const unit = argv.includes("--unit");
  const e2e = argv.includes("--e2e");
  const rest = argv.filter((a) => a !== "--unit" && a !== "--e2e");
  if (rest.length > 0 && unit === e2e) {
    console.error("Arguments other than --unit/--e2e go to one runner: add --unit or --e2e.");
    process.exit(2);
  }
  return { unit: unit || !e2e, e2e: e2e || !unit, rest };
}

/** Runs a command with the terminal as its output; resolves with its exit code (1 when killed). */
function run(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", (err) => {
      console.error(`could not start ${args[0]}: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/**
 * A runner that exited non-zero must show as a failure in the summary even when its report has
 * none (it crashed, or Vitest caught an unhandled error outside any test).
 */
function settle(name, code, counts) {
  if (!counts) return { name, passed: 0, failed: 1, note: `exited with code ${code} without a report` };
  if (code !== 0 && counts.failed === 0) return { name, ...counts, failed: 1, note: `exited with code ${code}` };
  return { name, ...counts };
}

async function runVitest(reportDir, rest) {
  const file = path.join(reportDir, "vitest.json");
  const code = await run([VITEST, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...rest]);
  const report = readJson(file);
  if (!report) return settle("unit", code, null);
  // A file that fails to import (or whose beforeAll throws) has no failed test of its own.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
  ).length;
  const result = settle("unit", code, { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles });
  if (brokenFiles > 0) result.note = `${brokenFiles} file(s) failed outside any test`;
  return result;
}

async function runPlaywright(reportDir, rest) {
  // The e2e specs start the production server, which needs a current Next build. Built in a child
  // process: ensureBuild() exits its process when the build fails, and the summary must still print.
  const built = await run([path.join(ROOT, "scripts", "ensure-build.mjs")]);
  if (built !== 0) return { name: "e2e", passed: 0, failed: 1, note: "the Next.js build failed, Playwright did not run" };
  const file = path.join(reportDir, "playwright.json");
  const code = await run([PLAYWRIGHT, "test", "--reporter=list,json", "--pass-with-no-tests", ...rest], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  });
  const report = readJson(file);
  if (!report) return settle("e2e", code, null);
  const { expected, unexpected, flaky } = report.stats;
  // Retries are off; a flaky test (passed only on retry) still counts as a failure if they come back.
  const result = settle("e2e", code, { passed: expected, failed: unexpected + flaky + report.errors.length });
  if (report.errors.length > 0) result.note = `${report.errors.length} error(s) outside any test`;
  return result;
}

const { unit, e2e, rest } = parseArgs(process.argv.slice(2));
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-test-reports-"));
/** @type {TResult[]} */
const results = [];
try {
  if (unit) results.push(await runVitest(reportDir, rest));
  if (e2e) results.push(await runPlaywright(reportDir, rest));
} finally {
  fs.rmSync(reportDir, { recursive: true, force: true });
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log("");
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ""}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
