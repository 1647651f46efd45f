import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { addComment } from "@/server/domain/add-comment";

export const dynamic = "force-dynamic";

type P = { id: string; threadId: string };

export const POST = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json({ comment: await addComment(ctx, user, params.id, params.threadId, await readJson(req)) }, { status: 201 }),
);
