// The fact-check workflow (issue 13), with three people in three browser contexts: Hana, a
// fact-checker, comments on a passage and mentions Ella; Ella sees it live and replies; Hana resolves
// the thread and verifies the entry; Omar changes its date and everyone sees it fall back to "needs
// review" with the old and new dates. Then a stock y-websocket client changes the headline of the
// re-verified entry, and it falls back too: the rule runs on the server, for every client.
import { expect, test, type Page } from "@playwright/test";
import * as Y from "yjs";
import { entriesMap } from "../lib/timeline/schema";
import { signUpViaApi, startApp, type TApp } from "./fixtures/server";
import { expectInert } from "./fixtures/inert";
import { sessionUserId, signedIn } from "./fixtures/session";
import { sharedTimeline } from "./fixtures/timeline";
import { connectStock, cookieOf } from "./fixtures/stock-client";

let app: TApp;

test.beforeAll(async () => {
  app = await startApp();
});

test.afterAll(async () => {
  await app?.dispose();
});

const PASSAGE = "130,000 people fled";
const HEADLINE = "Exodus from Maarat al-Numan";

/** Selects `text` in the open entry's body as a mouse would. */
async function selectInBody(page: Page, text: string): Promise<void> {
  await page
    .getByTestId("field-body")
    .locator(".ProseMirror")
    .evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        return;
      }
      throw new Error(`"${wanted}" is not in the body`);
    }, text);
}

async function openSidebar(page: Page): Promise<void> {
  if (!(await page.getByTestId("comments-sidebar").isVisible())) await page.getByTestId("comments-toggle").click();
  await expect(page.getByTestId("comments-sidebar")).toBeVisible();
}

test("comment, mention, reply, resolve, verify; a changed date or headline sends the entry back to review", async ({ browser }) => {
  // Three browsers, a dozen live round trips and a stock client: more than the default minute.
  test.setTimeout(150_000);
  const ellaAccount = await signUpViaApi(app.url, "Ella Editor");
  const omarAccount = await signUpViaApi(app.url, "Omar Editor");
  const hanaAccount = await signUpViaApi(app.url, "Hana Checker");
  const ella = await signedIn(browser, app.url, ellaAccount);
  const omar = await signedIn(browser, app.url, omarAccount);
  const hana = await signedIn(browser, app.url, hanaAccount);

  // Ella's timeline, Omar an editor, Hana the fact-checker; one entry written as any Yjs client would.
  const { timelineId, entryId } = await sharedTimeline(app.url, ella, "Idlib, December 2019", [[omarAccount, "editor"], [hanaAccount, "commenter"]], {
    start: "2019-12-24",
    headline: HEADLINE,
    body: [{ type: "paragraph", content: [{ text: `Government forces advanced on Maarat al-Numan; about ${PASSAGE} towards the Turkish border.` }] }],
  });

  for (const page of [ella, omar, hana]) {
    await page.goto(`${app.url}/t/${timelineId}`);
    await expect(page.getByTestId("connection-status")).toHaveText("Connected");
    await page.getByTestId("entry-card").click();
    await expect(page.getByTestId("field-body")).toContainText(PASSAGE);
  }

  // Hana selects the passage, comments and mentions Ella through the picker.
  await selectInBody(hana, PASSAGE);
  await hana.getByTestId("comment-on-selection").click();
  const input = hana.getByTestId("comment-input");
  await input.pressSequentially("Which source gives this figure? @Ell");
  await expect(hana.getByTestId("mention-picker")).toBeVisible();
  await hana.getByTestId("mention-option").filter({ hasText: "Ella Editor" }).click();
  await input.pressSequentially(" can you check?");
  await hana.getByTestId("comment-submit").click();

  // Ella sees the highlight, the thread and the bell, live.
  await expect(ella.locator(".comment-highlight")).toHaveText(PASSAGE);
  await expect(ella.getByTestId("bell-count")).toHaveText("1");
  await expect(ella.getByTestId("entry-thread-count")).toHaveText("1");
  await openSidebar(ella);
  const ellaThread = ella.getByTestId("thread").filter({ hasText: "Which source gives this figure?" });
  await expect(ellaThread).toContainText("@Ella Editor");
  await expect(ellaThread).toContainText(PASSAGE);

  // Omar types before the passage: everyone's highlight stays on the same words.
  await omar.getByTestId("field-body").locator(".ProseMirror p").first().click();
  await omar.keyboard.press("Control+Home");
  await omar.keyboard.type("Overnight, ");
  await expect(ella.getByTestId("field-body")).toContainText("Overnight, Government forces");
  await expect(ella.locator(".comment-highlight")).toHaveText(PASSAGE);
  await expect(hana.locator(".comment-highlight")).toHaveText(PASSAGE);

  // Ella replies; Hana sees the reply live (and a notification of it), then resolves the thread.
  await ellaThread.getByTestId("reply-input").fill("UN OCHA, 26 December: 130,000 since 12 December.");
  await ellaThread.getByTestId("reply-submit").click();
  await openSidebar(hana);
  const hanaThread = hana.getByTestId("thread").filter({ hasText: "Which source gives this figure?" });
  await expect(hanaThread.getByTestId("comment")).toHaveCount(2);
  await expect(hanaThread).toContainText("UN OCHA, 26 December");
  await expect(hana.getByTestId("bell-count")).toHaveText("1");
  await hanaThread.getByTestId("resolve-thread").click();
  await expect(ellaThread.getByTestId("reopen-thread")).toBeVisible();
  await expect(ella.getByTestId("entry-thread-count")).toHaveCount(0);

  // Hana verifies the entry; everyone sees who did.
  await hana.getByTestId("status-select").selectOption("verified");
  await hana.getByTestId("status-note").fill("Matches UN OCHA");
  await hana.getByTestId("status-save").click();
  for (const page of [ella, omar, hana]) {
    await expect(page.getByTestId("status-attribution")).toContainText("Verified by Hana Checker");
  }
  await expect(ella.getByTestId("status-counts")).toContainText("1 verified");

  // Omar changes the date: every context sees the entry fall back, with the old and new dates.
  await omar.getByTestId("field-start").fill("2019-12-25");
  for (const page of [ella, omar, hana]) {
    await expect(page.getByTestId("status-attribution")).toContainText("Needs review");
    await expect(page.getByTestId("status-changes")).toContainText("24 December 2019");
    await expect(page.getByTestId("status-changes")).toContainText("25 December 2019");
  }
  await expect(hana.getByTestId("entry-history")).toContainText("Omar Editor");

  // Verified again, then a stock y-websocket client changes the headline: it falls back too.
  await hana.getByTestId("status-select").selectOption("verified");
  await hana.getByTestId("status-save").click();
  for (const page of [ella, omar, hana]) {
    await expect(page.getByTestId("status-attribution")).toContainText("Verified by Hana Checker");
  }
  const stock = await connectStock(app.url, timelineId, await cookieOf(omar, app.url));
  const title = entriesMap(stock.doc).get(entryId)!.get("title") as Y.Text;
  stock.doc.transact(() => title.insert(title.length, " (UN figures)"));
  for (const page of [ella, omar, hana]) {
    await expect(page.getByTestId("status-attribution")).toContainText("Needs review");
    await expect(page.getByTestId("status-changes")).toContainText(`${HEADLINE} (UN figures)`);
  }
  await expect.poll(() => (entriesMap(stock.doc).get(entryId)!.get("status") as string)).toBe("needs-review");
  stock.provider.destroy();
});

test("comments, mentions and notifications show what was typed as text, never as markup", async ({ browser }) => {
  const ownerAccount = await signUpViaApi(app.url, "Olga Owner");
  const writerAccount = await signUpViaApi(app.url, "Wes Writer");
  const owner = await signedIn(browser, app.url, ownerAccount);
  const writer = await signedIn(browser, app.url, writerAccount);
  const headers = { origin: app.url };
  const { timelineId, entryId } = await sharedTimeline(app.url, owner, "Inert", [[writerAccount, "commenter"]]);
  const ownerId = await sessionUserId(owner, app.url);

  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script><a href="javascript:window.__xss=1">link</a>`;
  const res = await writer.request.post(`${app.url}/api/timelines/${timelineId}/threads`, {
    data: { entryId, body: `${payload} @[<img src=x onerror="window.__xss=1">](${ownerId})` },
    headers,
  });
  expect(res.status()).toBe(201);

  await owner.goto(`${app.url}/t/${timelineId}`);
  await expect(owner.getByTestId("bell-count")).toHaveText("1");
  await openSidebar(owner);
  const thread = owner.getByTestId("thread");
  await expect(thread).toContainText(payload);
  // The mention shows the member's real name, whatever name the writer typed.
  await expect(thread.locator(".mention")).toHaveText("@Olga Owner");
  await owner.getByTestId("bell").click();
  await expect(owner.getByTestId("notification")).toHaveCount(1);
  await expectInert(owner);
});

test("a slow answer to my reply never hides a colleague's reply that arrived meanwhile", async ({ browser }) => {
  const ellaAccount = await signUpViaApi(app.url, "Ella Editor");
  const omarAccount = await signUpViaApi(app.url, "Omar Editor");
  const ella = await signedIn(browser, app.url, ellaAccount);
  const omar = await signedIn(browser, app.url, omarAccount);
  const headers = { origin: app.url };
  const { timelineId, entryId } = await sharedTimeline(app.url, ella, "Slow network", [[omarAccount, "editor"]]);
  const opened = await omar.request.post(`${app.url}/api/timelines/${timelineId}/threads`, { data: { entryId, body: "Is the date right?" }, headers });
  const threadId = ((await opened.json()) as { thread: { id: string } }).thread.id;

  await ella.goto(`${app.url}/t/${timelineId}`);
  await openSidebar(ella);
  const thread = ella.locator(`[data-testid="thread"][data-thread-id="${threadId}"]`);
  await expect(thread.getByTestId("comment")).toHaveCount(1);

  // Ella's reply reaches the server at once, but its answer is held back...
  let release!: () => Promise<void>;
  const held = new Promise<void>((resolve) => {
    void ella.route(`**/api/timelines/${timelineId}/threads/${threadId}/comments`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch();
      release = () => route.fulfill({ response });
      resolve();
    });
  });
  await thread.getByTestId("reply-input").fill("Yes: 24 December, per OCHA.");
  await thread.getByTestId("reply-submit").click();
  await held;
  // ...while Omar replies, and Ella's page hears of both live.
  await omar.request.post(`${app.url}/api/timelines/${timelineId}/threads/${threadId}/comments`, { data: { body: "Thanks, resolving." }, headers });
  await expect(thread.getByTestId("comment")).toHaveCount(3);
  await release();
  await expect(thread.getByTestId("reply-input")).toHaveValue("");
  await expect(thread.getByTestId("comment")).toHaveCount(3);
  await expect(thread).toContainText("Thanks, resolving.");
});
