import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { createTimeline } from "@/server/domain/create-timeline";
import { listTimelines } from "@/server/domain/list-timelines";

export const dynamic = "force-dynamic";

export const GET = withUser(async ({ user, ctx }) => NextResponse.json({ timelines: await listTimelines(ctx, user.id) }));

export const POST = withUser(async ({ req, user, ctx }) =>
  NextResponse.json({ timeline: await createTimeline(ctx, user.id, await readJson(req)) }, { status: 201 }),
);
