// Test databases: every suite that touches storage runs against both embedded PGlite and the
// Postgres at DATABASE_URL (a fresh database per suite, dropped afterwards).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type TTestDatabase = {
  kind: "pglite" | "postgres";
  /** Environment for the server: DATABASE_URL for Postgres, DATA_DIR for PGlite. */
  env: Record<string, string>;
  dispose(): Promise<void>;
};

export const DATABASE_KINDS = ["pglite", "postgres"] as const;

export async function createTestDatabase(kind: "pglite" | "postgres"): Promise<TTestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-test-"));
  if (kind === "pglite") {
    return { kind, env: { DATA_DIR: dataDir }, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL must point at a Postgres server for the postgres test suites (see .ci/run)");
  const name = `dateline_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    kind,
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    async dispose() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
