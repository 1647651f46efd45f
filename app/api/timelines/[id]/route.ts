import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { deleteTimeline } from "@/server/domain/delete-timeline";
import { getTimeline } from "@/server/domain/get-timeline";
import { renameTimeline } from "@/server/domain/rename-timeline";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withUser<P>(async ({ user, ctx, params }) => NextResponse.json({ timeline: await getTimeline(ctx, user.id, params.id) }));

export const PATCH = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json({ timeline: await renameTimeline(ctx, user.id, params.id, await readJson(req)) }),
);

export const DELETE = withUser<P>(async ({ user, ctx, params }) => {
  await deleteTimeline(ctx, user.id, params.id);
  return new Response(null, { status: 204 });
});
