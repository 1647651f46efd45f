import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { deleteComment } from "@/server/domain/delete-comment";
import { editComment } from "@/server/domain/edit-comment";

export const dynamic = "force-dynamic";

type P = { id: string; threadId: string; commentId: string };

export const PATCH = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json({ comment: await editComment(ctx, user, params.id, params.threadId, params.commentId, await readJson(req)) }),
);

export const DELETE = withUser<P>(async ({ user, ctx, params }) => {
  await deleteComment(ctx, user.id, params.id, params.threadId, params.commentId);
  return new Response(null, { status: 204 });
});
