import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { createShareLink } from "@/server/domain/create-share-link";
import { listShareLinks } from "@/server/domain/list-share-links";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = withUser<P>(async ({ user, ctx, params }) => NextResponse.json({ links: await listShareLinks(ctx, user.id, params.id) }));

export const POST = withUser<P>(async ({ req, user, ctx, params }) => {
  const { link, token } = await createShareLink(ctx, user.id, params.id, await readJson(req));
  return NextResponse.json({ link, url: `/join/${token}` }, { status: 201 });
});
