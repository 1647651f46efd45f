import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { changeMemberRole } from "@/server/domain/change-member-role";
import { removeMember } from "@/server/domain/remove-member";

export const dynamic = "force-dynamic";

type P = { id: string; userId: string };

export const PATCH = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json({ member: await changeMemberRole(ctx, user.id, params.id, params.userId, await readJson(req)) }),
);

export const DELETE = withUser<P>(async ({ user, ctx, params }) => {
  await removeMember(ctx, user.id, params.id, params.userId);
  return new Response(null, { status: 204 });
});
