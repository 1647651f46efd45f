import { NextResponse } from "next/server";
import { getAppContext } from "@/server/context";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const ctx = getAppContext();
  const db = await ctx.prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  const redis = await ctx.redisHealthy();
  const ok = db && redis !== false;
  return NextResponse.json({ ok, db, redis }, { status: ok ? 200 : 503 });
}
