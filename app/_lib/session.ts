import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { userFromHeaders, type TSessionUser } from "@/server/auth";
import { getAppContext } from "@/server/context";

export async function getCurrentUser(): Promise<TSessionUser | null> {
  // headers() first: it marks the page dynamic, so a build never prerenders it without a server.
  const requestHeaders = await headers();
  return userFromHeaders(getAppContext().auth, requestHeaders);
}

/** The signed-in user; otherwise off to sign in, coming back to `returnTo` afterwards. */
export async function requireUser(returnTo?: string): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?next=${encodeURIComponent(returnTo)}` : "/sign-in");
  return user;
}
