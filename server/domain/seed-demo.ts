// The Idlib demo timeline, seeded once per installation. Embedded (laptop) installations get a
// demo account that owns it, so a newcomer signs in and sees it at once; a server installation
// never gets an account it did not ask for: there the first user to sign up receives the demo.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import type { TAuth } from "../auth.ts";
import type { TDomain } from "../context.ts";
import { buildIdlibTimeline, IDLIB_TITLE } from "../../prisma/seed/idlib.ts";
import { storeNewTimeline } from "./new-timeline.ts";

export type TDemoAccount = { email: string; password: string };

const SEEDED_KEY = "demo.timelineId";
export const DEMO_EMAIL = "demo@dateline.local";

export async function seedDemo(
  d: Pick<TDomain, "prisma" | "docs">,
  opts: { auth: TAuth; embedded: boolean; dataDir: string },
): Promise<TDemoAccount | null> {
  const credentialsFile = path.join(opts.dataDir, "demo-account.json");
  const seeded = await d.prisma.appSetting.findUnique({ where: { key: SEEDED_KEY } });
  if (seeded) return opts.embedded ? readCredentials(credentialsFile) : null;

  let owner: string | null = null;
  let account: TDemoAccount | null = null;
  if (opts.embedded) {
    account = { email: DEMO_EMAIL, password: crypto.randomBytes(9).toString("base64url") };
    const created = await opts.auth.api.signUpEmail({ body: { name: "Demo Editor", email: account.email, password: account.password } });
    owner = created.user.id;
    fs.writeFileSync(credentialsFile, JSON.stringify(account), { mode: 0o600 });
  }
  const doc = new Y.Doc();
  buildIdlibTimeline(doc, { userId: owner ?? undefined });
  const timeline = await storeNewTimeline(d, IDLIB_TITLE, owner, doc);
  doc.destroy();
  await d.prisma.appSetting.create({ data: { key: SEEDED_KEY, value: timeline.id } });
  return account;
}

/** Gives the unclaimed demo timeline (server installations) to a new user: the first one wins. */
export async function claimDemo(d: Pick<TDomain, "prisma">, userId: string): Promise<void> {
  const seeded = await d.prisma.appSetting.findUnique({ where: { key: SEEDED_KEY } });
  if (!seeded) return;
  await d.prisma.$executeRaw`
    INSERT INTO "timeline_member" ("timelineId", "userId", "role")
    SELECT ${seeded.value}, ${userId}, 'owner'::"Role"
    WHERE EXISTS (SELECT 1 FROM "timeline" WHERE "id" = ${seeded.value})
      AND NOT EXISTS (SELECT 1 FROM "timeline_member" WHERE "timelineId" = ${seeded.value})`;
}

function readCredentials(file: string): TDemoAccount | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as TDemoAccount;
  } catch {
    return null;
  }
}
