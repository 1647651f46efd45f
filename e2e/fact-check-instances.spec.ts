// Threads and notifications reach pages connected to another instance: two app processes share one
// Postgres and one Redis; a comment posted through instance A appears live on a page served by B.
import { expect, test } from "@playwright/test";
import pg from "pg";
import * as Y from "yjs";
import { entriesMap } from "../lib/timeline/schema";
import { signUpViaApi, startApp, type TApp } from "./fixtures/server";
import { sessionUserId, signedIn } from "./fixtures/session";
import { sharedTimeline } from "./fixtures/timeline";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let a: TApp;
let b: TApp;

test.beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error("two instances share one Postgres: set DATABASE_URL (see .ci/run)");
  a = await startApp({ env: { REDIS_URL } });
  b = await startApp({ databaseUrl: a.databaseUrl, env: { REDIS_URL } });
});

test.afterAll(async () => {
  await b?.dispose();
  await a?.dispose();
});

test("a thread posted through one instance reaches a page on another, with its notification", async ({ browser }) => {
  const ellaAccount = await signUpViaApi(a.url, "Ella Editor");
  const hanaAccount = await signUpViaApi(a.url, "Hana Checker");
  const hana = await signedIn(browser, a.url, hanaAccount);
  const headers = { origin: a.url };
  const ellaApi = await signedIn(browser, a.url, ellaAccount);
  const { timelineId, entryId } = await sharedTimeline(a.url, ellaApi, "Two instances", [[hanaAccount, "commenter"]], { start: "2019-12-24", headline: "Exodus" });
  // Stored before B loads the timeline (instances do not share live docs yet: issue 18).
  await expect.poll(() => storedEntryIds(a.databaseUrl!, timelineId)).toContain(entryId);
  await ellaApi.context().close();

  // Ella reads the timeline on instance B.
  const ella = await signedIn(browser, b.url, ellaAccount);
  await ella.goto(`${b.url}/t/${timelineId}`);
  await expect(ella.getByTestId("entry-card")).toHaveCount(1);
  await expect(ella.getByTestId("entry-thread-count")).toHaveCount(0);

  // Hana comments through instance A and mentions Ella.
  const ellaId = await sessionUserId(ella, b.url);
  const thread = await hana.request.post(`${a.url}/api/timelines/${timelineId}/threads`, {
    data: { entryId, body: `Source for the date? @[Ella Editor](${ellaId})` },
    headers,
  });
  expect(thread.status(), await thread.text()).toBe(201);
  await expect(ella.getByTestId("entry-thread-count")).toHaveText("1");
  await expect(ella.getByTestId("bell-count")).toHaveText("1");
});

/** The entries of a timeline as stored in Postgres: its state row and update log merged. */
async function storedEntryIds(databaseUrl: string, timelineId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const state = await client.query<{ state: Buffer }>(`SELECT state FROM doc_state WHERE "timelineId" = $1`, [timelineId]);
    const log = await client.query<{ update: Buffer }>(`SELECT update FROM doc_update WHERE "timelineId" = $1 ORDER BY id`, [timelineId]);
    const doc = new Y.Doc();
    for (const row of [...state.rows.map((r) => r.state), ...log.rows.map((r) => r.update)]) Y.applyUpdate(doc, new Uint8Array(row));
    return [...entriesMap(doc).keys()];
  } finally {
    await client.end();
  }
}

