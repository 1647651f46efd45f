// POST /api/timelines/import and every export format through the real app: the three ways a file may
// come, what a bad file gets, and what each export answers.
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { startApp, type TApp } from "./fixtures/server";
import { cookieOf } from "./fixtures/stock-client";

const SAMPLES = path.resolve(import.meta.dirname, "../../shared/timelinejs-samples");
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name), "utf8");

let app: TApp;
let api: APIRequestContext;

async function account(name: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: app.url, extraHTTPHeaders: { origin: app.url } });
  const email = `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const res = await ctx.post("/api/auth/sign-up/email", { data: { name, email, password: "correct horse battery" } });
  expect(res.status()).toBe(200);
  return ctx;
}

test.beforeAll(async () => {
  app = await startApp();
  api = await account("Importer");
});

test.afterAll(async () => {
  await api?.dispose();
  await app?.dispose();
});

type TImported = { id: string; report: { format: string; entries: number; eras: number; span: { start: string; end: string }; problems: Array<{ at: string; field?: string; kind: string; message: string }> } };

test("imports TimelineJS JSON, a sheet as text/csv and either as a multipart upload; the caller owns the new timeline", async () => {
  const json = await api.post("/api/timelines/import", { headers: { "content-type": "application/json" }, data: sample("eras.json") });
  expect(json.status()).toBe(201);
  const fromJson = (await json.json()) as TImported;
  expect(fromJson.report).toMatchObject({ format: "timelinejs", entries: 20, eras: 3, span: { start: "0602", end: "0698" } });

  const csv = await api.post("/api/timelines/import", { headers: { "content-type": "text/csv" }, data: sample("women-in-computing.csv") });
  expect(csv.status()).toBe(201);
  expect(((await csv.json()) as TImported).report).toMatchObject({ format: "csv", entries: 10 });

  const upload = await api.post("/api/timelines/import", { multipart: { file: { name: "eras-sheet.csv", mimeType: "text/csv", buffer: Buffer.from(sample("eras-sheet.csv")) } } });
  expect(upload.status()).toBe(201);
  const fromUpload = (await upload.json()) as TImported;
  expect(fromUpload.report).toMatchObject({ format: "csv", entries: 20, eras: 3 });

  const list = (await (await api.get("/api/timelines")).json()) as { timelines: Array<{ id: string; title: string; role: string }> };
  expect(list.timelines.find((t) => t.id === fromJson.id)).toMatchObject({ title: "Eras Test", role: "owner" });
  expect(list.timelines.find((t) => t.id === fromUpload.id)?.role).toBe("owner");
});

test("the report names unmapped fields, and bad rows by their row number; nothing bad is imported", async () => {
  const sheet = [
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background,Desk notes",
    "2019,12,24,,,,,,,Exodus,,,,,,,,,,call OCHA",
    "twenty,,,,,,,,,Bad year,,,,,,,,,,",
    "2020,3,5,25:00,,,,,,Bad time,,,,,,,,,,",
    "2020,3,5,,,,,,,Ceasefire,,,,,,,,,,",
  ].join("\r\n");
  const res = await api.post("/api/timelines/import", { headers: { "content-type": "text/csv" }, data: sheet });
  expect(res.status()).toBe(201);
  const { id, report } = (await res.json()) as TImported;
  expect(report.entries).toBe(2);
  expect(report.problems).toEqual(expect.arrayContaining([
    expect.objectContaining({ kind: "skipped", at: "row 3" }),
    expect.objectContaining({ kind: "skipped", at: "row 4" }),
    expect.objectContaining({ kind: "kept", field: "Desk notes" }),
  ]));
  // The unknown column goes back out with the sheet.
  const csv = await (await api.get(`/api/timelines/${id}/export?format=csv`)).text();
  expect(csv.split("\r\n")[0]).toBe("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background,Desk notes");
  expect(csv).toContain("call OCHA");
});

test("a file that cannot be a timeline gets a clear error and creates nothing", async () => {
  const before = ((await (await api.get("/api/timelines")).json()) as { timelines: unknown[] }).timelines.length;
  // Buffers, so that Playwright sends the bytes as they are (it JSON-encodes a string that is not JSON).
  const cases: Array<{ headers?: Record<string, string>; data?: Buffer | string; multipart?: Record<string, string>; status: number; message: RegExp }> = [
    { headers: { "content-type": "application/json" }, data: Buffer.from("{not json"), status: 422, message: /not JSON/ },
    { headers: { "content-type": "application/json" }, data: '{"slides": []}', status: 422, message: /events/ },
    { headers: { "content-type": "application/json" }, data: '{"events": [{"text": {"headline": "undated"}}]}', status: 422, message: /Nothing to import/ },
    { headers: { "content-type": "text/csv" }, data: "Name,Notes\r\nx,y", status: 422, message: /Year|Headline/ },
    { headers: { "content-type": "application/xml" }, data: "<timeline/>", status: 422, message: /application\/json|text\/csv/ },
    { multipart: { other: "x" }, status: 422, message: /file/ },
    // "Exodus from Maarat al-Nu'män" saved by Excel as Windows-1252: refused rather than imported garbled.
    { headers: { "content-type": "text/csv" }, data: Buffer.from("Year,Headline\r\n2019,Maarat al-Num\xe4n\r\n", "latin1"), status: 422, message: /UTF-8/ },
  ];
  for (const c of cases) {
    const res = await api.post("/api/timelines/import", { headers: c.headers, data: c.data, multipart: c.multipart });
    expect(res.status(), JSON.stringify(c)).toBe(c.status);
    const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
    expect(body.error.message).toMatch(c.message);
  }
  const big = await api.post("/api/timelines/import", { headers: { "content-type": "application/json" }, data: `{"events": [], "pad": "${"x".repeat(11 * 1024 * 1024)}"}` });
  expect(big.status()).toBe(413);
  // Sent in chunks, with no length declared: refused once it passes the limit, all the same.
  const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 12) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const chunked = await fetch(`${app.url}/api/timelines/import`, {
    method: "POST",
    headers: { "content-type": "text/csv", origin: app.url, cookie: await cookieOf(api, app.url) },
    body: stream,
    duplex: "half",
  } as RequestInit);
  expect(chunked.status).toBe(413);
  const after = ((await (await api.get("/api/timelines")).json()) as { timelines: unknown[] }).timelines.length;
  expect(after).toBe(before);
});

test("import needs a session and a same-origin request", async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL: app.url, extraHTTPHeaders: { origin: app.url } });
  expect((await anonymous.post("/api/timelines/import", { headers: { "content-type": "application/json" }, data: sample("houston.json") })).status()).toBe(401);
  await anonymous.dispose();
  const res = await api.post("/api/timelines/import", { headers: { "content-type": "application/json", origin: "https://evil.example" }, data: sample("houston.json") });
  expect(res.status()).toBe(403);
});

test("every export format answers with its type and a file name; spreadsheet formulas are neutralised", async () => {
  const sheet = [
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background",
    '-44,3,15,,,,,,,=HYPERLINK("https://evil.example"),+cmd|calc,,@SUM(A1),-2+3,,,,,',
  ].join("\r\n");
  const { id } = (await (await api.post("/api/timelines/import", { headers: { "content-type": "text/csv" }, data: sheet })).json()) as TImported;
  const expected: Record<string, [RegExp, RegExp]> = {
    timelinejs: [/^application\/json/, /\.timelinejs\.json"$/],
    csv: [/^text\/csv/, /\.csv"$/],
    html: [/^text\/html/, /\.html"$/],
    markdown: [/^text\/markdown/, /\.md"$/],
    jsonld: [/^application\/ld\+json/, /\.jsonld"$/],
    json: [/^application\/json/, /\.json"$/],
  };
  for (const [format, [type, name]] of Object.entries(expected)) {
    const res = await api.get(`/api/timelines/${id}/export?format=${format}`);
    expect(res.status(), format).toBe(200);
    expect(res.headers()["content-type"]).toMatch(type);
    expect(res.headers()["content-disposition"]).toMatch(name);
  }
  const csv = await (await api.get(`/api/timelines/${id}/export?format=csv`)).text();
  const row = csv.split("\r\n")[1];
  // The year stays a number TimelineJS reads; every cell a spreadsheet would run starts with an apostrophe.
  expect(row.startsWith("-44,3,15,")).toBe(true);
  expect(row).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
  expect(row).toContain("'+cmd|calc");
  expect(row).toContain("'@SUM(A1)");
  expect(row).toContain("'-2+3");
  // Imported again, the cells read as they were written.
  const again = (await (await api.post("/api/timelines/import", { headers: { "content-type": "text/csv" }, data: csv })).json()) as TImported;
  const tl = (await (await api.get(`/api/timelines/${again.id}/export?format=timelinejs`)).json()) as { events: Array<{ start_date: object; text: { headline: string; text: string }; media: { caption?: string; credit?: string } }> };
  expect(tl.events[0]).toMatchObject({ start_date: { year: -44, month: 3, day: 15 }, text: { headline: '=HYPERLINK("https://evil.example")', text: "+cmd|calc" } });
  const ld = (await (await api.get(`/api/timelines/${id}/export?format=jsonld`)).json()) as { "@type": string; itemListElement: Array<{ item: { startDate: string } }> };
  expect(ld["@type"]).toBe("ItemList");
  expect(ld.itemListElement[0].item.startDate).toBe("-0043-03-15");
});
