import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/app/_lib/safe-url";
import { getCurrentUser } from "@/app/_lib/session";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account · Dateline" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Where to go afterwards (a share link sends people here first); only a path on this site.
  const next = safeNextPath((await searchParams).next) ?? "/";
  if (await getCurrentUser()) redirect(next);
  return <SignUpForm next={next} />;
}
