import { publicHtmlHeaders, publicRoute, timelineJsAssets } from "@/app/_lib/publishing";
import { previewFrameHtml } from "@/lib/formats/public-page";

export const dynamic = "force-dynamic";

/**
 * The editor's live Preview: TimelineJS from our origin, rendering what its same-origin parent posts
 * (`{type: "dateline:timelinejs", json}`). No data of its own, so no session is needed; only our own
 * pages may frame it.
 */
export const GET = publicRoute(async () =>
  new Response(previewFrameHtml({ ...timelineJsAssets("en"), frameScript: "/dateline/timelinejs-frame.js" }), { headers: publicHtmlHeaders("'self'") }),
);
