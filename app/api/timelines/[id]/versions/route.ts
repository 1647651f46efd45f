import { NextResponse } from "next/server";
import { readJson, withUser } from "@/app/_lib/api";
import { listVersions } from "@/server/domain/list-versions";
import { saveVersion } from "@/server/domain/save-version";

export const dynamic = "force-dynamic";

type P = { id: string };

/** `{versions}`, newest first (any member). */
export const GET = withUser<P>(async ({ user, ctx, params }) => NextResponse.json({ versions: await listVersions(ctx, user.id, params.id) }));

/** `{name}` → 201 `{version}` (owner, editor): "Save version". */
export const POST = withUser<P>(async ({ req, user, ctx, params }) => {
  const version = await saveVersion(ctx, { id: user.id, name: user.name }, params.id, await readJson(req));
  return NextResponse.json({ version }, { status: 201 });
});
