// Roles and sharing (issue 3): an owner adds a fact-checker who follows the timeline live but cannot
// change it; share links add people and stop working once revoked; and what any writer puts in a
// document stays inert text in everyone else's editor.
import { expect, test, type Page } from "@playwright/test";
import * as Y from "yjs";
import { addEntry, entryBody } from "../lib/timeline/ops";
import { entriesMap } from "../lib/timeline/schema";
import { signUpViaApi, startApp, type TApp } from "./fixtures/server";
import { expectInert } from "./fixtures/inert";
import { signedIn, type TAccount } from "./fixtures/session";
import { connectStock, cookieOf, type TStockClient } from "./fixtures/stock-client";

let app: TApp;

test.beforeAll(async () => {
  app = await startApp();
});

test.afterAll(async () => {
  await app?.dispose();
});

async function signIn(page: Page, account: TAccount): Promise<void> {
  await page.getByTestId("sign-in-email").fill(account.email);
  await page.getByTestId("sign-in-password").fill(account.password);
  await page.getByTestId("sign-in-submit").click();
}

/** Creates a timeline from the dashboard and opens it; resolves with its id. */
async function createAndOpenTimeline(page: Page, title: string): Promise<string> {
  await page.getByTestId("new-timeline-title").fill(title);
  await page.getByTestId("new-timeline-submit").click();
  const item = page.getByTestId("timeline-item").filter({ hasText: title });
  await expect(item).toBeVisible();
  const id = (await item.getAttribute("data-timeline-id"))!;
  await page.goto(`${app.url}/t/${id}`);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  return id;
}

async function addEntryViaForm(page: Page, start: string, headline: string): Promise<void> {
  await page.getByTestId("add-entry").click();
  await page.getByTestId("field-start").fill(start);
  await page.getByTestId("field-headline").fill(headline);
  await page.getByTestId("save-entry").click();
  // Saved: the panel switches to live editing of the new entry.
  await expect(page.getByTestId("field-body")).toBeVisible();
  await expect(page.getByTestId("field-headline")).toHaveValue(headline);
}

test("owner invites a fact-checker who sees entries live but cannot type", async ({ browser }) => {
  const owner = await signUpViaApi(app.url, "Olga Owner");
  const checker = await signUpViaApi(app.url, "Farid Checker");
  const o = await signedIn(browser, app.url, owner);
  const timelineId = await createAndOpenTimeline(o, "Maarat al-Numan, December 2019");
  await addEntryViaForm(o, "2019-12-19", "Strikes on the market");
  const oBody = o.getByTestId("field-body").locator('[contenteditable="true"]');
  await oBody.click();
  await oBody.pressSequentially("The market was hit twice.");

  // The owner invites the fact-checker, who already has an account, by email.
  await o.getByTestId("share-button").click();
  const share = o.getByTestId("share-panel");
  await expect(share.getByTestId("member-row")).toHaveCount(1);
  await expect(share.getByTestId("member-row")).toContainText("Olga Owner (you)");
  await share.getByTestId("invite-email").fill(checker.email);
  await share.getByTestId("invite-role").selectOption("commenter");
  await share.getByTestId("invite-submit").click();
  await expect(share.getByTestId("invite-result")).toContainText(`Added Farid Checker (${checker.email}) as Fact-checker`);
  const checkerRow = share.getByTestId("member-row").filter({ hasText: checker.email });
  await expect(checkerRow.getByTestId("member-role")).toHaveValue("commenter");
  await expect(share.getByTestId("share-error")).toHaveCount(0);
  await share.getByTestId("close-share").click();
  await expect(share).toBeHidden();

  // The fact-checker finds it on the dashboard, under that name, and opens it read-only.
  const f = await signedIn(browser, app.url, checker);
  const item = f.locator(`[data-testid="timeline-item"][data-timeline-id="${timelineId}"]`);
  await expect(item.getByTestId("timeline-role")).toHaveText("Fact-checker");
  await item.getByRole("link").click();
  await expect(f.getByTestId("connection-status")).toHaveText("Connected");
  await expect(f.getByTestId("read-only-notice")).toContainText("fact-checker");
  await expect(f.getByTestId("entry-card")).toHaveCount(1);
  await expect(f.getByTestId("add-entry")).toHaveCount(0);
  await f.getByTestId("entry-card").click();
  const fHeadline = f.getByTestId("field-headline");
  const fBody = f.getByTestId("field-body").locator(".ProseMirror");
  await expect(fHeadline).toHaveValue("Strikes on the market");
  await expect(fHeadline).toBeDisabled();
  await expect(fBody).toHaveAttribute("contenteditable", "false");
  await expect(fBody).toHaveText("The market was hit twice.");
  await expect(f.getByTestId("delete-entry")).toHaveCount(0);
  await expect(f.getByTestId("add-source")).toHaveCount(0);
  // A fact-checker cannot change the entry, but sets its verification status (through the status route).
  await expect(f.getByTestId("status-select")).toBeEnabled();

  // The owner edits the first entry's headline and adds a second entry: both reach the fact-checker live.
  const oHeadline = o.getByTestId("field-headline");
  await oHeadline.click();
  await oHeadline.press("End");
  await oHeadline.pressSequentially(" in Maarat al-Numan");
  const edited = "Strikes on the market in Maarat al-Numan";
  await expect(fHeadline).toHaveValue(edited);
  await addEntryViaForm(o, "2019-12-24", "Convoys leave for the north");
  await expect(f.getByTestId("entry-card")).toHaveCount(2);
  await expect(f.getByTestId("entry-card-headline")).toHaveText([edited, "Convoys leave for the north"]);

  // The fact-checker tries to type anyway.
  await fBody.click();
  await f.keyboard.type("Changed by the fact-checker");
  await f.keyboard.press("Enter");
  await expect(fBody).toHaveText("The market was hit twice.");
  await expect(fHeadline).toHaveValue(edited);

  // Then opens the second entry. Presence travels on the same socket after anything the attempt
  // sent, so once the owner sees the fact-checker there, a change would have arrived too.
  await f.getByTestId("entry-card").filter({ hasText: "Convoys leave" }).click();
  const secondCard = o.getByTestId("entry-card").filter({ hasText: "Convoys leave" });
  await expect(secondCard.getByLabel("Open by Farid Checker")).toBeVisible();
  await expect(o.getByTestId("entry-card-headline")).toHaveText([edited, "Convoys leave for the north"]);
  await o.getByTestId("entry-card").filter({ hasText: edited }).click();
  await expect(o.getByTestId("field-headline")).toHaveValue(edited);
  await expect(o.getByTestId("field-body").locator(".ProseMirror")).toHaveText("The market was hit twice.");
});

test("a share link adds a viewer; a revoked link is refused", async ({ browser }) => {
  const owner = await signUpViaApi(app.url, "Rania Owner");
  const viewer = await signUpViaApi(app.url, "Victor Viewer");
  const latecomer = await signUpViaApi(app.url, "Lena Latecomer");
  const o = await signedIn(browser, app.url, owner);
  const timelineId = await createAndOpenTimeline(o, "Sochi talks, 2018");

  await o.getByTestId("share-button").click();
  const share = o.getByTestId("share-panel");
  await share.getByTestId("link-role").selectOption("viewer");
  await share.getByTestId("link-expiry").selectOption("7");
  await share.getByTestId("create-link").click();
  const url = await share.getByTestId("created-link-url").inputValue();
  expect(url).toMatch(new RegExp(`^${app.url}/join/[A-Za-z0-9_-]+$`));
  const linkRow = share.getByTestId("link-row");
  await expect(linkRow).toHaveCount(1);
  await expect(linkRow).toContainText("Viewer");
  await expect(linkRow).toContainText("expires");

  // Someone signed in opens the link and lands in the timeline, read-only.
  const v = await signedIn(browser, app.url, viewer);
  await v.goto(url);
  await expect(v).toHaveURL(`${app.url}/t/${timelineId}`);
  await expect(v.getByTestId("read-only-notice")).toContainText("viewer");
  await expect(v.getByTestId("connection-status")).toHaveText("Connected");
  await expect(v.getByTestId("add-entry")).toHaveCount(0);
  await expect(v.getByTestId("timeline-title")).toBeDisabled();

  // The owner sees the new member (the list is read when the dialog opens), then revokes the link.
  await share.getByTestId("close-share").click();
  await o.getByTestId("share-button").click();
  const viewerRow = share.getByTestId("member-row").filter({ hasText: viewer.email });
  await expect(viewerRow.getByTestId("member-role")).toHaveValue("viewer");
  await expect(share.getByTestId("created-link-url")).toHaveCount(0);
  o.once("dialog", (dialog) => void dialog.accept());
  await share.getByTestId("revoke-link").click();
  await expect(linkRow).toHaveAttribute("data-state", "revoked");
  await expect(linkRow).toContainText("Revoked");
  await expect(linkRow.getByTestId("revoke-link")).toHaveCount(0);

  // Someone opening it now, not yet signed in: sign-in first, then the refusal.
  const late = await (await browser.newContext()).newPage();
  await late.goto(url);
  await expect(late).toHaveURL(`${app.url}/sign-in?next=${encodeURIComponent(new URL(url).pathname)}`);
  await signIn(late, latecomer);
  await expect(late.getByTestId("join-error")).toContainText("revoked");
  await expect(late).toHaveURL(url);
  // A made-up token is not a link at all.
  await late.goto(`${app.url}/join/not-a-real-token`);
  await expect(late.getByTestId("join-error")).toContainText("not valid");
  await late.goto(`${app.url}/`);
  await expect(late.getByTestId("timeline-list")).toBeVisible();
  await expect(late.locator(`[data-testid="timeline-item"][data-timeline-id="${timelineId}"]`)).toHaveCount(0);
});

const XSS = {
  headline: `<img src=x onerror="window.__xss=1">`,
  href: "javascript:window.__xss=1",
  sourceTitle: "<script>window.__xss=1</script>",
  media: "javascript:window.__xss=1",
};

/** A stock y-websocket client in this process, signed in with a browser context's session cookie. */
async function connectAs(page: Page, timelineId: string): Promise<TStockClient> {
  return connectStock(app.url, timelineId, await cookieOf(page, app.url));
}

test("an XSS payload is inert in the editor and in exports", async ({ browser }) => {
  const writer = await signUpViaApi(app.url, "Wes Writer");
  const reader = await signUpViaApi(app.url, "Rita Reader");
  const w = await signedIn(browser, app.url, writer);
  const timelineId = await createAndOpenTimeline(w, "Payloads");
  const added = await w.request.post(`${app.url}/api/timelines/${timelineId}/members`, { data: { email: reader.email, role: "viewer" } });
  expect(added.status()).toBe(201);

  // The writer's session, outside the browser: a crafted update our forms would never produce.
  const { doc, provider } = await connectAs(w, timelineId);
  try {
    doc.transact(() => {
      const id = addEntry(doc, {
        start: "2020-03-05",
        headline: XSS.headline,
        media: { url: XSS.media, caption: "Watch" },
        sources: [{ title: XSS.sourceTitle }],
      });
      // A source URL the ops would refuse, written straight into the map.
      const sources = entriesMap(doc).get(id)!.get("sources") as Y.Array<Y.Map<unknown>>;
      sources.get(0).set("url", XSS.href);
      const paragraph = new Y.XmlElement("paragraph");
      entryBody(doc, id).insert(0, [paragraph]);
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      text.insert(0, "Read the report", { link: { href: XSS.href, target: "_self", rel: "opener" } });
      // Without attributes, Y.Text inserts with the formatting before it: end the link explicitly.
      text.insert(text.length, " or ", { link: null });
      text.insert(text.length, "the wire story", { link: { href: "https://example.org/wire", rel: "opener" } });
    });

    const r = await signedIn(browser, app.url, reader);
    await r.goto(`${app.url}/t/${timelineId}`);
    await expect(r.getByTestId("read-only-notice")).toBeVisible();
    const card = r.getByTestId("entry-card");
    await expect(card.getByTestId("entry-card-headline")).toHaveText(XSS.headline);
    await card.getByTestId("entry-card-headline").click();
    await expect(r.getByTestId("field-headline")).toHaveValue(XSS.headline);
    await expect(r.getByTestId("field-source-title")).toHaveValue(XSS.sourceTitle);
    await expect(r.getByTestId("field-source-url")).toHaveValue(XSS.href);
    await expect(r.getByTestId("open-source")).toHaveCount(0);
    await expect(r.getByTestId("field-media-url")).toHaveValue(XSS.media);
    await expect(r.getByTestId("media-preview")).toContainText("Not a web address");
    await expect(r.getByTestId("media-preview").locator("a")).toHaveCount(0);

    // The refused link is text without an address; the allowed one is a link with our rel.
    const body = r.getByTestId("field-body");
    await expect(body).toContainText("Read the report or the wire story");
    const refused = body.locator("a", { hasText: "Read the report" });
    expect(await refused.evaluate((a) => a.hasAttribute("href"))).toBe(false);
    await expect(body.locator("a", { hasText: "the wire story" })).toHaveAttribute("href", "https://example.org/wire");
    await expect(body.locator("a", { hasText: "the wire story" })).toHaveAttribute("rel", "noopener noreferrer nofollow");
    await refused.click();
    await card.click();
    await expect(r).toHaveURL(`${app.url}/t/${timelineId}`);
    expect(r.context().pages()).toHaveLength(1);
    await expectInert(r);

    // The exports of the same timeline are just as inert: the HTML opened in the browser, the Markdown as text.
    const exported = await r.request.get(`${app.url}/api/timelines/${timelineId}/export?format=html`);
    expect(exported.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(exported.headers()["x-content-type-options"]).toBe("nosniff");
    const view = await r.context().newPage();
    await view.setContent(await exported.text());
    await expect(view.getByText(XSS.headline)).toBeVisible();
    await expect(view.getByText(XSS.sourceTitle)).toBeVisible();
    await expect(view.locator("a", { hasText: "the wire story" })).toHaveAttribute("href", "https://example.org/wire");
    await expectInert(view);
    await view.close();
    const markdown = await (await r.request.get(`${app.url}/api/timelines/${timelineId}/export?format=markdown`)).text();
    expect(markdown).toContain("[the wire story](https://example.org/wire)");
    expect(markdown).not.toMatch(/\]\(\s*javascript:/i);
    // CommonMark shows a backslash-escaped "<" as text: only an unescaped one could open a tag.
    expect(markdown).toContain("\\<img src=x");
    expect(markdown).not.toMatch(/(^|[^\\])<(script|img)/im);

    // The writer's own editable view of it is just as inert.
    await w.getByTestId("entry-card").click();
    await expect(w.getByTestId("field-headline")).toHaveValue(XSS.headline);
    const wRefused = w.getByTestId("field-body").locator("a", { hasText: "Read the report" });
    expect(await wRefused.evaluate((a) => a.hasAttribute("href"))).toBe(false);
    await wRefused.click();
    await expect(w).toHaveURL(`${app.url}/t/${timelineId}`);
    await expectInert(w);
  } finally {
    provider.destroy();
    doc.destroy();
  }
});

test("a role change reaches an open editor; leaving and removal take access away", async ({ browser }) => {
  const owner = await signUpViaApi(app.url, "Omar Owner");
  const editor = await signUpViaApi(app.url, "Eva Editor");
  const other = await signUpViaApi(app.url, "Ian Intern");
  const o = await signedIn(browser, app.url, owner);
  const timelineId = await createAndOpenTimeline(o, "Astana process");
  await o.getByTestId("share-button").click();
  const share = o.getByTestId("share-panel");
  for (const [account, role] of [
    [editor, "editor"],
    [other, "viewer"],
  ] as const) {
    await share.getByTestId("invite-email").fill(account.email);
    await share.getByTestId("invite-role").selectOption(role);
    await share.getByTestId("invite-submit").click();
    await expect(share.getByTestId("member-row").filter({ hasText: account.email })).toBeVisible();
  }

  const e = await signedIn(browser, app.url, editor);
  await e.goto(`${app.url}/t/${timelineId}`);
  await expect(e.getByTestId("connection-status")).toHaveText("Connected");
  await expect(e.getByTestId("add-entry")).toBeVisible();
  await expect(e.getByTestId("read-only-notice")).toHaveCount(0);

  // Made a fact-checker: the open page turns read-only without a reload, and back.
  const editorRole = share.getByTestId("member-row").filter({ hasText: editor.email }).getByTestId("member-role");
  await editorRole.selectOption("commenter");
  await expect(e.getByTestId("read-only-notice")).toContainText("fact-checker");
  await expect(e.getByTestId("add-entry")).toHaveCount(0);
  await expect(e.getByTestId("timeline-title")).toBeDisabled();
  await expect(editorRole).toHaveValue("commenter");
  await editorRole.selectOption("editor");
  await expect(e.getByTestId("read-only-notice")).toHaveCount(0);
  await addEntryViaForm(e, "2017-01-23", "First round in Astana");
  await expect(o.getByTestId("entry-card-headline")).toHaveText("First round in Astana");

  // The only owner cannot step down.
  const ownerRole = share.getByTestId("member-row").filter({ hasText: owner.email }).getByTestId("member-role");
  await ownerRole.selectOption("editor");
  await expect(share.getByTestId("share-error")).toContainText("owner");
  await expect(ownerRole).toHaveValue("owner");

  // A non-owner sees the list read-only and can leave.
  await e.getByTestId("share-button").click();
  const eShare = e.getByTestId("share-panel");
  await expect(eShare.getByTestId("member-row")).toHaveCount(3);
  await expect(eShare.getByTestId("member-row").filter({ hasText: editor.email })).toContainText("(you)");
  await expect(eShare.locator("select")).toHaveCount(0);
  await expect(eShare.getByTestId("remove-member")).toHaveCount(0);
  await expect(eShare.getByTestId("invite-email")).toHaveCount(0);
  await expect(eShare.getByTestId("create-link")).toHaveCount(0);
  e.once("dialog", (dialog) => void dialog.accept());
  await eShare.getByTestId("leave-timeline").click();
  await expect(e).toHaveURL(`${app.url}/`);
  await expect(e.getByTestId("timeline-list")).toBeVisible();
  await expect(e.locator(`[data-testid="timeline-item"][data-timeline-id="${timelineId}"]`)).toHaveCount(0);

  // Removed while the timeline is open: the page says there is no access any more.
  const i = await signedIn(browser, app.url, other);
  await i.goto(`${app.url}/t/${timelineId}`);
  await expect(i.getByTestId("connection-status")).toHaveText("Connected");
  o.once("dialog", (dialog) => void dialog.accept());
  const otherRow = share.getByTestId("member-row").filter({ hasText: other.email });
  await otherRow.getByTestId("remove-member").click();
  await expect(otherRow).toHaveCount(0);
  await expect(i.getByTestId("no-access")).toBeVisible();
});
