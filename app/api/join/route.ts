import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { joinByLink } from "@/server/domain/join-by-link";

export const dynamic = "force-dynamic";

export const POST = withUser(async ({ req, user, ctx }) => NextResponse.json({ timeline: await joinByLink(ctx, user.id, await readJson(req)) }));
