// better-auth's browser client. Same origin as the pages, so it finds /api/auth by itself.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();

/** better-auth reports failures as `{ message?, statusText }`; some carry no message at all. */
export function authErrorMessage(error: { message?: string; statusText?: string }, fallback: string): string {
  return error.message || error.statusText || fallback;
}

/** The other auth page, carrying on where to go afterwards. */
export function withNext(page: "/sign-in" | "/sign-up", next: string): string {
  return next === "/" ? page : `${page}?next=${encodeURIComponent(next)}`;
}
