import { publicRoute } from "@/app/_lib/publishing";
import { timelineToTimelineJs } from "@/lib/formats/timelinejs";
import { readPublication } from "@/server/domain/read-publication";

export const dynamic = "force-dynamic";

// Any site may load a published timeline into its own TimelineJS: it is public already.
const HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "access-control-allow-origin": "*",
  "x-content-type-options": "nosniff",
  "cache-control": "no-cache",
};

/** The frozen snapshot as TimelineJS3 JSON. */
export const GET = publicRoute<{ slug: string }>(async ({ ctx, params }) => {
  const found = await readPublication(ctx, params.slug);
  if (found.status === "unknown") return Response.json({ error: { code: "not_found", message: "nothing is published here" } }, { status: 404, headers: HEADERS });
  if (found.status === "unpublished") return Response.json({ error: { code: "gone", message: "this timeline is no longer published" } }, { status: 410, headers: HEADERS });
  const json = found.publication.rendered("timelinejs", (doc) => JSON.stringify(timelineToTimelineJs(doc)));
  return new Response(json, { headers: HEADERS });
});
