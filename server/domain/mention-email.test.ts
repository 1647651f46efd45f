// Mentions are emailed when SMTP_URL is set: checked against a real SMTP server the test starts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { TRunningServer } from "../app.ts";
import { createTestDatabase, type TTestDatabase } from "../test/databases.ts";
import { signUp, startTestServer, waitFor, type TTestUser } from "../test/harness.ts";
import { freePort } from "../test/scratch.ts";
import { addEntry } from "../../lib/timeline/ops.ts";
import { createThread } from "./create-thread.ts";
import { createTimeline } from "./create-timeline.ts";
import { addComment } from "./add-comment.ts";

type TReceived = { from: string; to: string[]; raw: string };

// Just enough MIME to read what nodemailer writes: unfolded headers, RFC 2047 words, quoted-printable.
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}

function parse(raw: string): { headers: Map<string, string>; text: string } {
  const [head, ...rest] = raw.split("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const i = line.indexOf(":");
    headers.set(line.slice(0, i).toLowerCase(), decodeWords(line.slice(i + 1).trim()));
  }
  let body = rest.join("\r\n\r\n");
  const encoding = headers.get("content-transfer-encoding")?.toLowerCase();
  if (encoding === "quoted-printable") {
    body = Buffer.from(body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  } else if (encoding === "base64") {
    body = Buffer.from(body, "base64").toString("utf8");
  }
  return { headers, text: body.replace(/\r\n/g, "\n") };
}

describe("mention emails", () => {
  let db: TTestDatabase;
  let server: TRunningServer;
  let smtp: SMTPServer;
  const received: TReceived[] = [];
  let hana: TTestUser;
  let ivo: TTestUser;
  let jun: TTestUser;
  let otto: TTestUser; // not a member

  beforeAll(async () => {
    const port = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", resolve));
    db = await createTestDatabase("postgres");
    server = await startTestServer(db, { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: "Dateline <desk@dateline.test>" });
    [hana, ivo, jun, otto] = await Promise.all(["Hana", "Ivo", "Jun", "Otto"].map((n) => signUp(server.url, n)));
  });

  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
    await db?.dispose();
  });

  it("emails the mentioned member a link to the thread, and nobody else", async () => {
    const d = server.context;
    const timelineId = (await createTimeline(d, ivo.id, { title: "Idlib" })).id;
    await d.prisma.timelineMember.createMany({
      data: [
        { timelineId, userId: hana.id, role: "commenter" },
        { timelineId, userId: jun.id, role: "editor" },
      ],
    });
    const entryId = await d.rooms.transact(timelineId, (doc) => addEntry(doc, { start: "2020-01-28", headline: "Maarat falls" }));
    const thread = await createThread(d, { id: hana.id, name: hana.name }, timelineId, { entryId, body: `@[Ivo](${ivo.id}) is the date right?` });
    await waitFor(() => received.some((m) => m.to.includes(ivo.email)), "the email to Ivo");
    // A reply is a notification in the app, not an email.
    await addComment(d, { id: jun.id, name: jun.name }, timelineId, thread.id, { body: "I think so" });
    const mail = received.find((m) => m.to.includes(ivo.email))!;
    expect(mail.to).toEqual([ivo.email]);
    expect(mail.from).toBe("desk@dateline.test");
    const { headers, text } = parse(mail.raw);
    expect(headers.get("subject")).toBe("Hana mentioned you in “Idlib”");
    expect(headers.get("to")).toBe(ivo.email);
    expect(text).toContain("Hana mentioned you: @Ivo is the date right?");
    expect(text).toContain(`${server.url}/t/${encodeURIComponent(timelineId)}?thread=${encodeURIComponent(thread.id)}`);
    // Hana (the writer), Jun (not mentioned) and Otto (mentioned, but not a member) get nothing: by the
    // time Ivo's second email arrives, theirs would have been sent too.
    await createThread(d, { id: hana.id, name: hana.name }, timelineId, { entryId, body: `@[Otto](${otto.id}) @[Ivo](${ivo.id}) again` });
    await waitFor(() => received.filter((m) => m.to.includes(ivo.email)).length === 2, "the second email");
    expect(received.flatMap((m) => m.to).sort()).toEqual([ivo.email, ivo.email]);
  });

  it("names the mentioned member by their real name, whatever name the writer typed", async () => {
    const d = server.context;
    const timelineId = (await createTimeline(d, ivo.id, { title: "Aleppo" })).id;
    await d.prisma.timelineMember.create({ data: { timelineId, userId: hana.id, role: "commenter" } });
    const entryId = await d.rooms.transact(timelineId, (doc) => addEntry(doc, { start: "2016-12-22", headline: "Aleppo retaken" }));
    const before = received.length;
    await createThread(d, { id: hana.id, name: hana.name }, timelineId, {
      entryId,
      body: `@[Olga, owner: OK to publish](${ivo.id}) please check, @[Name](${otto.id})`,
    });
    await waitFor(() => received.length > before, "the email to Ivo");
    const { headers, text } = parse(received.at(-1)!.raw);
    expect(headers.get("subject")).toBe("Hana mentioned you in “Aleppo”");
    expect(text).toContain(`Hana mentioned you: @Ivo please check, @[Name](${otto.id})\n`);
    expect(text).not.toContain("OK to publish");
  });
});
