import type { TAppContext } from "../context.ts";

export type THealth = { ok: boolean; db: boolean; redis: boolean | null };

/** Whether the database answers and, when REDIS_URL is set, Redis (null: not configured). */
export async function checkHealth(ctx: Pick<TAppContext, "prisma" | "redisHealthy">): Promise<THealth> {
  const db = await ctx.prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  const redis = await ctx.redisHealthy();
  return { ok: db && redis !== false, db, redis };
}
