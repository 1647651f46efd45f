import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { deleteTimeline } from "@/server/domain/delete-timeline";
import { getTimeline } from "@/server/domain/get-timeline";
import { renameTimeline } from "@/server/domain/rename-timeline";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ id: string }> };

export async function GET(req: Request, { params }: TParams): Promise<Response> {
  const { id } = await params;
  return withUser(async ({ user, ctx }) => NextResponse.json({ timeline: await getTimeline(ctx, user.id, id) }))(req);
}

export async function PATCH(req: Request, { params }: TParams): Promise<Response> {
  const { id } = await params;
  return withUser(async ({ user, ctx }) => NextResponse.json({ timeline: await renameTimeline(ctx, user.id, id, await readJson(req)) }))(req);
}

export async function DELETE(req: Request, { params }: TParams): Promise<Response> {
  const { id } = await params;
  return withUser(async ({ user, ctx }) => {
    await deleteTimeline(ctx, user.id, id);
    return new Response(null, { status: 204 });
  })(req);
}
