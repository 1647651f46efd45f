import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/app/_lib/session";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account · Dateline" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/");
  return <SignUpForm />;
}
