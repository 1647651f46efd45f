// better-auth's browser client. Same origin as the pages, so it finds /api/auth by itself.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();

/** better-auth reports failures as `{ message?, statusText }`; some carry no message at all. */
export function authErrorMessage(error: { message?: string; statusText?: string }, fallback: string): string {
  return error.message || error.statusText || fallback;
}
