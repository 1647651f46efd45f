import fs from "node:fs";
import { publicRoute, timelineJsVendor } from "@/app/_lib/publishing";

export const dynamic = "force-dynamic";

// Read from disk once each: the whole library is about 2 MB, and every published page asks for it.
const bodies = new Map<string, Buffer>();

/**
 * TimelineJS's built files (`/vendor/timelinejs/<version>/js/timeline.js`, its CSS, fonts and locales)
 * from our own origin, so no page loads code from a CDN. Only files of the allow-list are served; the
 * version in the path changes with the package, so a browser may keep each file for good.
 */
export const GET = publicRoute<{ path: string[] }>(async ({ params }) => {
  const [version, ...rest] = params.path;
  const vendor = timelineJsVendor();
  const key = rest.join("/");
  const file = version === vendor.version ? vendor.files.get(key) : undefined;
  if (!file) return new Response("not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  let body = bodies.get(key);
  if (!body) {
    body = await fs.promises.readFile(file.file);
    bodies.set(key, body);
  }
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": file.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      // Fonts are fetched in CORS mode; a page that loads our CSS from elsewhere gets them too.
      "access-control-allow-origin": "*",
    },
  });
});
