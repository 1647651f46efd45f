import { NextResponse } from "next/server";
import { withUser } from "@/app/_lib/api";
import { compareVersions } from "@/server/domain/compare-versions";

export const dynamic = "force-dynamic";

type P = { id: string; versionId: string };

/** `?to=<versionId|current>` (default current) → `{added, removed, changed}`. */
export const GET = withUser<P>(async ({ req, user, ctx, params }) => {
  const to = new URL(req.url).searchParams.get("to") || "current";
  return NextResponse.json(await compareVersions(ctx, user.id, params.id, params.versionId, to));
});
