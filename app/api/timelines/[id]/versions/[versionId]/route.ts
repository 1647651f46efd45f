import { NextResponse } from "next/server";
import * as Y from "yjs";
import { withUser } from "@/app/_lib/api";
import { getVersion } from "@/server/domain/get-version";
import { timelineToJson } from "@/lib/formats/json";

export const dynamic = "force-dynamic";

type P = { id: string; versionId: string };

/**
 * The version's Yjs state (application/octet-stream), for the read-only editor view to load into a
 * Y.Doc; with `?format=json`, `{version, timeline}` (timelineToJson).
 */
export const GET = withUser<P>(async ({ req, user, ctx, params }) => {
  const { version, doc } = await getVersion(ctx, user.id, params.id, params.versionId);
  try {
    if (new URL(req.url).searchParams.get("format") === "json") return NextResponse.json({ version, timeline: timelineToJson(doc) });
    const state = Y.encodeStateAsUpdate(doc);
    return new Response(new Uint8Array(state), {
      headers: { "content-type": "application/octet-stream", "cache-control": "private, no-store", "x-content-type-options": "nosniff" },
    });
  } finally {
    doc.destroy();
  }
});
