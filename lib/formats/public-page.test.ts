// Issue 14, the published pages: the chronology a reader without JavaScript gets, what link previews and
// search engines read in the head, TimelineJS wired up without an inline script, and hostile text inert.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, initTimeline, setMeta } from "../timeline/ops";
import { auditHtml, tokenize, visibleText, type THtmlToken } from "./test-support/html-audit";
import { PAYLOADS, hostileTimeline, sampleTimeline } from "./test-support/timelines";
import {
  EMBED_SIZE,
  embedPageHtml,
  embedSnippet,
  previewFrameHtml,
  publicCsp,
  publicPageHtml,
  publicStatusHtml,
  publicationUrls,
  type TPublicPageOptions,
} from "./public-page";

const ASSETS = {
  css: "/vendor/timelinejs/3.9.11/css/timeline.css",
  js: "/vendor/timelinejs/3.9.11/js/timeline.js",
  scriptPath: "/vendor/timelinejs/3.9.11/js/",
  mount: "/dateline/timeline-mount.js",
  language: "en",
};
const OPTS: TPublicPageOptions = {
  urls: publicationUrls("https://news.example/", "idlib-abc123"),
  assets: ASSETS,
  publishedAt: new Date("2024-05-01T12:34:56Z"),
};

function startTags(html: string, name: string): Array<Extract<THtmlToken, { kind: "start" }>> {
  return tokenize(html).flatMap((t) => (t.kind === "start" && t.name === name ? [t] : []));
}
const attr = (t: { attrs: { name: string; value: string }[] }, name: string) => t.attrs.find((a) => a.name === name)?.value;
const metaContent = (html: string, key: string) =>
  startTags(html, "meta").find((t) => attr(t, "property") === key || attr(t, "name") === key)?.attrs.find((a) => a.name === "content")?.value;
const between = (html: string, open: string, close: string) => html.slice(html.indexOf(open), html.indexOf(close) + close.length);

/** Every precision, BCE, deep time, a qualifier, a display date and ranges, added out of order. */
function datesTimeline(): Y.Doc {
  const doc = new Y.Doc();
  initTimeline(doc, { title: "Dates", summary: "Every kind of date." });
  addEntry(doc, { start: "2019-12-24T14:05:09", headline: "To the second" }, { id: "sec" });
  addEntry(doc, { start: "-13800000000", headline: "Big Bang" }, { id: "deep" });
  addEntry(doc, { start: "2019-04", end: "2019-08", headline: "Spring to summer" }, { id: "range" });
  addEntry(doc, { start: "-0043-03-15", headline: "Ides of March" }, { id: "bce" });
  addEntry(doc, { start: "2011", qualifier: "circa", headline: "Around 2011" }, { id: "circa" });
  addEntry(doc, { start: "2019-12-24T14:05", headline: "To the minute" }, { id: "min" });
  addEntry(doc, { start: "2020-01-01", end: "2020-03", displayDate: "Winter 2020", headline: "Shown as written" }, { id: "shown" });
  return doc;
}

describe("publicPageHtml: the chronology without JavaScript", () => {
  const html = publicPageHtml(datesTimeline(), OPTS);

  it("lists every entry in chronological order", () => {
    expect(startTags(html, "h3").length).toBe(7);
    const headlines = [...html.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]);
    expect(headlines).toEqual(["Big Bang", "Ides of March", "Around 2011", "Spring to summer", "To the minute", "To the second", "Shown as written"]);
  });

  it("puts each date in <time datetime> at its precision, labelled as everywhere else", () => {
    const dates = [...html.matchAll(/<p class="date">(.*?)<\/p>/g)].map((m) => m[1]);
    expect(dates).toEqual([
      '<time datetime="-13800000000">13.8 billion years ago</time>',
      '<time datetime="-0043-03-15">15 March 44 BCE</time>',
      '<time datetime="2011">c. 2011</time>',
      '<time datetime="2019-04">April</time> – <time datetime="2019-08">August 2019</time>',
      '<time datetime="2019-12-24T14:05">24 December 2019, 14:05</time>',
      '<time datetime="2019-12-24T14:05:09">24 December 2019, 14:05:09</time>',
      '<time datetime="2020-01-01">Winter 2020</time>',
    ]);
  });

  it("shows the body, media and sources of an entry", () => {
    const sample = publicPageHtml(sampleTimeline(), OPTS);
    const text = visibleText(sample);
    expect(sample).toContain("<p>Tens of thousands flee <strong>south</strong></p>");
    expect(startTags(sample, "img").map((t) => [attr(t, "src"), attr(t, "alt")])).toEqual([["https://example.org/photo.jpg", "Cars on a highway"]]);
    expect(text).toContain("Families on the M5");
    expect(text).toContain("UN OCHA flash update, OCHA, accessed 26 December 2019");
    expect(sample).toContain('<a href="https://www.youtube.com/watch?v=abc" rel="noopener noreferrer nofollow">Press conference</a>');
    // Verification is the newsroom's business: a reader sees no status.
    expect(text).not.toMatch(/needs review|verified/);
  });

  it("says so when there are no entries", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Empty" });
    expect(visibleText(publicPageHtml(doc, OPTS))).toContain("This timeline has no entries yet.");
  });
});

describe("publicPageHtml: the head", () => {
  const doc = sampleTimeline();
  const html = publicPageHtml(doc, OPTS);

  it("has the canonical URL, oEmbed discovery and the TimelineJS JSON", () => {
    const links = startTags(html, "link").map((t) => [attr(t, "rel"), attr(t, "type") ?? null, attr(t, "href")]);
    expect(links).toEqual([
      ["icon", "image/svg+xml", "/icon.svg"],
      ["canonical", null, "https://news.example/p/idlib-abc123"],
      ["alternate", "application/json+oembed", "https://news.example/api/oembed?url=https%3A%2F%2Fnews.example%2Fp%2Fidlib-abc123&format=json"],
      ["alternate", "application/json", "https://news.example/p/idlib-abc123/timeline.json"],
      ["stylesheet", null, ASSETS.css],
    ]);
  });

  it("has Open Graph and Twitter card tags, with the first image", () => {
    expect(metaContent(html, "og:type")).toBe("article");
    expect(metaContent(html, "og:title")).toBe("Idlib: the last offensive");
    expect(metaContent(html, "og:description")).toBe("How the siege unfolded.");
    expect(metaContent(html, "og:url")).toBe("https://news.example/p/idlib-abc123");
    expect(metaContent(html, "og:image")).toBe("https://example.org/photo.jpg");
    expect(metaContent(html, "og:image:alt")).toBe("Cars on a highway");
    expect(metaContent(html, "twitter:card")).toBe("summary_large_image");
    expect(metaContent(html, "twitter:title")).toBe("Idlib: the last offensive");
    expect(metaContent(html, "twitter:image")).toBe("https://example.org/photo.jpg");
    expect(metaContent(html, "description")).toBe("How the siege unfolded.");
  });

  it("prefers the title slide's image, and has no image tags without one", () => {
    const withTitleImage = sampleTimeline();
    setMeta(withTitleImage, { media: { url: "https://example.org/cover.png", alt: "Cover" } });
    expect(metaContent(publicPageHtml(withTitleImage, OPTS), "og:image")).toBe("https://example.org/cover.png");
    const plain = datesTimeline();
    const page = publicPageHtml(plain, OPTS);
    expect(metaContent(page, "og:image")).toBeUndefined();
    expect(metaContent(page, "twitter:card")).toBe("summary");
  });

  it("shows a title slide's HTML summary as a browser reads it, sanitized, and describes it as text", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Imported", summary: '<p class="lead">Women &amp; <a href="https://x.example/" target="_blank">computing</a><p>Since 1843<script>alert(1)</script>' });
    const page = publicPageHtml(doc, OPTS);
    expect(between(page, '<div class="summary">', "</div>")).toBe(
      '<div class="summary"><p class="lead">Women &amp; <a href="https://x.example/" target="_blank">computing</a></p><p>Since 1843</p></div>',
    );
    expect(metaContent(page, "og:description")).toBe("Women & computing Since 1843");
  });

  it("describes a timeline without a summary by its entries", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "No summary" });
    addEntry(doc, { start: "2019-12-24", headline: "One" });
    addEntry(doc, { start: "2020", headline: "Two" });
    expect(metaContent(publicPageHtml(doc, OPTS), "og:description")).toBe("2 entries, from 24 December 2019.");
  });

  it("embeds the JSON-LD as data, inert in HTML", () => {
    const ld = tokenize(html).filter((t) => t.kind === "start" && t.name === "script" && attr(t, "type") === "application/ld+json");
    expect(ld).toHaveLength(1);
    const body = between(html, '<script type="application/ld+json">', "</script>").replace(/^<script[^>]*>|<\/script>$/g, "");
    expect(() => JSON.parse(body)).not.toThrow();
  });

  it("loads TimelineJS and its starter from our origin only, with no inline script", () => {
    const scripts = startTags(html, "script").filter((t) => attr(t, "type") !== "application/ld+json");
    expect(scripts.map((t) => [attr(t, "src"), t.attrs.some((a) => a.name === "defer")])).toEqual([
      [ASSETS.js, true],
      [ASSETS.mount, true],
    ]);
    const raw = tokenize(html).filter((t) => t.kind === "rawtext" && t.name === "script");
    expect(raw.every((t) => t.kind === "rawtext" && (t.text === "" || t.text.startsWith("{")))).toBe(true);
  });

  it("gives the TimelineJS container its data, hidden until the script starts it", () => {
    const [viewer] = startTags(html, "div").filter((t) => attr(t, "id") === "timeline");
    expect(viewer.attrs.some((a) => a.name === "hidden")).toBe(true);
    // A path: fetched from the origin the reader is on, which the page's connect-src allows.
    expect(attr(viewer, "data-source")).toBe("/p/idlib-abc123/timeline.json");
    expect(attr(viewer, "data-script-path")).toBe(ASSETS.scriptPath);
    expect(JSON.parse(attr(viewer, "data-options")!)).toEqual({ language: "en", font: "georgia-helvetica" });
  });

  it("says when it was published", () => {
    expect(html).toContain('Published on <time datetime="2024-05-01T12:34:56.000Z">1 May 2024, 12:34 UTC</time>');
  });
});

describe("publicPageHtml on a hostile timeline", () => {
  const html = publicPageHtml(hostileTimeline(), OPTS);

  it("renders the chronology inert, as the HTML export does (images load lazily)", () => {
    const chronology = between(html, "<main>", "</main>");
    expect(auditHtml(chronology).filter((p) => p !== "attribute loading on <img>")).toEqual([]);
  });

  it("has no event handler, active URL or unexpected element anywhere", () => {
    const ours = new Set([
      "raw text element <script>",
      "element <script>",
      "element <link>",
      "attribute defer on <script>",
      "attribute property on <meta>",
      "attribute hidden on <div>",
      "attribute data-source on <div>",
      "attribute data-script-path on <div>",
      "attribute data-options on <div>",
      "attribute loading on <img>",
      // Same-origin paths: the icon, TimelineJS and its starter.
      "href not http(s)/mailto: /icon.svg",
      `href not http(s)/mailto: ${ASSETS.css}`,
      `src not http(s): ${ASSETS.js}`,
      `src not http(s): ${ASSETS.mount}`,
    ]);
    const problems = auditHtml(html).filter((p) => !ours.has(p));
    expect(problems).toEqual([]);
    expect(html).not.toMatch(/<(iframe|svg|object|embed)/i);
  });

  it("shows the payloads as text", () => {
    const text = visibleText(between(html, "<body>", "</body>"));
    for (const key of ["headline", "group", "sourceTitle", "publisher", "displayDate", "caption", "credit", "bodyText"] as const) {
      expect(text).toContain(PAYLOADS[key]);
    }
    expect(html).toContain("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");
    expect(metaContent(html, "og:title")).toBe(PAYLOADS.title);
    expect(startTags(html, "html")[0].attrs).toEqual([{ name: "lang", value: "en" }]);
  });
});

describe("embedPageHtml", () => {
  const html = embedPageHtml(datesTimeline(), OPTS);

  it("is TimelineJS filling the frame, started as an embed", () => {
    const [viewer] = startTags(html, "div").filter((t) => attr(t, "id") === "timeline");
    expect(JSON.parse(attr(viewer, "data-options")!)).toEqual({ language: "en", font: "georgia-helvetica", is_embed: true, is_full_embed: true });
    expect(html).toContain("html, body { width: 100%; height: 100%;");
    expect(startTags(html, "base").map((t) => t.attrs)).toEqual([[{ name: "target", value: "_blank" }]]);
  });

  it("keeps the chronology for readers without JavaScript", () => {
    const noscript = between(html, "<noscript>", "</noscript>");
    expect(noscript).toContain('<time datetime="-0043-03-15">15 March 44 BCE</time>');
    expect((noscript.match(/<article /g) ?? []).length).toBe(7);
  });

  it("has no page chrome: no header, no footer", () => {
    expect(html).not.toContain("<header>");
    expect(html).not.toContain("<footer>");
  });
});

describe("the other pieces", () => {
  it("builds every URL of a publication from the base, with or without a trailing slash", () => {
    expect(publicationUrls("http://127.0.0.1:3000", "a-b")).toEqual(publicationUrls("http://127.0.0.1:3000/", "a-b"));
    expect(publicationUrls("http://127.0.0.1:3000", "a-b")).toEqual({
      page: "http://127.0.0.1:3000/p/a-b",
      embed: "http://127.0.0.1:3000/embed/a-b",
      json: "http://127.0.0.1:3000/p/a-b/timeline.json",
      oembed: "http://127.0.0.1:3000/api/oembed?url=http%3A%2F%2F127.0.0.1%3A3000%2Fp%2Fa-b&format=json",
    });
  });

  it("writes an embed snippet whose attributes hold whatever the title is", () => {
    const snippet = embedSnippet("https://news.example/embed/x", '"><script>alert(1)</script>');
    const [iframe] = startTags(snippet, "iframe");
    expect(attr(iframe, "src")).toBe("https://news.example/embed/x");
    expect(attr(iframe, "title")).toBe('"><script>alert(1)</script>');
    expect(attr(iframe, "width")).toBe(String(EMBED_SIZE.width));
    expect(attr(iframe, "height")).toBe(String(EMBED_SIZE.height));
    expect(startTags(snippet, "script")).toEqual([]);
  });

  it("allows scripts from our origin only, and framing as asked", () => {
    expect(publicCsp("*")).toContain("script-src 'self';");
    expect(publicCsp("*")).toMatch(/frame-ancestors \*$/);
    expect(publicCsp("'self'")).toMatch(/frame-ancestors 'self'$/);
    expect(publicCsp("*")).not.toMatch(/script-src[^;]*unsafe/);
  });

  it("answers 404 and 410 with a page that says which", () => {
    expect(visibleText(publicStatusHtml(410))).toContain("This timeline is no longer published");
    expect(visibleText(publicStatusHtml(404))).toContain("No such timeline");
  });

  it("builds the preview frame around TimelineJS and its listener", () => {
    const html = previewFrameHtml({ ...ASSETS, frameScript: "/dateline/timelinejs-frame.js" });
    expect(startTags(html, "script").map((t) => attr(t, "src"))).toEqual([ASSETS.js, "/dateline/timelinejs-frame.js"]);
    expect(startTags(html, "div").find((t) => attr(t, "id") === "timeline")).toBeDefined();
  });
});
