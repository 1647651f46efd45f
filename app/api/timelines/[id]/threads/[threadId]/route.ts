import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { resolveThread } from "@/server/domain/resolve-thread";

export const dynamic = "force-dynamic";

type P = { id: string; threadId: string };

export const PATCH = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json({ thread: await resolveThread(ctx, user.id, params.id, params.threadId, await readJson(req)) }),
);
