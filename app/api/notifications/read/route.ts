import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { readNotifications } from "@/server/domain/read-notifications";

export const dynamic = "force-dynamic";

export const POST = withUser(async ({ req, user, ctx }) => NextResponse.json(await readNotifications(ctx, user.id, await readJson(req))));
