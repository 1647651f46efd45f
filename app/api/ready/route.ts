import { NextResponse } from "next/server";
import { getAppContext } from "@/server/context";
import { checkHealth } from "@/server/domain/check-health";

export const dynamic = "force-dynamic";

/** For a load balancer: 503 until the database and, when configured, Redis answer; no session. */
export async function GET(): Promise<Response> {
  const { ok, db, redis } = await checkHealth(getAppContext());
  return NextResponse.json({ ready: ok, db, redis }, { status: ok ? 200 : 503 });
}
