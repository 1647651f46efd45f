// The dashboard: a user's timelines, created, renamed (the open editor follows) and deleted; nothing
// is served without a session.
import { expect, test } from "@playwright/test";
import { signUpViaApi, startApp, type TApp } from "./fixtures/server";

let app: TApp;

test.beforeAll(async () => {
  app = await startApp();
});

test.afterAll(async () => {
  await app?.dispose();
});

test("without a session, pages send you to sign in and the API answers 401", async ({ page, request }) => {
  await page.goto(`${app.url}/`);
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto(`${app.url}/t/anything`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ft%2Fanything$/);
  const res = await request.get(`${app.url}/api/timelines`);
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: "sign in first" } });
  const health = await request.get(`${app.url}/api/health`);
  expect(await health.json()).toMatchObject({ ok: true, db: true });
  const ready = await request.get(`${app.url}/api/ready`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, db: true });
});

test("create, rename and delete a timeline", async ({ browser }) => {
  const user = await signUpViaApi(app.url, "Dana Desk");
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${app.url}/sign-up`);
  await page.getByRole("link", { name: /sign in/i }).click();
  await page.getByTestId("sign-in-email").fill(user.email);
  await page.getByTestId("sign-in-password").fill("wrong password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("auth-error")).toBeVisible();
  await page.getByTestId("sign-in-password").fill(user.password);
  await page.getByTestId("sign-in-submit").click();

  await page.getByTestId("new-timeline-title").fill("Sochi talks");
  await page.getByTestId("new-timeline-submit").click();
  const item = page.getByTestId("timeline-item").filter({ hasText: "Sochi talks" });
  await expect(item).toContainText("Owner");
  const id = await item.getAttribute("data-timeline-id");

  // A colleague's open editor follows the rename live.
  const editor = await page.context().newPage();
  await editor.goto(`${app.url}/t/${id}`);
  await expect(editor.getByTestId("connection-status")).toHaveText("Connected");

  const row = page.locator(`[data-testid="timeline-item"][data-timeline-id="${id}"]`);
  await row.getByTestId("rename-timeline").click();
  await row.getByRole("textbox").fill("Sochi agreement, September 2018");
  await row.getByRole("textbox").press("Enter");
  await expect(page.getByTestId("timeline-item").filter({ hasText: "Sochi agreement, September 2018" })).toBeVisible();
  await expect(editor.getByTestId("timeline-title")).toHaveValue("Sochi agreement, September 2018");
  await page.reload();
  const renamed = page.getByTestId("timeline-item").filter({ hasText: "Sochi agreement, September 2018" });
  await expect(renamed).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await renamed.getByTestId("delete-timeline").click();
  await expect(page.getByTestId("timeline-item")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("timeline-item")).toHaveCount(0);
  const gone = await page.request.get(`${app.url}/api/timelines/${id}`);
  expect(gone.status()).toBe(404);
});
