import { publicBase, publicHtmlHeaders, publicRoute, timelineJsAssets } from "@/app/_lib/publishing";
import { publicPageHtml, publicStatusHtml, publicationUrls } from "@/lib/formats/public-page";
import { readMeta } from "@/lib/timeline/schema";
import { readPublication } from "@/server/domain/read-publication";

export const dynamic = "force-dynamic";

/** The published page: complete HTML from the frozen snapshot; 410 once unpublished, 404 if never published. */
export const GET = publicRoute<{ slug: string }>(async ({ req, ctx, params }) => {
  const found = await readPublication(ctx, params.slug);
  if (found.status !== "published") {
    const status = found.status === "unpublished" ? 410 : 404;
    return new Response(publicStatusHtml(status), { status, headers: publicHtmlHeaders("'self'") });
  }
  const { publication } = found;
  const base = publicBase(ctx, req);
  const html = publication.renderedAt("page", base, (doc, at) =>
    publicPageHtml(doc, { urls: publicationUrls(at, publication.slug), assets: timelineJsAssets(readMeta(doc).language), publishedAt: publication.publishedAt }),
  );
  return new Response(html, { headers: publicHtmlHeaders("'self'") });
});
