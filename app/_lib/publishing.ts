// What the publishing routes share: the public base URL, the TimelineJS files we serve from our own
// origin, and the headers of the public pages.
import fs from "node:fs";
import path from "node:path";
import { getAppContext, type TAppContext } from "@/server/context";
import { publicCsp, type TTimelineJsAssets } from "@/lib/formats/public-page";

/**
 * Where readers reach the app: PUBLIC_URL when set, else the origin this request was sent to (its Host,
 * and behind a trusted proxy its X-Forwarded-Proto and -Host). Next builds `req.url` from the address
 * it listens on, not from the Host header, so a reader at localhost would otherwise get 127.0.0.1 links.
 */
export function publicBase(ctx: Pick<TAppContext, "config">, req: Request): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl.replace(/\/+$/, "");
  const fallback = new URL(req.url);
  const forwarded = (name: string) => (ctx.config.trustProxy ? req.headers.get(name)?.split(",")[0]?.trim() : undefined);
  const host = forwarded("x-forwarded-host") || req.headers.get("host");
  const proto = forwarded("x-forwarded-proto") || fallback.protocol.slice(0, -1);
  // A Host header is whatever the client sent: only a plain host[:port] may become a link.
  if (!host || !HOST.test(host) || (proto !== "http" && proto !== "https")) return fallback.origin;
  return `${proto}://${host}`.toLowerCase();
}

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

// The package's files are read from node_modules at run time (npm start runs from the project root);
// only its built `dist/js` and `dist/css` are ever served.
const PACKAGE_DIR = path.join(process.cwd(), "node_modules", "@knight-lab", "timelinejs");
const SERVED_DIRS = ["js", "css"];
const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".eot": "application/vnd.ms-fontobject",
  ".txt": "text/plain; charset=utf-8",
};

type TVendor = { version: string; files: Map<string, { file: string; contentType: string }> };
let vendor: TVendor | undefined;

/**
 * TimelineJS's version and the files we serve, by their path under dist (`js/timeline.js`): the
 * allow-list, listed once. Nothing outside it is ever read, whatever path a request names.
 */
export function timelineJsVendor(): TVendor {
  if (vendor) return vendor;
  const { version } = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string };
  const files = new Map<string, { file: string; contentType: string }>();
  for (const dir of SERVED_DIRS) {
    for (const rel of fs.readdirSync(path.join(PACKAGE_DIR, "dist", dir), { recursive: true, encoding: "utf8" })) {
      const file = path.join(PACKAGE_DIR, "dist", dir, rel);
      const contentType = CONTENT_TYPES[path.extname(rel).toLowerCase()];
      if (contentType && fs.statSync(file).isFile()) files.set(`${dir}/${rel.split(path.sep).join("/")}`, { file, contentType });
    }
  }
  vendor = { version, files };
  return vendor;
}

/** The vendor route's prefix: the version is in the path, so its files can be cached for good. */
export function vendorPrefix(): string {
  return `/vendor/timelinejs/${timelineJsVendor().version}`;
}

/** TimelineJS's locale for a BCP 47 tag ("pt-BR" → "pt-br", "fr-CA" → "fr"), or English. */
function timelineJsLanguage(language: string): string {
  const { files } = timelineJsVendor();
  const tag = language.toLowerCase();
  for (const candidate of [tag, tag.split("-")[0]]) if (files.has(`js/locale/${candidate}.json`)) return candidate;
  return "en";
}

export function timelineJsAssets(language: string): TTimelineJsAssets {
  const prefix = vendorPrefix();
  return {
    css: `${prefix}/css/timeline.css`,
    js: `${prefix}/js/timeline.js`,
    scriptPath: `${prefix}/js/`,
    mount: "/dateline/timeline-mount.js",
    language: timelineJsLanguage(language),
  };
}

/** Headers of a public HTML page: framable only by us (`/p`, the preview) or by anyone (`/embed`). */
export function publicHtmlHeaders(frameAncestors: "'self'" | "*"): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": publicCsp(frameAncestors),
    "x-content-type-options": "nosniff",
    // Readers must see an unpublish or a re-publish at once: caches revalidate every time.
    "cache-control": "no-cache",
  };
}

type TPublicHandler<P> = (args: { req: Request; ctx: TAppContext; params: P }) => Promise<Response>;

/** A public route: no session is read. An unexpected failure is logged and answered with a bare 500. */
export function publicRoute<P extends Record<string, string | string[]>>(handler: TPublicHandler<P>): (req: Request, route: { params: Promise<P> }) => Promise<Response> {
  return async (req, route) => {
    const ctx = getAppContext();
    try {
      // Routes without dynamic segments get no params from Next.
      return await handler({ req, ctx, params: ((await route?.params) ?? {}) as P });
    } catch (err) {
      ctx.log.error({ err, url: req.url }, "public request failed");
      return new Response("internal error", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
  };
}
