import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { inviteMember } from "@/server/domain/invite-member";
import { listMembers } from "@/server/domain/list-members";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withUser<P>(async ({ user, ctx, params }) => NextResponse.json(await listMembers(ctx, user.id, params.id)));

export const POST = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json(await inviteMember(ctx, user.id, params.id, await readJson(req)), { status: 201 }),
);
