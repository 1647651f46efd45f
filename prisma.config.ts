// The Prisma CLI runs on the WASM schema engine ("js"), connecting through the same pg driver adapter
// as the app: nothing is downloaded at install or run time.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The CLI reaches embedded PGlite through its unix socket, so a connection string is enough here;
// DATABASE_URL is set by server/db/migrate.ts (or by the operator) before the CLI starts.
const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaPg({ connectionString: url, max: 1 });
  },
});
