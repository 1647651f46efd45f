import { withUser } from "@/app/_lib/api";
import { exportTimeline } from "@/server/domain/export-timeline";
import { EXPORT_CSP } from "@/lib/formats/html";

export const dynamic = "force-dynamic";

export const GET = withUser<{ id: string }>(async ({ req, user, ctx, params }) => {
  const format = new URL(req.url).searchParams.get("format") ?? undefined;
  const out = await exportTimeline(ctx, user.id, params.id, { format });
  return new Response(out.body, {
    headers: {
      "content-type": out.contentType,
      "content-disposition": `attachment; filename="${out.filename}"`,
      // Exports hold what members typed: never let a browser sniff them into something executable.
      "x-content-type-options": "nosniff",
      "content-security-policy": EXPORT_CSP,
    },
  });
});
