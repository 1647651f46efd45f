// The process: configuration, then the server; SIGTERM/SIGINT save every room before exiting.
import { ConfigError, parseConfig } from "./config.ts";
import { createLogger } from "./log.ts";
import { startServer } from "./app.ts";

/** A shutdown that hangs (a stuck database) must still end the process. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const started = Date.now();
  const server = await startServer(config, log);
  log.info({ url: server.url, ms: Date.now() - started, database: config.databaseUrl ? "postgres" : "embedded" }, "Dateline is ready");
  console.log(`\nDateline is running at ${server.url}`);
  if (server.demoAccount) {
    console.log(`Demo account: ${server.demoAccount.email}  password: ${server.demoAccount.password}\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error("shutdown timed out");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  console.error("Dateline failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
