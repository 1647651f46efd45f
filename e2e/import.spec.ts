// Import from TimelineJS through the dashboard (issue 14): a newsroom picks a sheet or a TimelineJS JSON
// file, sees what it holds before anything is created (entries, date span, and the report of what
// could not be mapped, with row numbers), creates the timeline and lands in it with every entry in
// chronological order. A file that is not a timeline is refused and nothing is created.
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUpViaApi, startApp, type TApp } from "./fixtures/server";
import { signedIn } from "./fixtures/session";

const SAMPLES = path.resolve(import.meta.dirname, "..", "..", "shared", "timelinejs-samples");

let app: TApp;

test.beforeAll(async () => {
  app = await startApp();
});

test.afterAll(async () => {
  await app?.dispose();
});

// The current Google template's 19 columns, plus one of the newsroom's own (Notes), a title row, an
// era, three events out of order, and a row TimelineJS would leave out (no Year), as row 7.
const SHEET = [
  "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background,Notes",
  ',,,,,,,,,The Idlib ceasefires,"<p>From Sochi to Moscow.</p>",,,,,,title,,,',
  "2018,,,,2020,,,,,Sochi years,,,,,,,era,,,",
  '2019,12,24,,,,,,,Exodus from Maarat al-Numan,"<p class=""lead"">130,000 people fled.</p>",,,,,,,Humanitarian,,check the UNHCR figure',
  "2018,9,17,,,,,,,Sochi memorandum signed,,,,,,,,Diplomacy,,",
  "2020,3,5,,,,,,,Moscow ceasefire,,,,,,,,Diplomacy,,",
  ",,,,,,,,,An undated rumour,,,,,,,,,,",
].join("\r\n");

/** A new user on their dashboard. */
async function dashboard(browser: Browser, name: string): Promise<Page> {
  return signedIn(browser, app.url, await signUpViaApi(app.url, name));
}

async function headlines(page: Page): Promise<string[]> {
  return page.getByTestId("entry-card-headline").allTextContents();
}

test("a sheet from the dashboard: the preview shows what it holds and what could not be mapped, then the timeline opens", async ({ browser }) => {
  const page = await dashboard(browser, "Ines Import");
  await page.getByTestId("import-file").setInputFiles({ name: "idlib.csv", mimeType: "text/csv", buffer: Buffer.from(SHEET) });

  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("import-title")).toHaveText("The Idlib ceasefires");
  await expect(preview.getByTestId("import-count")).toHaveText("3 entries");
  await expect(preview.getByTestId("import-eras")).toContainText("1 era");
  await expect(preview.getByTestId("import-span")).toContainText("17 September 2018 – 5 March 2020");
  // The report: the row left out, by its number, and the unknown column, kept.
  const skipped = preview.locator('[data-testid="import-problem"][data-kind="skipped"]');
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toContainText("row 7");
  await expect(skipped).toContainText("Year");
  await expect(preview.locator('[data-testid="import-problem"][data-kind="kept"]').filter({ hasText: "Notes" })).toHaveCount(1);
  // Nothing is created by looking: the server lists no timeline for this account.
  const listed = (await (await page.request.get(`${app.url}/api/timelines`)).json()) as { timelines: unknown[] };
  expect(listed.timelines).toEqual([]);

  await preview.getByTestId("import-create").click();
  await expect(page).toHaveURL(/\/t\/[^/?#]+$/);
  await expect(page.getByTestId("timeline-title")).toHaveValue("The Idlib ceasefires");
  await expect.poll(() => headlines(page)).toEqual(["Sochi memorandum signed", "Exodus from Maarat al-Numan", "Moscow ceasefire"]);
  await expect(page.getByTestId("entry-card-date")).toHaveText(["17 September 2018", "24 December 2019", "5 March 2020"]);

  // The new timeline is the importer's own.
  await page.goto(`${app.url}/`);
  await expect(page.getByTestId("timeline-item").filter({ hasText: "The Idlib ceasefires" })).toContainText("Owner");
});

test("the real Google Sheets export and a real TimelineJS JSON file import with every slide", async ({ browser }) => {
  const page = await dashboard(browser, "Jonas JSON");

  await page.getByTestId("import-file").setInputFiles(path.join(SAMPLES, "women-in-computing.csv"));
  await expect(page.getByTestId("import-title")).toHaveText("Women in Computing");
  await expect(page.getByTestId("import-count")).toHaveText("10 entries");
  await page.getByTestId("import-create").click();
  await expect(page.getByTestId("timeline-title")).toHaveValue("Women in Computing");
  await expect(page.getByTestId("entry-card")).toHaveCount(10);
  await expect(page.getByTestId("entry-card-headline").first()).toHaveText("Ada Lovelace");

  await page.goto(`${app.url}/`);
  await page.getByTestId("import-file").setInputFiles(path.join(SAMPLES, "houston.json"));
  await expect(page.getByTestId("import-count")).toHaveText("18 entries");
  await page.getByTestId("import-create").click();
  await expect(page).toHaveURL(/\/t\/[^/?#]+$/);
  await expect(page.getByTestId("entry-card")).toHaveCount(18);
});

test("a file that is not a timeline is refused with the reason, and nothing is created", async ({ browser }) => {
  const page = await dashboard(browser, "Rafa Refused");
  await page.getByTestId("import-file").setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from("Name,Email\r\nAna,ana@example.test\r\n") });
  const refused = page.getByTestId("import-refused");
  await expect(refused).toContainText("contacts.csv cannot be imported");
  await expect(refused).toContainText("Year");
  await expect(page.getByTestId("import-create")).toHaveCount(0);

  await page.getByTestId("import-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"events": [') });
  await expect(refused).toContainText("broken.json cannot be imported");
  await expect(page.getByTestId("import-create")).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("timeline-list")).toBeVisible();
  await expect(page.getByTestId("timeline-item")).toHaveCount(0);
});
