// Embedded Postgres for a laptop: PGlite (Postgres compiled to WASM) served in-process over the
// Postgres wire protocol on a unix socket, so Prisma, migrations and the app use the same pg code
// path as with a real server.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { TLogger } from "../log.ts";

export type TEmbeddedPostgres = {
  /** A connection string for the Prisma CLI (the socket directory as `host`). */
  url: string;
  /** The unix socket's directory, for pg's `host`. */
  socketDir: string;
  close(): Promise<void>;
};

const SOCKET_PORT = 5432;

/**
 * Starts PGlite under `<dataDir>/pg`. One process per directory, ever: PGlite has no lock of its
 * own and two instances on one directory corrupt it, so a lock file holds the owner's pid.
 */
export async function startEmbeddedPostgres(dataDir: string, log: TLogger): Promise<TEmbeddedPostgres> {
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireLock(path.join(dataDir, "pglite.lock"));
  try {
    const db = await PGlite.create(path.join(dataDir, "pg"));
    // The socket lives in the data directory so that nothing outside this installation connects.
    const socketDir = path.join(dataDir, "run");
    fs.mkdirSync(socketDir, { recursive: true });
    const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
    fs.rmSync(socketPath, { force: true });
    // PGlite runs one query at a time; two connections (the app's pool of one and the migration
    // CLI) is what is measured to be safe: more lose inserts silently.
    const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2 });
    await server.start();
    log.info({ socketPath }, "embedded PGlite started");
    return {
      url: `postgresql://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`,
      socketDir,
      async close() {
        await server.stop();
        await db.close();
        fs.rmSync(socketPath, { force: true });
        releaseLock();
        log.info("embedded PGlite closed");
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}

function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => {
        if (readPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = readPid(lockPath);
      if (owner !== null && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `${path.dirname(lockPath)} is in use by process ${owner}: only one Dateline may run on an embedded database. ` +
            "Stop it, or set DATA_DIR to another directory.",
        );
      }
      // The owner died without cleaning up (SIGKILL, power loss): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

function readPid(lockPath: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockPath, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
