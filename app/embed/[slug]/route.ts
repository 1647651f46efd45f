import { publicBase, publicHtmlHeaders, publicRoute, timelineJsAssets } from "@/app/_lib/publishing";
import { embedPageHtml, publicStatusHtml, publicationUrls } from "@/lib/formats/public-page";
import { readMeta } from "@/lib/timeline/schema";
import { readPublication } from "@/server/domain/read-publication";

export const dynamic = "force-dynamic";

/** The published timeline for an iframe on any site (`frame-ancestors *`, no X-Frame-Options). */
export const GET = publicRoute<{ slug: string }>(async ({ req, ctx, params }) => {
  const found = await readPublication(ctx, params.slug);
  if (found.status !== "published") {
    const status = found.status === "unpublished" ? 410 : 404;
    return new Response(publicStatusHtml(status), { status, headers: publicHtmlHeaders("*") });
  }
  const { publication } = found;
  const base = publicBase(ctx, req);
  const html = publication.renderedAt("embed", base, (doc, at) =>
    embedPageHtml(doc, { urls: publicationUrls(at, publication.slug), assets: timelineJsAssets(readMeta(doc).language), publishedAt: publication.publishedAt }),
  );
  return new Response(html, { headers: publicHtmlHeaders("*") });
});
