import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/app/_lib/safe-url";
import { getCurrentUser } from "@/app/_lib/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in · Dateline" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Where to go afterwards (a share link sends people here first); only a path on this site.
  const next = safeNextPath((await searchParams).next) ?? "/";
  if (await getCurrentUser()) redirect(next);
  return <SignInForm next={next} />;
}
