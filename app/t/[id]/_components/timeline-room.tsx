"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { canEdit } from "@/app/_lib/api-client";
import { userColor } from "@/app/_lib/user-color";
import { CLOSE } from "@/lib/protocol/close-codes";
import type { TPresenceUser } from "../_lib/presence";
import { useCollab } from "../_lib/use-collab";
import { useTimelineRole } from "../_lib/use-timeline-role";
import { TimelineWorkspace } from "./timeline-workspace";

/**
 * Opens one timeline: asks the API for the user's role, connects the shared doc, and turns the
 * server's refusals (signed out, no access, no such timeline) into a page that says so.
 */
export function TimelineRoom({ timelineId, user }: { timelineId: string; user: { id: string; name: string } }) {
  const router = useRouter();
  const presenceUser = useMemo<TPresenceUser>(
    () => ({ id: user.id, name: user.name, color: userColor(user.id) }),
    [user.id, user.name],
  );
  const roleState = useTimelineRole(timelineId);
  const { collab, fatalClose } = useCollab(timelineId, presenceUser);

  const signedOut =
    fatalClose === CLOSE.unauthenticated || (roleState.kind === "failed" && roleState.reason === "unauthenticated");
  useEffect(() => {
    if (signedOut) router.replace("/sign-in");
  }, [signedOut, router]);

  if (signedOut) return <p className="muted">Your session has ended. Taking you to sign in…</p>;
  if (fatalClose === CLOSE.notFound || (roleState.kind === "failed" && roleState.reason === "not-found")) {
    return (
      <Refusal title="This timeline does not exist">
        It may have been deleted, or the link is wrong.
      </Refusal>
    );
  }
  if (fatalClose === CLOSE.forbidden || (roleState.kind === "failed" && roleState.reason === "forbidden")) {
    return (
      <Refusal title="You do not have access to this timeline">
        Ask its owner to add you.
      </Refusal>
    );
  }
  if (!collab) return <p className="muted">Opening timeline…</p>;

  const role = roleState.kind === "ready" ? roleState.role : null;
  // Until the role is known the page does not offer edits the server might refuse.
  const readOnly = role === null || !canEdit(role);
  const readOnlyReason =
    roleState.kind === "failed"
      ? `Could not check your access (${roleState.message}). The timeline is read-only until the page is reloaded.`
      : role === "commenter"
        ? "You are a fact-checker on this timeline: you can read entries but not change them."
        : role === "viewer"
          ? "You can view this timeline but not change it."
          : null;

  return (
    <TimelineWorkspace
      collab={collab}
      user={presenceUser}
      readOnly={readOnly}
      readOnlyReason={readOnlyReason}
      fallbackTitle={roleState.kind === "ready" ? roleState.title : ""}
    />
  );
}

function Refusal({ title, children }: { title: string; children: string }) {
  return (
    <section className="refusal" role="alert">
      <h1>{title}</h1>
      <p>{children}</p>
      <p>
        <Link href="/">Back to your timelines</Link>
      </p>
    </section>
  );
}
