import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { createThread } from "@/server/domain/create-thread";
import { listThreads } from "@/server/domain/list-threads";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withUser<P>(async ({ req, user, ctx, params }) => {
  const entryId = new URL(req.url).searchParams.get("entryId") ?? undefined;
  return NextResponse.json(await listThreads(ctx, user.id, params.id, { entryId }));
});

export const POST = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json({ thread: await createThread(ctx, user, params.id, await readJson(req)) }, { status: 201 }),
);
