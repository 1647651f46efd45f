// Version history (issue 15). An editor saves a version, then deletes three entries and rewrites a
// headline and a body; in History she opens the version read-only, compares it with now (the three
// removed, the headline and body as word diffs), and restores it: a second editor in another browser
// sees the entries come back live. Restoring the version saved just before the restore undoes it, and
// one entry can be put back on its own from the compare view.
import { expect, test, type Page } from "@playwright/test";
import { addEntry } from "../lib/timeline/ops";
import { signUpViaApi, startApp, type TApp } from "./fixtures/server";
import { signedIn } from "./fixtures/session";
import { connectStock, cookieOf } from "./fixtures/stock-client";
import { sharedTimeline } from "./fixtures/timeline";

let app: TApp;

test.beforeAll(async () => {
  app = await startApp();
});

test.afterAll(async () => {
  await app?.dispose();
});

const SOCHI = "Sochi memorandum signed";
const SOCHI_REWRITTEN = "Sochi agreement signed";
const CUT = ["Protests reach Idlib", "Jaish al-Fatah takes the city", "Moscow ceasefire"];
const ALL = ["Exodus from Maarat al-Numan", SOCHI, ...CUT];

function headlines(page: Page) {
  return page.getByTestId("entry-card-headline");
}

async function cardHeadlines(page: Page): Promise<string[]> {
  return (await headlines(page).allTextContents()).sort();
}

test("compare a version with now, restore it live for everyone, undo the restore, restore one entry", async ({ browser }) => {
  const alice = await signUpViaApi(app.url, "Alice Editor");
  const bob = await signUpViaApi(app.url, "Bob Editor");
  const a = await signedIn(browser, app.url, alice);
  const { timelineId } = await sharedTimeline(app.url, a, "Idlib, 2011–2020", [[bob, "editor"]], {
    start: "2019-12-24",
    headline: "Exodus from Maarat al-Numan",
  });
  const client = await connectStock(app.url, timelineId, await cookieOf(a, app.url));
  addEntry(client.doc, {
    start: "2018-09-17",
    headline: SOCHI,
    body: [{ type: "paragraph", content: [{ text: "Russia and Turkey agree a demilitarised zone." }] }],
  });
  addEntry(client.doc, { start: "2011-03", headline: CUT[0] });
  addEntry(client.doc, { start: "2015", headline: CUT[1] });
  addEntry(client.doc, { start: "2020-03-05", headline: CUT[2] });
  await expect.poll(async () => (await a.request.get(`${app.url}/api/timelines/${timelineId}/export?format=json`)).text()).toContain(CUT[2]);
  client.provider.destroy();

  // Every confirm on Alice's page (deleting entries, restoring) is accepted.
  a.on("dialog", (dialog) => void dialog.accept());
  await a.goto(`${app.url}/t/${timelineId}`);
  await expect(a.getByTestId("connection-status")).toHaveText("Connected");
  await expect(headlines(a)).toHaveCount(ALL.length);

  // A named version of the timeline as it is, marked in the list.
  await a.getByTestId("history-toggle").click();
  const panel = a.getByTestId("history-panel");
  await panel.getByTestId("save-version-name").fill("Before the cuts");
  await panel.getByTestId("save-version-submit").click();
  const named = panel.locator('[data-testid="version"][data-kind="named"]');
  await expect(named).toHaveCount(1);
  await expect(named.getByTestId("version-name")).toHaveText("Before the cuts");
  await expect(named.getByTestId("version-mark")).toHaveText("Named version");
  await expect(named).toContainText("by Alice Editor");
  await a.getByTestId("history-close").click();

  // Bob has the timeline open in his own browser.
  const b = await signedIn(browser, app.url, bob);
  await b.goto(`${app.url}/t/${timelineId}`);
  await expect(b.getByTestId("connection-status")).toHaveText("Connected");
  await expect(headlines(b)).toHaveCount(ALL.length);

  // Alice deletes three entries, rewrites a headline and adds to a body.
  for (const headline of CUT) {
    await a.getByTestId("entry-card").filter({ hasText: headline }).click();
    await a.getByTestId("delete-entry").click();
    await expect(a.getByTestId("entry-card").filter({ hasText: headline })).toHaveCount(0);
  }
  await a.getByTestId("entry-card").filter({ hasText: SOCHI }).click();
  await a.getByTestId("field-headline").fill(SOCHI_REWRITTEN);
  const body = a.getByTestId("field-body").locator('[contenteditable="true"]');
  await body.click();
  await a.keyboard.press("ControlOrMeta+End");
  await a.keyboard.type(" Patrols begin in October.");
  await a.getByTestId("close-editor").click();
  await expect(headlines(b)).toHaveCount(2);
  await expect(headlines(b).filter({ hasText: SOCHI_REWRITTEN })).toHaveCount(1);

  // Open: the version read-only, in the editor's own view, with all five entries as they were.
  await a.getByTestId("history-toggle").click();
  await named.getByTestId("version-open").click();
  const view = a.getByTestId("version-view");
  await expect(view.getByTestId("entry-card-headline")).toHaveCount(ALL.length);
  expect((await view.getByTestId("entry-card-headline").allTextContents()).sort()).toEqual([...ALL].sort());
  await view.getByTestId("entry-card").filter({ hasText: CUT[0] }).click();
  await expect(view.getByTestId("field-headline")).toHaveValue(CUT[0]);
  await expect(view.getByTestId("field-headline")).toBeDisabled();
  await expect(view.getByTestId("delete-entry")).toHaveCount(0);
  await expect(view.getByTestId("add-entry")).toHaveCount(0);

  // Compare with now: the three removed, the headline and body as word diffs.
  await named.getByTestId("version-compare").click();
  const compare = a.getByTestId("compare-view");
  await expect(compare.getByTestId("compare-removed")).toHaveCount(3);
  for (const headline of CUT) await expect(compare.getByTestId("compare-removed").filter({ hasText: headline })).toHaveCount(1);
  await expect(compare.getByTestId("compare-added")).toHaveCount(0);
  const changed = compare.getByTestId("compare-changed");
  await expect(changed).toHaveCount(1);
  const headlineDiff = changed.locator('[data-testid="compare-field"][data-field="headline"]');
  await expect(headlineDiff.locator("del")).toHaveText("memorandum");
  await expect(headlineDiff.locator("ins")).toHaveText("agreement");
  const bodyDiff = changed.locator('[data-testid="compare-field"][data-field="body"]');
  await expect(bodyDiff).toContainText("Russia and Turkey agree a demilitarised zone.");
  expect((await bodyDiff.locator("ins").allTextContents()).join("")).toContain("Patrols begin in October.");

  // Restore the whole version: both editors see the entries and the old headline come back, live.
  await compare.getByTestId("version-stage-restore").click();
  await expect(a.getByTestId("compare-view")).toHaveCount(0);
  await expect(panel.getByTestId("history-restored")).toContainText("To undo it, restore");
  for (const page of [a, b]) {
    await expect(headlines(page)).toHaveCount(ALL.length);
    expect(await cardHeadlines(page)).toEqual([...ALL].sort());
  }
  await b.getByTestId("entry-card").filter({ hasText: SOCHI }).click();
  await expect(b.getByTestId("field-body")).toHaveText("Russia and Turkey agree a demilitarised zone.");
  const restore = panel.locator('[data-testid="version"][data-kind="restore"]');
  await expect(restore).toHaveCount(1);
  await expect(restore.getByTestId("version-summary")).toHaveText("3 added · 1 changed");
  const preRestore = panel.locator('[data-testid="version"][data-kind="pre-restore"]');
  await expect(preRestore).toHaveCount(1);
  await expect(preRestore.getByTestId("version-contributors")).toContainText("Alice Editor");

  // Undo: restoring the version saved just before the restore puts the cuts back, for Bob too.
  await preRestore.getByTestId("version-restore").click();
  for (const page of [a, b]) {
    await expect(headlines(page)).toHaveCount(2);
    await expect(headlines(page).filter({ hasText: SOCHI_REWRITTEN })).toHaveCount(1);
  }
  await expect(b.getByTestId("field-body")).toHaveText("Russia and Turkey agree a demilitarised zone. Patrols begin in October.");

  // One entry from the compare view: only it comes back.
  await named.getByTestId("version-compare").click();
  await expect(compare.getByTestId("compare-removed")).toHaveCount(3);
  await compare.getByTestId("compare-removed").filter({ hasText: CUT[1] }).getByTestId("entry-restore").click();
  for (const page of [a, b]) {
    await expect(headlines(page)).toHaveCount(3);
    await expect(headlines(page).filter({ hasText: CUT[1] })).toHaveCount(1);
    await expect(headlines(page).filter({ hasText: SOCHI_REWRITTEN })).toHaveCount(1);
  }
});

test("viewers read the history and compare, but are offered no save or restore", async ({ browser }) => {
  const owner = await signUpViaApi(app.url, "Olga Owner");
  const viewer = await signUpViaApi(app.url, "Victor Viewer");
  const o = await signedIn(browser, app.url, owner);
  const { timelineId } = await sharedTimeline(app.url, o, "Viewer history", [[viewer, "viewer"]]);
  const saved = await o.request.post(`${app.url}/api/timelines/${timelineId}/versions`, { data: { name: "First draft" }, headers: { origin: app.url } });
  expect(saved.status()).toBe(201);

  const v = await signedIn(browser, app.url, viewer);
  await v.goto(`${app.url}/t/${timelineId}`);
  await expect(v.getByTestId("connection-status")).toHaveText("Connected");
  await v.getByTestId("history-toggle").click();
  const panel = v.getByTestId("history-panel");
  const version = panel.locator('[data-testid="version"][data-kind="named"]');
  await expect(version.getByTestId("version-name")).toHaveText("First draft");
  await expect(panel.getByTestId("save-version-form")).toHaveCount(0);
  await expect(panel.getByTestId("version-restore")).toHaveCount(0);
  await version.getByTestId("version-compare").click();
  await expect(v.getByTestId("compare-same")).toBeVisible();
  await expect(v.getByTestId("version-stage-restore")).toHaveCount(0);
  await version.getByTestId("version-open").click();
  await expect(v.getByTestId("version-view").getByTestId("entry-card-headline")).toHaveText(["An entry"]);
});
