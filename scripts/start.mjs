// `npm start`: build if needed, then run the server (server/main.ts) in production mode.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
ensureBuild();
const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
  cwd: ROOT,
  stdio: "inherit",
  env: { NODE_ENV: "production", ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
