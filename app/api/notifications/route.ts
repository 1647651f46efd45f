import { NextResponse } from "next/server";
import { withUser } from "@/app/_lib/api";
import { listNotifications } from "@/server/domain/list-notifications";

export const dynamic = "force-dynamic";

export const GET = withUser(async ({ user, ctx }) => NextResponse.json(await listNotifications(ctx, user.id)));
