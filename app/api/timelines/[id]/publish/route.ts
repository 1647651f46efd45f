import { NextResponse } from "next/server";
import { withUser } from "@/app/_lib/api";
import { publicBase } from "@/app/_lib/publishing";
import { getPublication } from "@/server/domain/get-publication";
import { publishTimeline } from "@/server/domain/publish-timeline";
import { unpublishTimeline } from "@/server/domain/unpublish-timeline";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

type P = { id: string };

/** `{slug, url, publishedAt}` while published, else `null`. */
export const GET = withUser<P>(async ({ req, user, ctx, params }) => NextResponse.json(await getPublication(ctx, user.id, params.id, publicBase(ctx, req))));

/** `{override?}` → `{slug, url, publishedAt, warnings}`, or 409 `{error, warnings}` when warnings need the override. */
export const POST = withUser<P>(async ({ req, user, ctx, params }) => {
  const result = await publishTimeline(ctx, { id: user.id, name: user.name }, params.id, await optionalJson(req), publicBase(ctx, req));
  if (!result.published) {
    return NextResponse.json({ error: { code: "conflict", message: result.message }, warnings: result.warnings }, { status: 409 });
  }
  return NextResponse.json({ slug: result.slug, url: result.url, publishedAt: result.publishedAt, warnings: result.warnings });
});

export const DELETE = withUser<P>(async ({ user, ctx, params }) => {
  await unpublishTimeline(ctx, user.id, params.id);
  return new Response(null, { status: 204 });
});

// `{override}` is optional, and so is the body: a bare POST publishes a timeline that needs no override.
async function optionalJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body must be JSON");
  }
}
