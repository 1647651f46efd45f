// The real TimelineJS3 (from npm, served by our origin) in Chromium: every sample file, imported and
// exported again, is read by TimelineJS exactly as the original is, field by field, and shows a slide for
// every entry. Sheets are read by TimelineJS's own CSV reader from a URL ending in .csv.
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { startApp, type TApp } from "./fixtures/server";

const SAMPLES = path.resolve(import.meta.dirname, "../../shared/timelinejs-samples");
const VERSION = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../node_modules/@knight-lab/timelinejs/package.json"), "utf8")) as { version: string }).version;
const VENDOR = `/vendor/timelinejs/${VERSION}`;

let app: TApp;
let api: APIRequestContext;

test.beforeAll(async () => {
  app = await startApp();
  api = await playwrightRequest.newContext({ baseURL: app.url, extraHTTPHeaders: { origin: app.url } });
  const email = `tl-${Date.now()}@example.test`;
  const res = await api.post("/api/auth/sign-up/email", { data: { name: "Publisher", email, password: "correct horse battery" } });
  expect(res.status()).toBe(200);
});

test.afterAll(async () => {
  await api?.dispose();
  await app?.dispose();
});

async function importFile(name: string): Promise<string> {
  const body = fs.readFileSync(path.join(SAMPLES, name), "utf8");
  const res = await api.post("/api/timelines/import", { headers: { "content-type": name.endsWith(".csv") ? "text/csv" : "application/json" }, data: body });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

// A page of our origin with TimelineJS loaded from our vendor route (no CDN), and a function that builds
// a timeline from JSON or a URL and answers with TimelineJS's reading of it, once its slides are built.
async function timelinePage(page: Page, files: Record<string, string> = {}): Promise<void> {
  await page.route(`${app.url}/__timelinejs-test/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.split("/").pop()!;
    if (name === "index.html") {
      return route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><link rel="stylesheet" href="${VENDOR}/css/timeline.css"><script src="${VENDOR}/js/timeline.js"></script><div id="tl" style="width:900px;height:600px"></div>`,
      });
    }
    return files[name] === undefined ? route.fulfill({ status: 404 }) : route.fulfill({ contentType: "text/csv", body: files[name] });
  });
  const blocked: string[] = [];
  page.on("request", (req) => {
    if (!req.url().startsWith(app.url) && !req.url().startsWith("data:")) blocked.push(req.url());
  });
  await page.goto(`${app.url}/__timelinejs-test/index.html`);
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { TL?: unknown }).TL)).toBe("object");
  // TimelineJS's code comes from us: anything it fetched elsewhere is media of the files, never code.
  expect(blocked.filter((u) => /\.js(\?|$)/.test(u) && !/twitter|youtube|soundcite|instagram|vimeo|google|flickr|imgur|spotify|wikipedia|soundcloud|dailymotion|vine|knightlab|documentcloud|wistia|tiktok|twitch|pinterest/.test(u))).toEqual([]);
}

type TRead = { errors: string[]; slides: number; config: unknown };

async function readWithTimelineJs(page: Page, source: unknown): Promise<TRead> {
  return page.evaluate(
    async ({ source, scriptPath }) => {
      type TLDate = { data: Record<string, unknown> };
      type TSlide = Record<string, unknown> & { start_date?: TLDate; end_date?: TLDate };
      const w = window as unknown as { TL: { Timeline: new (el: HTMLElement, s: unknown, o: object) => { on(e: string, f: () => void): void; config: { events: TSlide[]; eras: TSlide[]; title?: TSlide; scale: string; messages: { errors: string[] } } } } };
      const el = document.getElementById("tl")!;
      el.innerHTML = "";
      const timeline = new w.TL.Timeline(el, source, { script_path: new URL(scriptPath, location.href).href, hash_bookmark: false });
      await new Promise<void>((resolve) => timeline.on("ready", () => resolve()));
      const date = (d: TLDate | undefined) => {
        if (!d) return undefined;
        const out: Record<string, unknown> = {};
        for (const k of ["year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"]) {
          const v = d.data[k];
          if (v !== undefined && v !== null && v !== "") out[k] = typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
        }
        return out;
      };
      const slide = (s: TSlide) => ({
        start_date: date(s.start_date),
        end_date: date(s.end_date),
        text: s.text,
        media: s.media,
        group: s.group || undefined,
        display_date: s.display_date || undefined,
        background: s.background,
        unique_id: s.unique_id,
        autolink: s.autolink,
      });
      const c = timeline.config;
      return {
        errors: c.messages.errors.map(String),
        slides: document.querySelectorAll(".tl-slide").length,
        config: {
          scale: c.scale,
          title: c.title ? { ...slide(c.title), start_date: undefined, unique_id: undefined } : undefined,
          events: c.events.map(slide),
          eras: c.eras.map((e) => ({ start_date: date(e.start_date), end_date: date(e.end_date), headline: e.headline })),
        },
      };
    },
    { source, scriptPath: `${VENDOR}/js/` },
  );
}

// TimelineJS makes up the ids of slides that have none (from their headline); ours are the entry ids.
function withoutMadeUpIds(config: unknown, given: Set<string>): unknown {
  const c = config as { events: Array<{ unique_id?: string }> };
  return { ...c, events: c.events.map((e) => ({ ...e, unique_id: given.has(e.unique_id ?? "") ? e.unique_id : undefined })) };
}

// What TimelineJS shows nothing for: "", null, and objects with nothing else in them (a sheet's empty media
// cells, a `"url": null`, a credit DOMPurify turned from null into "").
function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(compact);
  if (typeof v !== "object" || v === null) return v === "" || v === null ? undefined : v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const c = compact(x);
    if (c !== undefined) out[k] = c;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

// JSON with sorted keys, to order slides whatever order their keys were written in.
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

// TimelineJS sorts events by date only, so slides of one date keep file order (ours: by entry id):
// compare them in a fixed order.
function sorted(config: unknown): unknown {
  const c = compact(config) as { events: unknown[] };
  return { ...c, events: [...c.events].sort((a, b) => canonical(a).localeCompare(canonical(b))) };
}

const JSON_SAMPLES: Array<[string, number]> = [
  ["eras.json", 20],
  ["all-media-types.json", 41],
  ["marktwain.json", 17],
  ["houston.json", 18],
  ["cosmo-mixed.json", 11],
];

test.describe("TimelineJS3 reads our TimelineJS export as it reads the original", () => {
  for (const [name, events] of JSON_SAMPLES) {
    test(`${name}: every entry shows, every field reads the same`, async ({ page }) => {
      const original = JSON.parse(fs.readFileSync(path.join(SAMPLES, name), "utf8")) as { events: Array<{ unique_id?: string }> };
      const id = await importFile(name);
      const exported = await (await api.get(`/api/timelines/${id}/export?format=timelinejs`)).json();
      await timelinePage(page);
      const ours = await readWithTimelineJs(page, exported);
      const theirs = await readWithTimelineJs(page, original);
      expect(ours.errors).toEqual([]);
      expect((ours.config as { events: unknown[] }).events).toHaveLength(events);
      // Every entry is a slide, and the title slide too.
      expect(ours.slides).toBe(events + 1);
      const given = new Set(original.events.flatMap((e) => (e.unique_id ? [e.unique_id] : [])));
      expect(sorted(withoutMadeUpIds(ours.config, given))).toEqual(sorted(withoutMadeUpIds(theirs.config, given)));
    });
  }

  for (const [name, events] of [["women-in-computing.csv", 10], ["eras-sheet.csv", 20]] as const) {
    test(`${name}: our sheet and our JSON read as the original sheet`, async ({ page }) => {
      const id = await importFile(name);
      const csv = await (await api.get(`/api/timelines/${id}/export?format=csv`)).text();
      const json = await (await api.get(`/api/timelines/${id}/export?format=timelinejs`)).json();
      await timelinePage(page, { "original.csv": fs.readFileSync(path.join(SAMPLES, name), "utf8"), "ours.csv": csv });
      const theirs = await readWithTimelineJs(page, `${app.url}/__timelinejs-test/original.csv`);
      const fromCsv = await readWithTimelineJs(page, `${app.url}/__timelinejs-test/ours.csv`);
      const fromJson = await readWithTimelineJs(page, json);
      expect(theirs.errors).toEqual([]);
      expect(fromCsv.errors).toEqual([]);
      expect((fromCsv.config as { events: unknown[] }).events).toHaveLength(events);
      expect(fromJson.slides).toBe(events + 1);
      const none = new Set<string>();
      expect(sorted(withoutMadeUpIds(fromCsv.config, none))).toEqual(sorted(withoutMadeUpIds(theirs.config, none)));
      expect(sorted(withoutMadeUpIds(fromJson.config, none))).toEqual(sorted(withoutMadeUpIds(theirs.config, none)));
    });
  }

  test("a timeline made in Dateline shows every entry, BCE and deep-time years included", async ({ page }) => {
    const res = await api.post("/api/timelines", { data: { title: "Made here" } });
    const { timeline } = (await res.json()) as { timeline: { id: string } };
    const { connectStock, cookieOf } = await import("./fixtures/stock-client");
    const { addEntry } = await import("../lib/timeline/ops");
    const client = await connectStock(app.url, timeline.id, await cookieOf(api, app.url));
    addEntry(client.doc, { start: "-0043-03-15", headline: "Ides of March" });
    addEntry(client.doc, { start: "2011", qualifier: "circa", headline: "Circa" });
    addEntry(client.doc, { start: "2019-12-24T14:05", end: "2019-12-26", headline: "Exodus", group: "Humanitarian" });
    await expect.poll(async () => ((await (await api.get(`/api/timelines/${timeline.id}/export?format=timelinejs`)).json()) as { events: unknown[] }).events.length).toBe(3);
    client.provider.destroy();
    const exported = (await (await api.get(`/api/timelines/${timeline.id}/export?format=timelinejs`)).json()) as unknown;
    await timelinePage(page);
    const read = await readWithTimelineJs(page, exported);
    expect(read.errors).toEqual([]);
    expect(read.slides).toBe(4);
    const events = (read.config as { events: Array<{ start_date: { year: number }; display_date?: string; text: { headline: string } }> }).events;
    expect(events.map((e) => [e.start_date.year, e.text.headline])).toEqual([[-44, "Ides of March"], [2011, "Circa"], [2019, "Exodus"]]);
    expect(events[1].display_date).toBe("c. 2011");
    await expect(page.locator(".tl-slide .tl-headline", { hasText: "Ides of March" })).toHaveCount(1);
  });
});
