import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/app/_lib/session";
import { JoinTimeline } from "./join-timeline";

export const metadata: Metadata = { title: "Join a timeline · Dateline" };

export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await getCurrentUser())) redirect(`/sign-in?next=${encodeURIComponent(`/join/${encodeURIComponent(token)}`)}`);
  return <JoinTimeline token={token} />;
}
