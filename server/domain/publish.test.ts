// Issue 14, publishing: the use-cases and the routes behind them (the route handlers called as Next calls
// them), on the real server over embedded PGlite and Postgres. What a browser must show (TimelineJS
// rendering, the embed inside another origin's page) is in e2e/publish.spec.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { GET as getPublicationRoute, POST as publishRoute, DELETE as unpublishRoute } from "@/app/api/timelines/[id]/publish/route";
import { GET as pageRoute } from "@/app/p/[slug]/route";
import { GET as jsonRoute } from "@/app/p/[slug]/timeline.json/route";
import { GET as embedRoute } from "@/app/embed/[slug]/route";
import { GET as oembedRoute } from "@/app/api/oembed/route";
import { GET as frameRoute } from "@/app/timelinejs-frame/route";
import { GET as vendorRoute } from "@/app/vendor/timelinejs/[...path]/route";
import { publicBase, timelineJsVendor } from "@/app/_lib/publishing";
import { timelineToTimelineJs } from "../../lib/formats/timelinejs.ts";
import { addEntry, setHeadline, setMeta } from "../../lib/timeline/ops.ts";
import type { TRunningServer } from "../app.ts";
import type { TConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { createTestDatabase, DATABASE_KINDS, type TTestDatabase } from "../test/databases.ts";
import { signUp, startTestServer, timelineWithTeam, type TTeam, type TTestUser } from "../test/harness.ts";
import { createTimeline } from "./create-timeline.ts";
import { deleteTimeline } from "./delete-timeline.ts";
import { publishTimeline } from "./publish-timeline.ts";
import { readPublication } from "./read-publication.ts";
import { unpublishTimeline } from "./unpublish-timeline.ts";
import type { TPublishWarning } from "./publications.types.ts";

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

const person = (u: TTestUser) => ({ id: u.id, name: u.name });
const route = <P>(params: P) => ({ params: Promise.resolve(params) });

describe.each(DATABASE_KINDS)("publishing on %s", (kind) => {
  let db: TTestDatabase;
  let server: TRunningServer;
  let team: TTeam;
  let otto: TTestUser; // not a member
  const d = () => server.context;

  /** A request as a browser on our own page sends it. */
  function api(method: string, timelineId: string, user: TTestUser | null, body?: unknown, headers: Record<string, string> = {}): Request {
    return new Request(`${server.url}/api/timelines/${timelineId}/publish`, {
      method,
      headers: { origin: server.url, ...(user ? { cookie: user.cookie } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  const publish = (timelineId: string, user: TTestUser, body?: unknown) => publishRoute(api("POST", timelineId, user, body), route({ id: timelineId }));
  const unpublish = (timelineId: string, user: TTestUser) => unpublishRoute(api("DELETE", timelineId, user), route({ id: timelineId }));
  const state = (timelineId: string, user: TTestUser) => getPublicationRoute(api("GET", timelineId, user), route({ id: timelineId }));

  // Public requests: no cookie, no origin, as a reader's browser or a crawler sends them.
  const page = (slug: string) => pageRoute(new Request(`${server.url}/p/${slug}`), route({ slug }));
  const embed = (slug: string) => embedRoute(new Request(`${server.url}/embed/${slug}`), route({ slug }));
  const json = (slug: string) => jsonRoute(new Request(`${server.url}/p/${slug}/timeline.json`), route({ slug }));
  const oembed = (query: Record<string, string>, host = new URL(server.url).host) =>
    oembedRoute(new Request(`${server.url}/api/oembed?${new URLSearchParams(query)}`, { headers: { host } }), route({}));

  const headlinesOf = (html: string) => [...html.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]);

  /** A timeline of the team with one verified entry (image with alt text), so it publishes without override. */
  async function readyTimeline(title: string): Promise<string> {
    const timelineId = (await createTimeline(d(), team.owner.id, { title })).id;
    await d().prisma.timelineMember.create({ data: { timelineId, userId: team.editor.id, role: "editor" } });
    await d().rooms.transact(timelineId, (doc) =>
      addEntry(doc, { start: "2019-12-24", headline: "Exodus", status: "verified", media: { url: "https://example.org/a.jpg", alt: "Cars" } }),
    );
    return timelineId;
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer(db);
    team = await timelineWithTeam(server, ["Olga", "Eddie", "Carla", "Vera"], "Idlib: the last offensive");
    otto = await signUp(server.url, "Otto");
  });

  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  describe("one timeline through its life", () => {
    const ids: Record<string, string> = {};
    let slug: string;

    beforeAll(async () => {
      const { timelineId } = team;
      await d().rooms.transact(timelineId, (doc) => {
        setMeta(doc, { summary: "How the siege unfolded.", media: { url: "https://example.org/cover.jpg" } });
        ids.verified = addEntry(doc, { start: "2019-12-24", headline: "Exodus", status: "verified", media: { url: "https://example.org/a.jpg", alt: "Cars" } });
        ids.draft = addEntry(doc, { start: "2020-02", qualifier: "circa", headline: "Talks in Moscow" });
        ids.noAlt = addEntry(doc, { start: "-0043-03-15", headline: "Ides of March", status: "verified", media: { url: "https://example.org/b.png", alt: "  " } });
        ids.disputed = addEntry(doc, { start: "2020-03-05T14:30", headline: "Ceasefire", status: "disputed" });
      });
    });

    it("lists entries not verified and media without alt text, and publishes nothing without the override", async () => {
      const expected: TPublishWarning[] = [
        { kind: "missing-alt", entryId: null, headline: "Idlib: the last offensive" },
        { kind: "missing-alt", entryId: ids.noAlt, headline: "Ides of March" },
        { kind: "unverified", entryId: ids.draft, headline: "Talks in Moscow", status: "draft" },
        { kind: "unverified", entryId: ids.disputed, headline: "Ceasefire", status: "disputed" },
      ];
      const res = await publish(team.timelineId, team.editor);
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({
        error: { code: "conflict", message: "2 entries are not verified and 2 media items have no alt text: publish with override to go ahead" },
        warnings: expected,
      });
      const explicit = await publish(team.timelineId, team.editor, { override: false });
      expect(explicit.status).toBe(409);
      expect(await d().prisma.publication.count({ where: { timelineId: team.timelineId } })).toBe(0);
      expect(await d().prisma.snapshot.count({ where: { timelineId: team.timelineId, kind: "published" } })).toBe(0);
      expect((await state(team.timelineId, team.editor)).status).toBe(200);
      expect(await (await state(team.timelineId, team.editor)).json()).toBeNull();
    });

    it("publishes with the override: a snapshot frozen, a slug from the title, the page's URL", async () => {
      const res = await publish(team.timelineId, team.editor, { override: true });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { slug: string; url: string; publishedAt: string; warnings: TPublishWarning[] };
      slug = body.slug;
      expect(slug).toMatch(/^idlib-the-last-offensive-[a-z2-7]{10}$/);
      expect(body.url).toBe(`${server.url}/p/${slug}`);
      expect(body.warnings).toHaveLength(4);
      const snapshot = await d().prisma.snapshot.findFirstOrThrow({ where: { timelineId: team.timelineId, kind: "published" } });
      expect(snapshot.name).toMatch(/^Published \d{1,2} \w+ \d{4}, \d\d:\d\d UTC$/);
      expect(snapshot.createdById).toBe(team.editor.id);
      expect(await (await state(team.timelineId, team.viewer)).json()).toEqual({ slug, url: body.url, publishedAt: body.publishedAt });
    });

    it("serves the page without a session: every entry in order, dates at their precision, no inline script", async () => {
      const res = await page(slug);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self';");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
      const html = await res.text();
      expect(headlinesOf(html)).toEqual(["Ides of March", "Exodus", "Talks in Moscow", "Ceasefire"]);
      expect(html).toContain('<time datetime="-0043-03-15">15 March 44 BCE</time>');
      expect(html).toContain('<time datetime="2020-02">c. February 2020</time>');
      expect(html).toContain('<time datetime="2020-03-05T14:30">5 March 2020, 14:30</time>');
      expect(html).toContain(`<link rel="canonical" href="${server.url}/p/${slug}">`);
      expect(html).toContain(`<meta property="og:image" content="https://example.org/cover.jpg">`);
      const vendor = `/vendor/timelinejs/${timelineJsVendor().version}`;
      expect(html).toContain(`<script src="${vendor}/js/timeline.js" defer></script>`);
      expect(html).toContain(`data-source="/p/${slug}/timeline.json"`);
    });

    it("serves its TimelineJS JSON to any origin, and the embed to any frame", async () => {
      const res = await json(slug);
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const snapshot = await d().prisma.snapshot.findFirstOrThrow({ where: { timelineId: team.timelineId, kind: "published" } });
      const frozen = new Y.Doc();
      Y.applyUpdate(frozen, new Uint8Array(snapshot.state));
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(timelineToTimelineJs(frozen))));

      const framed = await embed(slug);
      expect(framed.status).toBe(200);
      expect(framed.headers.get("content-security-policy")).toMatch(/frame-ancestors \*$/);
      expect(framed.headers.get("x-frame-options")).toBeNull();
      const html = await framed.text();
      expect(html).toContain("<noscript>");
      expect(headlinesOf(html)).toEqual(["Ides of March", "Exodus", "Talks in Moscow", "Ceasefire"]);
    });

    it("answers oEmbed for its page and its embed, at localhost and 127.0.0.1 alike", async () => {
      const pageUrl = `${server.url}/p/${slug}`;
      const res = await oembed({ url: pageUrl, format: "json" });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ version: "1.0", type: "rich", title: "Idlib: the last offensive", provider_name: "Dateline", width: 800, height: 650 });
      expect(body.html).toBe(
        `<iframe src="${server.url}/embed/${slug}" title="Idlib: the last offensive" width="800" height="650" style="width:100%;max-width:800px;border:0" allowfullscreen loading="lazy"></iframe>`,
      );
      const small = (await (await oembed({ url: `${server.url}/embed/${slug}`, maxwidth: "500", maxheight: "400" })).json()) as Record<string, unknown>;
      expect([small.width, small.height]).toEqual([500, 400]);
      const localhost = pageUrl.replace("127.0.0.1", "localhost");
      expect((await oembed({ url: localhost }, new URL(localhost).host)).status).toBe(200);
    });

    it("refuses what oEmbed does not serve: xml (501), other sites' and unknown pages (404), no url (400)", async () => {
      const xml = await oembed({ url: `${server.url}/p/${slug}`, format: "xml" });
      expect(xml.status).toBe(501);
      expect(((await xml.json()) as { error: { code: string } }).error.code).toBe("not_implemented");
      expect((await oembed({ url: `https://elsewhere.example/p/${slug}` })).status).toBe(404);
      expect((await oembed({ url: `${server.url}/p/no-such-slug` })).status).toBe(404);
      expect((await oembed({ url: `${server.url}/t/${team.timelineId}` })).status).toBe(404);
      expect((await oembed({ url: "not a url" })).status).toBe(404);
      const badEscape = await oembed({ url: `${server.url}/p/%E0%A4%A` });
      expect(badEscape.status).toBe(404);
      expect(((await badEscape.json()) as { error: { code: string } }).error.code).toBe("not_found");
      expect((await oembed({})).status).toBe(400);
      expect((await oembed({ url: `${server.url}/p/${slug}`, maxwidth: "-5" })).status).toBe(400);
    });

    it("stays frozen while the timeline changes, until re-published under the same slug", async () => {
      const before = await (await json(slug)).text();
      await d().rooms.transact(team.timelineId, (doc) => {
        addEntry(doc, { start: "2021", headline: "Later edit", status: "verified" });
        setHeadline(doc, ids.verified, "Exodus from Maarat");
      });
      expect(headlinesOf(await (await page(slug)).text())).toEqual(["Ides of March", "Exodus", "Talks in Moscow", "Ceasefire"]);
      expect(await (await json(slug)).text()).toBe(before);

      const res = await publish(team.timelineId, team.owner, { override: true });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { slug: string }).slug).toBe(slug);
      expect(headlinesOf(await (await page(slug)).text())).toEqual(["Ides of March", "Exodus from Maarat", "Talks in Moscow", "Ceasefire", "Later edit"]);
      expect(await d().prisma.snapshot.count({ where: { timelineId: team.timelineId, kind: "published" } })).toBe(2);
    });

    it("decodes each published snapshot once, whichever route reads it", async () => {
      const a = await readPublication(d(), slug);
      const b = await readPublication(d(), slug);
      expect(a.status === "published" && b.status === "published" && a.publication.doc === b.publication.doc).toBe(true);
    });

    it("lets owners and editors publish and unpublish; commenters and viewers get 403, others 404, strangers 401", async () => {
      for (const user of [team.commenter, team.viewer]) {
        expect((await publish(team.timelineId, user, { override: true })).status).toBe(403);
        expect((await unpublish(team.timelineId, user)).status).toBe(403);
      }
      expect((await publish(team.timelineId, otto, { override: true })).status).toBe(404);
      expect((await state(team.timelineId, otto)).status).toBe(404);
      const signedOut = await publishRoute(api("POST", team.timelineId, null, { override: true }), route({ id: team.timelineId }));
      expect(signedOut.status).toBe(401);
      const crossSite = await publishRoute(api("POST", team.timelineId, team.owner, { override: true }, { origin: "https://evil.example" }), route({ id: team.timelineId }));
      expect(crossSite.status).toBe(403);
      const err = await failure(publishTimeline(d(), person(team.commenter), team.timelineId, { override: true }, server.url));
      expect([err.code, err.status]).toEqual(["forbidden", 403]);
      const badInput = await publish(team.timelineId, team.editor, { override: "yes" });
      expect(badInput.status).toBe(422);
      expect(((await badInput.json()) as { error: { field: string } }).error.field).toBe("override");
    });

    it("unpublishes: every public URL answers 410 until it is published again, at the same slug", async () => {
      expect((await unpublish(team.timelineId, team.editor)).status).toBe(204);
      expect(await (await state(team.timelineId, team.editor)).json()).toBeNull();
      const gone = await page(slug);
      expect(gone.status).toBe(410);
      expect(await gone.text()).toContain("This timeline is no longer published");
      expect((await embed(slug)).status).toBe(410);
      const goneJson = await json(slug);
      expect(goneJson.status).toBe(410);
      expect(goneJson.headers.get("access-control-allow-origin")).toBe("*");
      expect((await oembed({ url: `${server.url}/p/${slug}` })).status).toBe(410);
      // Twice is the same as once.
      expect((await unpublish(team.timelineId, team.owner)).status).toBe(204);

      const again = await publish(team.timelineId, team.editor, { override: true });
      expect(((await again.json()) as { slug: string }).slug).toBe(slug);
      expect((await page(slug)).status).toBe(200);
    });
  });

  it("publishes a timeline with nothing to warn about from a bare POST", async () => {
    const timelineId = await readyTimeline("Ready");
    const res = await publishRoute(new Request(`${server.url}/api/timelines/${timelineId}/publish`, { method: "POST", headers: { origin: server.url, cookie: team.editor.cookie } }), route({ id: timelineId }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { warnings: unknown[] }).warnings).toEqual([]);
  });

  it("answers 404 for what was never published, and for slugs no publish makes", async () => {
    const timelineId = await readyTimeline("Never published");
    expect((await unpublish(timelineId, team.editor)).status).toBe(404);
    for (const slug of ["never-published-aaaaaaaaaa", "UPPER", "a--b", "-a", "x".repeat(101), "a\u0000b"]) {
      expect((await page(slug)).status).toBe(404);
      expect((await embed(slug)).status).toBe(404);
      expect((await json(slug)).status).toBe(404);
    }
  });

  it("takes the page down with the timeline when the timeline is deleted", async () => {
    const timelineId = await readyTimeline("Deleted later");
    const { slug } = (await (await publish(timelineId, team.editor)).json()) as { slug: string };
    expect((await page(slug)).status).toBe(200);
    await deleteTimeline(d(), team.owner.id, timelineId);
    expect((await page(slug)).status).toBe(404);
    expect(await d().prisma.snapshot.count({ where: { timelineId } })).toBe(0);
  });

  it("keeps one slug per timeline when two first publishes race", async () => {
    const timelineId = await readyTimeline("Raced");
    const results = await Promise.all([0, 1].map(() => publishTimeline(d(), person(team.editor), timelineId, {}, server.url)));
    const slugs = results.map((r) => (r.published ? r.slug : null));
    expect(slugs[0]).not.toBeNull();
    expect(slugs[1]).toBe(slugs[0]);
    await unpublishTimeline(d(), team.editor.id, timelineId);
  });

  it("writes each request's own origin into the page, without rendering the page again for it", async () => {
    const timelineId = await readyTimeline("Many hosts");
    const published = await publishTimeline(d(), person(team.editor), timelineId, {}, server.url);
    const slug = published.published ? published.slug : "";
    const at = async (host: string) => (await pageRoute(new Request(`${server.url}/p/${slug}`, { headers: { host } }), route({ slug }))).text();
    const first = await at("news.example:8080");
    expect(first).toContain(`<link rel="canonical" href="http://news.example:8080/p/${slug}">`);
    expect(first).toContain(`/api/oembed?url=${encodeURIComponent(`http://news.example:8080/p/${slug}`)}&amp;format=json`);
    expect(first).not.toContain("dateline.invalid");
    const found = await readPublication(d(), slug);
    if (found.status !== "published") throw new Error("not published");
    let renders = 0;
    for (const host of ["a.example", "b.example", "c.example", "d.example", "e.example", "f.example", "g.example", "h.example", "i.example", "j.example"]) {
      found.publication.renderedAt("page", `http://${host}`, () => {
        renders++;
        return "";
      });
      expect(await at(host)).toContain(`href="http://${host}/p/${slug}"`);
    }
    expect(renders).toBe(0);
  });

  // A publish whose database work is held back after it has read the timeline: as a slow request would be.
  function heldPublish(timelineId: string) {
    let release!: () => void;
    let reading!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const read = new Promise<void>((r) => (reading = r));
    const prisma = new Proxy(d().prisma, {
      get(target, key, receiver) {
        if (key !== "$transaction") return Reflect.get(target, key, receiver);
        return async (fn: Parameters<typeof target.$transaction>[0]) => {
          reading();
          await gate;
          return target.$transaction(fn as never);
        };
      },
    });
    const result = publishTimeline({ ...d(), prisma }, person(team.editor), timelineId, {}, server.url);
    return { result, read, release };
  }

  it("a publish that read the timeline before a newer publish leaves the newer page up", async () => {
    const timelineId = await readyTimeline("Late publish");
    const late = heldPublish(timelineId);
    await late.read;
    await d().rooms.transact(timelineId, (doc) => addEntry(doc, { start: "2020-01-01", headline: "Newer", status: "verified" }));
    const fresh = await publishTimeline(d(), person(team.editor), timelineId, {}, server.url);
    late.release();
    const result = await late.result;
    expect(result.published && fresh.published && result.slug === fresh.slug && result.publishedAt).toBe(fresh.published && fresh.publishedAt);
    const slug = fresh.published ? fresh.slug : "";
    expect(headlinesOf(await (await page(slug)).text())).toEqual(["Exodus", "Newer"]);
  });

  it("a publish that read the timeline before an unpublish cannot bring the page back up", async () => {
    const timelineId = await readyTimeline("Late after unpublish");
    const first = await publishTimeline(d(), person(team.editor), timelineId, {}, server.url);
    const late = heldPublish(timelineId);
    await late.read;
    await unpublishTimeline(d(), team.owner.id, timelineId);
    late.release();
    const err = await failure(late.result);
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/unpublished/);
    expect((await page(first.published ? first.slug : "")).status).toBe(410);
    // Published again on purpose, it is back.
    expect((await publishTimeline(d(), person(team.editor), timelineId, {}, server.url)).published).toBe(true);
    expect((await page(first.published ? first.slug : "")).status).toBe(200);
  });

  it("serves the preview frame: TimelineJS and its listener, framable by our pages only", async () => {
    const res = await frameRoute(new Request(`${server.url}/timelinejs-frame`), route({}));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'self'$/);
    const html = await res.text();
    expect(html).toContain(`<script src="/vendor/timelinejs/${timelineJsVendor().version}/js/timeline.js" defer></script>`);
    expect(html).toContain('<script src="/dateline/timelinejs-frame.js" defer></script>');
  });

  describe("the files TimelineJS needs, from our origin", () => {
    const { version } = timelineJsVendor();
    const vendor = (...path: string[]) => vendorRoute(new Request(`http://127.0.0.1/vendor/timelinejs/${path.join("/")}`), route({ path }));

    it("serves the library, its styles, fonts and locales, cached for good under their version", async () => {
      const js = await vendor(version, "js", "timeline.js");
      expect(js.status).toBe(200);
      expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect((await js.text()).slice(0, 200)).toContain("var TL;");
      expect((await vendor(version, "css", "timeline.css")).headers.get("content-type")).toBe("text/css; charset=utf-8");
      expect((await vendor(version, "css", "fonts", "font.default.css")).status).toBe(200);
      expect((await vendor(version, "css", "icons", "tl-icons.woff2")).headers.get("content-type")).toBe("font/woff2");
      expect((await vendor(version, "js", "locale", "fr.json")).status).toBe(200);
    });

    it("serves nothing outside dist/js and dist/css, nor under another version", async () => {
      expect((await vendor(version, "..", "package.json")).status).toBe(404);
      expect((await vendor(version, "js", "..", "..", "package.json")).status).toBe(404);
      expect((await vendor(version, "embed", "index.html")).status).toBe(404);
      expect((await vendor("0.0.1", "js", "timeline.js")).status).toBe(404);
      expect((await vendor(version)).status).toBe(404);
    });
  });
});

describe("the public base URL", () => {
  const config = (publicUrl: string | undefined, trustProxy = false) => ({ config: { publicUrl, trustProxy } as TConfig });
  const req = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/timelines/x/publish", { headers });

  it("is PUBLIC_URL when set", () => {
    expect(publicBase(config("https://news.example/"), req({ host: "localhost:3000" }))).toBe("https://news.example");
  });

  it("else is the host the request was sent to, not the address the server listens on", () => {
    expect(publicBase(config(undefined), req({ host: "localhost:3000" }))).toBe("http://localhost:3000");
    expect(publicBase(config(undefined), req({}))).toBe("http://127.0.0.1:3000");
  });

  it("takes the forwarded host and scheme only from a trusted proxy", () => {
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "news.example", "x-forwarded-proto": "https" };
    expect(publicBase(config(undefined, true), req(proxied))).toBe("https://news.example");
    expect(publicBase(config(undefined, false), req(proxied))).toBe("http://10.0.0.5:3000");
  });

  it("never makes a link of a Host header that is not a plain host", () => {
    expect(publicBase(config(undefined), req({ host: 'evil.example/"><script>' }))).toBe("http://127.0.0.1:3000");
    expect(publicBase(config(undefined, true), req({ host: "a.example", "x-forwarded-proto": "javascript" }))).toBe("http://127.0.0.1:3000");
  });
});
