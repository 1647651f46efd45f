import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client.ts";

export type TPrisma = PrismaClient;

/** How to reach Postgres: embedded PGlite through its socket, or a server at DATABASE_URL. */
export type TDbTarget = { kind: "embedded"; socketDir: string } | { kind: "postgres"; url: string };

export function pgConfig(target: TDbTarget): pg.PoolConfig {
  return target.kind === "embedded"
    ? // One connection: PGlite serialises queries anyway, and a larger pool through the socket
      // server was measured to run statements on the wrong connection and lose inserts.
      { host: target.socketDir, port: 5432, user: "postgres", database: "postgres", max: 1 }
    : { connectionString: target.url, max: 10 };
}

export function createPrismaClient(target: TDbTarget): TPrisma {
  return new PrismaClient({ adapter: new PrismaPg(pgConfig(target)) });
}
