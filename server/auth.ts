// Authentication: better-auth with email and password, sessions stored in Postgres through Prisma.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { TPrisma } from "./db/client.ts";

export type TAuthOptions = {
  prisma: TPrisma;
  secret: string;
  /** Where users reach the app: cookies and origin checks are scoped to it. */
  baseURL: string;
  /** Extra origins allowed to call the auth endpoints (e.g. http://localhost:PORT beside 127.0.0.1). */
  trustedOrigins: string[];
  onUserCreated?: (user: { id: string; email: string }) => Promise<void>;
  /** Sign-in and sign-up attempts per address per minute. */
  attemptsPerMinute: number;
};

/** The header the HTTP server fills with the peer's address before auth sees a request. */
export const CLIENT_IP_HEADER = "x-dateline-client-ip";

export type TSessionUser = { id: string; name: string; email: string };

export function createAuth(opts: TAuthOptions) {
  return betterAuth({
    appName: "Dateline",
    baseURL: opts.baseURL,
    basePath: "/api/auth",
    secret: opts.secret,
    trustedOrigins: opts.trustedOrigins,
    database: prismaAdapter(opts.prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      autoSignIn: true,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
    },
    advanced: {
      // Secure cookies whenever the app is served over https; http on localhost would drop them.
      useSecureCookies: opts.baseURL.startsWith("https://"),
      cookiePrefix: "dateline",
      // server/app.ts sets this header from the socket's address, replacing any client value.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 100,
      customRules: {
        // Guessing passwords, creating accounts in bulk.
        "/sign-in/email": { window: 60, max: opts.attemptsPerMinute },
        "/sign-up/email": { window: 60, max: opts.attemptsPerMinute },
      },
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await opts.onUserCreated?.({ id: user.id, email: user.email });
          },
        },
      },
    },
    telemetry: { enabled: false },
  });
}

export type TAuth = ReturnType<typeof createAuth>;

/** The signed-in user of a request (cookie in `headers`), or null. */
export async function userFromHeaders(auth: TAuth, headers: Headers): Promise<TSessionUser | null> {
  const result = await auth.api.getSession({ headers });
  if (!result) return null;
  return { id: result.user.id, name: result.user.name, email: result.user.email };
}
