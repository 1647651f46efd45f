import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { userFromHeaders, type TSessionUser } from "@/server/auth";
import { getAppContext } from "@/server/context";

export async function getCurrentUser(): Promise<TSessionUser | null> {
  return userFromHeaders(getAppContext().auth, await headers());
}

export async function requireUser(): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
