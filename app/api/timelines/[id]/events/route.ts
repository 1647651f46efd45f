import { withUser } from "@/app/_lib/api";
import { sseStream, timelinePageEvents } from "@/server/events/sse";
import { ALL_ROLES, requireRole } from "@/server/domain/timeline-access";

export const dynamic = "force-dynamic";

/** Live changes of the timeline's threads and of the caller's notifications, as server-sent events. */
export const GET = withUser<{ id: string }>(async ({ req, user, ctx, params }) => {
  await requireRole(ctx, user.id, params.id, ALL_ROLES);
  return new Response(sseStream(ctx.bus, timelinePageEvents(params.id, user.id), req.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // Every event must reach the page as it happens: no caching, no compression, no proxy buffering.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
