// Accounts: passwords stored hashed, session cookies out of reach of scripts and other sites.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunningServer } from "./app.ts";
import { createTestDatabase, type TTestDatabase } from "./test/databases.ts";
import { signUp, startTestServer } from "./test/harness.ts";

let db: TTestDatabase;
let server: TRunningServer;

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  server = await startTestServer(db);
});

afterAll(async () => {
  await server?.close();
  await db?.dispose();
});

async function signUpCookies(baseUrl: string, origin = baseUrl): Promise<string[]> {
  const res = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ name: "Cookie", email: `cookie-${Date.now()}@example.test`, password: "correct horse battery" }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie();
}

describe("accounts", () => {
  it("stores a password only as a salted hash", async () => {
    const user = await signUp(server.url, "Hashed");
    const account = await server.context.prisma.account.findFirstOrThrow({ where: { userId: user.id, providerId: "credential" } });
    expect(account.password).not.toContain("correct horse battery");
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const session = (await signUpCookies(server.url)).find((c) => c.startsWith("dateline.session_token="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i);
  });

  it("marks cookies Secure when users reach the app over https", async () => {
    const secureDb = await createTestDatabase("postgres");
    const secure = await startTestServer(secureDb, { PUBLIC_URL: "https://dateline.example" });
    try {
      const session = (await signUpCookies(secure.url, "https://dateline.example")).find((c) => c.includes("session_token="));
      expect(session).toMatch(/^__Secure-dateline\.session_token=/);
      expect(session).toMatch(/; Secure/i);
    } finally {
      await secure.close();
      await secureDb.dispose();
    }
  });

  it("refuses a sign-up posted from another site", async () => {
    const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ name: "CSRF", email: `csrf-${Date.now()}@example.test`, password: "correct horse battery" }),
    });
    expect(res.status).toBe(403);
  });
});
