"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ApiError, joinByLink } from "@/app/_lib/api-client";

/** What the person holding the link can do about it: the server's words are for developers. */
function joinErrorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === "link_expired") return "This link has expired. Ask the timeline's owner for a new one.";
    if (err.code === "link_revoked") return "This link was revoked. Ask the timeline's owner for a new one.";
    if (err.status === 404 || err.status === 422) return "This link is not valid. Check that it was copied whole.";
  }
  return err instanceof Error ? err.message : "Could not join the timeline.";
}

/** Joins with the link's token as soon as the page opens, then opens the timeline. */
export function JoinTimeline({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    // Joining twice is harmless (a member keeps the higher role), so a re-run effect may repeat it.
    joinByLink(token).then(
      (timeline) => {
        if (!cancelled) router.replace(`/t/${encodeURIComponent(timeline.id)}`);
      },
      (err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiError && err.status === 401) {
          router.replace(`/sign-in?next=${encodeURIComponent(`/join/${encodeURIComponent(token)}`)}`);
          return;
        }
        setError(joinErrorMessage(err));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [token, router]);

  if (!error) return <p className="muted">Joining the timeline…</p>;
  return (
    <section className="refusal" role="alert">
      <h1>Could not join</h1>
      <p data-testid="join-error">{error}</p>
      <p>
        <Link href="/">Back to your timelines</Link>
      </p>
    </section>
  );
}
