import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { setEntryStatus } from "@/server/domain/set-entry-status";

export const dynamic = "force-dynamic";

type P = { id: string; entryId: string };

export const PUT = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json(await setEntryStatus(ctx, { id: user.id, name: user.name }, params.id, params.entryId, await readJson(req))),
);
