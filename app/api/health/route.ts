import { NextResponse } from "next/server";
import { getAppContext } from "@/server/context";
import { checkHealth } from "@/server/domain/check-health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth(getAppContext());
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}
