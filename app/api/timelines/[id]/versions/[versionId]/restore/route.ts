import { NextResponse } from "next/server";
import { withUser } from "@/app/_lib/api";
import { restoreVersion } from "@/server/domain/restore-version";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

type P = { id: string; versionId: string };

/** `{entryId?}` → `{version, preRestore}` (owner, editor): the whole version, or that one entry of it. */
export const POST = withUser<P>(async ({ req, user, ctx, params }) =>
  NextResponse.json(await restoreVersion(ctx, { id: user.id, name: user.name }, params.id, params.versionId, await optionalJson(req))),
);

// The body is optional: a bare POST restores the whole version.
async function optionalJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body must be JSON");
  }
}
