// A newcomer's first minutes: `npm start` with no database server, the printed demo account, and the
// Idlib chronology laid out by year.
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp, type TApp } from "./fixtures/server";

let app: TApp;

test.beforeAll(async () => {
  // An embedded (PGlite) installation, as on a laptop.
  app = await startApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "dateline-demo-")), env: { SEED_DEMO: "true" } });
});

test.afterAll(async () => {
  await app?.dispose();
});

test("the demo account printed at start opens the Idlib chronology", async ({ page }) => {
  const printed = /Demo account: (\S+)\s+password: (\S+)/.exec(app.logs());
  expect(printed, app.logs()).not.toBeNull();
  await page.goto(app.url);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByTestId("sign-in-email").fill(printed![1]!);
  await page.getByTestId("sign-in-password").fill(printed![2]!);
  await page.getByTestId("sign-in-submit").click();
  const demo = page.getByTestId("timeline-item").filter({ hasText: "Idlib" });
  await expect(demo).toBeVisible();
  await demo.getByRole("link").first().click();
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  expect(await page.getByTestId("entry-card").count()).toBeGreaterThanOrEqual(10);
  for (const year of ["2011", "2016", "2018", "2019"]) {
    await expect(page.locator(`[data-testid="year-group"][data-year="${year}"]`)).toBeVisible();
  }
  await expect(page.getByTestId("entry-card-date").filter({ hasText: "September 2018" }).first()).toBeVisible();
  await expect(page.getByText("Sochi").first()).toBeVisible();
});
