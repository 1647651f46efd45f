// Test databases: every suite that touches storage runs against both embedded PGlite and the
// Postgres at DATABASE_URL (a fresh database per suite, dropped afterwards).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "./scratch.ts";

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
  const db = await createScratchDatabase(base, "dateline_t");
  return {
    kind,
    env: { DATABASE_URL: db.url, DATA_DIR: dataDir },
    async dispose() {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
