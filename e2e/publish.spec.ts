// Publishing (issue 14). An editor publishes from the editor: the entries not verified and the media
// without alt text are listed and need "Publish anyway"; the dialog then gives the link and the embed
// code. A reader with no account reads /p/<slug>, with JavaScript (the real TimelineJS3) and without
// (the server-rendered chronology, every entry in order with its dates); the embed code pasted into a
// page of another origin shows TimelineJS; later edits reach the page only when re-published; unpublishing
// answers 410 everywhere. Also: the live Preview follows edits, and the Download menu gives every format.
import fs from "node:fs";
import { expect, test, type Download, type Page } from "@playwright/test";
import { addEntry, setHeadline, type TEntryInput } from "../lib/timeline/ops";
import { serveHostPage } from "./fixtures/host-page";
import { signUpViaApi, startApp, type TApp } from "./fixtures/server";
import { signedIn } from "./fixtures/session";
import { connectStock, cookieOf, type TStockClient } from "./fixtures/stock-client";

let app: TApp;

test.beforeAll(async () => {
  app = await startApp();
});

test.afterAll(async () => {
  await app?.dispose();
});

// Out of order on purpose, one of each precision; one verified, one with media that has no alt text.
const ENTRIES: (TEntryInput & { key: string })[] = [
  { key: "exodus", start: "2019-12-24T14:30", headline: "Exodus from Maarat al-Numan" },
  { key: "protests", start: "2011-03", headline: "Protests reach Idlib" },
  { key: "sochi", start: "2018-09-17", headline: "Sochi memorandum signed" },
  { key: "fall", start: "2015", headline: "Jaish al-Fatah takes the city", media: { url: "https://example.org/idlib-2015.jpg" } },
];
/** Chronological, as every reader must see them, with the `<time datetime>` each one carries. */
const IN_ORDER = [
  { headline: "Protests reach Idlib", datetime: "2011-03" },
  { headline: "Jaish al-Fatah takes the city", datetime: "2015" },
  { headline: "Sochi memorandum signed", datetime: "2018-09-17" },
  { headline: "Exodus from Maarat al-Numan", datetime: "2019-12-24T14:30" },
];

type TSetup = { page: Page; timelineId: string; ids: Record<string, string>; client: TStockClient };

/** A signed-in owner, a timeline holding ENTRIES (written by a stock client) with "sochi" verified, and its editor open. */
async function timelineWithEntries(browser: Parameters<typeof signedIn>[0], title: string): Promise<TSetup> {
  const page = await signedIn(browser, app.url, await signUpViaApi(app.url, "Petra Publisher"));
  const headers = { origin: app.url };
  const created = await page.request.post(`${app.url}/api/timelines`, { data: { title }, headers });
  const timelineId = ((await created.json()) as { timeline: { id: string } }).timeline.id;
  const client = await connectStock(app.url, timelineId, await cookieOf(page, app.url));
  const ids: Record<string, string> = {};
  for (const { key, ...entry } of ENTRIES) ids[key] = addEntry(client.doc, entry);
  await expect.poll(async () => (await page.request.get(`${app.url}/api/timelines/${timelineId}/export?format=json`)).text()).toContain(ids.fall);
  const verified = await page.request.put(`${app.url}/api/timelines/${timelineId}/entries/${ids.sochi}/status`, { data: { status: "verified" }, headers });
  expect(verified.status()).toBe(200);
  await page.goto(`${app.url}/t/${timelineId}`);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  await expect(page.getByTestId("entry-card")).toHaveCount(ENTRIES.length);
  return { page, timelineId, ids, client };
}

/** What a reader of the server-rendered chronology sees, entry by entry. */
async function chronology(page: Page): Promise<{ headline: string; datetime: string }[]> {
  return page.locator("article.entry").evaluateAll((articles) =>
    articles.map((a) => ({ headline: a.querySelector("h3")?.textContent ?? "", datetime: a.querySelector("time")?.getAttribute("datetime") ?? "" })),
  );
}

async function textOf(download: Download): Promise<string> {
  return fs.readFileSync(await download.path(), "utf8");
}

test("publish with the override, read it signed out, embed it on another site, re-publish, unpublish", async ({ browser }) => {
  const { page, timelineId, ids, client } = await timelineWithEntries(browser, "The fall of Idlib");

  // Not published yet; publishing lists what is not ready and publishes nothing.
  await page.getByTestId("publish-button").click();
  const panel = page.getByTestId("publish-panel");
  await expect(panel.getByTestId("publish-state")).toHaveAttribute("data-state", "unpublished");
  await panel.getByTestId("publish-submit").click();
  const warnings = panel.getByTestId("publish-warnings");
  await expect(warnings.locator('[data-kind="unverified"]')).toHaveCount(3);
  await expect(warnings.locator(`[data-kind="unverified"][data-entry-id="${ids.sochi}"]`)).toHaveCount(0);
  await expect(warnings.locator(`[data-kind="unverified"][data-entry-id="${ids.exodus}"]`)).toContainText("Exodus from Maarat al-Numan");
  await expect(warnings.locator(`[data-kind="missing-alt"][data-entry-id="${ids.fall}"]`)).toContainText("Jaish al-Fatah takes the city");
  expect((await page.request.get(`${app.url}/api/timelines/${timelineId}/publish`)).status()).toBe(200);
  expect(await (await page.request.get(`${app.url}/api/timelines/${timelineId}/publish`)).json()).toBeNull();

  await warnings.getByTestId("publish-anyway").click();
  await expect(panel.getByTestId("publish-state")).toHaveAttribute("data-state", "published");
  await expect(panel.getByTestId("published-with-warnings")).toHaveText("Published with 4 warnings.");
  const pageUrl = await panel.getByTestId("published-url").inputValue();
  expect(pageUrl).toMatch(new RegExp(`^${app.url.replace(/[.]/g, "\\.")}/p/the-fall-of-idlib-[a-z2-7]+$`));
  const slug = pageUrl.slice(pageUrl.lastIndexOf("/") + 1);
  const embedCode = await panel.getByTestId("embed-code").inputValue();
  expect(embedCode).toContain(`src="${app.url}/embed/${slug}"`);

  // The copy buttons put exactly those on the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
  await panel.getByTestId("copy-published-url").click();
  await expect(panel.getByText("Copied to the clipboard.").first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pageUrl);
  await panel.getByTestId("copy-embed-code").click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(embedCode);

  // A reader with no session, without JavaScript: the whole chronology, in order, with its dates.
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const response = await plain.goto(pageUrl);
  expect(response?.status()).toBe(200);
  await expect(plain.locator("h1")).toHaveText("The fall of Idlib");
  expect(await chronology(plain)).toEqual(IN_ORDER);
  await expect(plain.locator('link[rel="canonical"]')).toHaveAttribute("href", pageUrl);
  await expect(plain.locator('meta[property="og:title"]')).toHaveAttribute("content", "The fall of Idlib");
  const oembedHref = await plain.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute("href");
  const oembed = await plain.request.get(new URL(oembedHref ?? "", pageUrl).href);
  expect(oembed.status()).toBe(200);
  expect(await oembed.json()).toMatchObject({ version: "1.0", type: "rich", title: "The fall of Idlib" });

  // With JavaScript: the real TimelineJS3, one marker per entry, fed from /p/<slug>/timeline.json.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(pageUrl);
  await expect(reader.locator(".tl-timemarker")).toHaveCount(ENTRIES.length);
  for (const { headline } of IN_ORDER) await expect(reader.locator(".tl-timemarker").filter({ hasText: headline })).toHaveCount(1);
  expect(await chronology(reader)).toEqual(IN_ORDER);
  const json = (await (await reader.request.get(`${pageUrl}/timeline.json`)).json()) as { events: { unique_id: string }[] };
  expect(json.events.map((e) => e.unique_id).sort()).toEqual(Object.values(ids).sort());

  // The embed code, pasted as it is into an article on another origin, shows TimelineJS in its iframe.
  const host = await serveHostPage(embedCode);
  try {
    const article = await reader.context().newPage();
    await article.goto(host.url);
    const embed = article.frameLocator("iframe");
    await expect(embed.locator(".tl-timemarker")).toHaveCount(ENTRIES.length);
    await expect(embed.locator(".tl-timemarker").filter({ hasText: "Sochi memorandum signed" })).toHaveCount(1);
    // No app chrome inside: only TimelineJS.
    await expect(embed.locator(".site-header")).toHaveCount(0);
    await article.close();
  } finally {
    await host.close();
  }

  // Later edits stay off the page until it is published again, at the same address.
  client.doc.transact(() => setHeadline(client.doc, ids.exodus, "Exodus from Maarat al-Numan begins"));
  await expect(page.getByTestId("entry-card-headline").filter({ hasText: "Exodus from Maarat al-Numan begins" })).toHaveCount(1);
  await plain.reload();
  expect(await chronology(plain)).toEqual(IN_ORDER);
  await expect(panel.getByTestId("publish-submit")).toHaveText("Re-publish");
  await panel.getByTestId("publish-submit").click();
  await warnings.getByTestId("publish-anyway").click();
  await expect(panel.getByTestId("published-with-warnings")).toBeVisible();
  expect(await panel.getByTestId("published-url").inputValue()).toBe(pageUrl);
  await plain.reload();
  expect(await chronology(plain)).toEqual(IN_ORDER.map((e) => (e.datetime === "2019-12-24T14:30" ? { ...e, headline: "Exodus from Maarat al-Numan begins" } : e)));

  // Unpublished: gone from every public address, and the dialog says so.
  page.once("dialog", (dialog) => void dialog.accept());
  await panel.getByTestId("unpublish").click();
  await expect(panel.getByTestId("publish-state")).toHaveAttribute("data-state", "unpublished");
  for (const url of [pageUrl, `${app.url}/embed/${slug}`, `${pageUrl}/timeline.json`, `${app.url}/api/oembed?url=${encodeURIComponent(pageUrl)}&format=json`]) {
    expect((await plain.request.get(url)).status(), url).toBe(410);
  }
  const gone = await plain.goto(pageUrl);
  expect(gone?.status()).toBe(410);
  await expect(plain.locator("h1")).toHaveText("This timeline is no longer published");
  client.provider.destroy();
});

test("the Preview shows the live doc in TimelineJS and follows edits", async ({ browser }) => {
  const { page, ids, client } = await timelineWithEntries(browser, "Preview of Idlib");
  await page.getByTestId("preview-toggle").click();
  await expect(page.getByTestId("preview")).toHaveAttribute("data-state", "ready");
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.locator(".tl-timemarker")).toHaveCount(ENTRIES.length);

  // An edit from anyone (here a stock client) shows in the preview without a reload.
  client.doc.transact(() => setHeadline(client.doc, ids.protests, "Protests reach Idlib and Maarat al-Numan"));
  await expect(frame.locator(".tl-timemarker").filter({ hasText: "Protests reach Idlib and Maarat al-Numan" })).toHaveCount(1);
  addEntry(client.doc, { start: "2020-03-05", headline: "Moscow ceasefire" });
  await expect(frame.locator(".tl-timemarker")).toHaveCount(ENTRIES.length + 1);
  await expect(frame.locator(".tl-timemarker").filter({ hasText: "Moscow ceasefire" })).toHaveCount(1);

  // The frame is sandboxed: what TimelineJS renders cannot reach the editor page.
  await expect(page.getByTestId("preview-frame")).toHaveAttribute("sandbox", /allow-scripts/);
  expect(await page.getByTestId("preview-frame").getAttribute("sandbox")).not.toContain("allow-same-origin");
  await page.getByTestId("close-preview").click();
  await expect(page.getByTestId("preview")).toHaveCount(0);
  client.provider.destroy();
});

test("the Download menu gives every format", async ({ browser }) => {
  const { page, ids, client } = await timelineWithEntries(browser, "Downloads of Idlib");
  client.provider.destroy();

  async function download(format: string): Promise<Download> {
    await page.getByTestId("download-button").click();
    const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-testid="download-format"][data-format="${format}"]`).click()]);
    await expect(page.getByTestId("download-menu")).toHaveCount(0);
    return file;
  }

  const timelinejs = await download("timelinejs");
  expect(timelinejs.suggestedFilename()).toMatch(/\.json$/);
  const tl = JSON.parse(await textOf(timelinejs)) as { events: { unique_id: string; text?: { headline?: string } }[] };
  expect(tl.events.map((e) => e.unique_id).sort()).toEqual(Object.values(ids).sort());

  const csv = await download("csv");
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const sheet = await textOf(csv);
  expect(sheet.split("\r\n")[0]).toBe(
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background",
  );
  for (const { headline } of IN_ORDER) expect(sheet).toContain(headline);

  const html = await download("html");
  expect(html.suggestedFilename()).toMatch(/\.html$/);
  const htmlText = await textOf(html);
  for (const { headline } of IN_ORDER) expect(htmlText).toContain(headline);

  const markdown = await download("markdown");
  expect(markdown.suggestedFilename()).toMatch(/\.md$/);
  const md = await textOf(markdown);
  const positions = IN_ORDER.map(({ headline }) => md.indexOf(headline));
  expect(positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1])), `headlines in order in:\n${md}`).toBe(true);

  const jsonld = await download("jsonld");
  expect(jsonld.suggestedFilename()).toMatch(/\.json(ld)?$/);
  const ld = JSON.parse(await textOf(jsonld)) as { "@type": string; itemListElement: { item: { name: string } }[] };
  expect(ld["@type"]).toBe("ItemList");
  expect(ld.itemListElement.map((i) => i.item.name)).toEqual(IN_ORDER.map((e) => e.headline));

  const json = await download("json");
  expect(json.suggestedFilename()).toMatch(/\.json$/);
  const ours = await textOf(json);
  for (const id of Object.values(ids)) expect(ours).toContain(id);
  // The Dateline JSON is a different file from the TimelineJS JSON, by name too.
  expect(json.suggestedFilename()).not.toBe(timelinejs.suggestedFilename());
});
