import { NextResponse } from "next/server";
import { withUser } from "@/app/_lib/api";
import { listEntryHistory } from "@/server/domain/list-entry-history";

export const dynamic = "force-dynamic";

type P = { id: string; entryId: string };

export const GET = withUser<P>(async ({ req, user, ctx, params }) => {
  const query = new URL(req.url).searchParams;
  const input = { limit: query.get("limit") ?? undefined, before: query.get("before") ?? undefined };
  return NextResponse.json(await listEntryHistory(ctx, user.id, params.id, params.entryId, input));
});
