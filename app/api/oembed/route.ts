import { jsonError } from "@/app/_lib/api";
import { publicBase, publicRoute } from "@/app/_lib/publishing";
import { EMBED_SIZE, embedSnippet, publicationUrls } from "@/lib/formats/public-page";
import { readMeta } from "@/lib/timeline/schema";
import { readPublication } from "@/server/domain/read-publication";

export const dynamic = "force-dynamic";

// A published page or its embed, as people copy them: /p/<slug> or /embed/<slug>.
const PUBLISHED_PATH = /^\/(?:p|embed)\/([^/]+)\/?$/;

/**
 * oEmbed 1.0 (https://oembed.com): `url` = a published page of this server; `format=json` (the only
 * one: xml answers 501, as the spec says); `maxwidth`/`maxheight` shrink the iframe. A `rich` answer
 * whose `html` is the same snippet the editor's "Copy embed code" gives.
 */
export const GET = publicRoute(async ({ req, ctx }) => {
  const query = new URL(req.url).searchParams;
  const format = query.get("format") ?? "json";
  if (format !== "json") return withCors(jsonError(501, "not_implemented", "only format=json is supported"));
  const raw = query.get("url");
  if (!raw) return withCors(jsonError(400, "bad_request", "url: the published page's URL is required", "url"));
  const max = { width: dimension(query.get("maxwidth")), height: dimension(query.get("maxheight")) };
  if (max.width === null || max.height === null) {
    return withCors(jsonError(400, "bad_request", `${max.width === null ? "maxwidth" : "maxheight"}: must be a whole number of pixels`));
  }
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    return withCors(jsonError(404, "not_found", "url: not a page of this server", "url"));
  }
  const base = publicBase(ctx, req);
  const slug = PUBLISHED_PATH.exec(target.pathname)?.[1];
  // Ours when it is the public URL, or an origin this server answers at (localhost and 127.0.0.1 alike).
  const ours = target.origin === new URL(base).origin || ctx.isAllowedOrigin(target.origin, req.headers.get("host") ?? undefined);
  if (!slug || !ours) return withCors(jsonError(404, "not_found", "url: not a published page of this server", "url"));
  // Slugs are [a-z0-9-]: one that needs decoding (or cannot be decoded) names no publication.
  const found = await readPublication(ctx, slug);
  if (found.status === "unknown") return withCors(jsonError(404, "not_found", "nothing is published at this url", "url"));
  if (found.status === "unpublished") return withCors(jsonError(410, "gone", "this timeline is no longer published"));
  const title = readMeta(found.publication.doc).title || "Untitled timeline";
  const size = {
    width: Math.min(EMBED_SIZE.width, max.width ?? Infinity),
    height: Math.min(EMBED_SIZE.height, max.height ?? Infinity),
  };
  return withCors(
    Response.json({
      version: "1.0",
      type: "rich",
      title,
      provider_name: "Dateline",
      provider_url: `${base}/`,
      html: embedSnippet(publicationUrls(base, found.publication.slug).embed, title, size),
      width: size.width,
      height: size.height,
    }),
  );
});

// Absent: undefined; a positive whole number: it; anything else: null (refused).
function dimension(v: string | null): number | undefined | null {
  if (v === null || v === "") return undefined;
  return /^[1-9]\d{0,5}$/.test(v) ? Number(v) : null;
}

// oEmbed consumers include pages fetching from the browser: the answer is public.
function withCors(res: Response): Response {
  res.headers.set("access-control-allow-origin", "*");
  return res;
}
