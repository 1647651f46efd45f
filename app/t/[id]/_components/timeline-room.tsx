"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
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
  const { collab, fatalClose, roleChanges, reconnects } = useCollab(timelineId, presenceUser);
  // This page changing the user's own role reads it again too: the socket says so, but not while offline.
  const [localRoleChanges, setLocalRoleChanges] = useState(0);
  const roleState = useTimelineRole(timelineId, user.id, { changed: roleChanges, again: reconnects + localRoleChanges });
  const refreshRole = useCallback(() => setLocalRoleChanges((n) => n + 1), []);

  const signedOut =
    fatalClose === CLOSE.unauthenticated || (roleState.kind === "failed" && roleState.reason === "unauthenticated");
  useEffect(() => {
    if (signedOut) router.replace("/sign-in");
  }, [signedOut, router]);

  if (signedOut) return <p className="muted">Your session has ended. Taking you to sign in…</p>;
  if (fatalClose === CLOSE.notFound || (roleState.kind === "failed" && roleState.reason === "not-found")) {
    return (
      <Refusal title="This timeline does not exist" testId="not-found">
        It may have been deleted, or the link is wrong.
      </Refusal>
    );
  }
  if (fatalClose === CLOSE.forbidden || (roleState.kind === "failed" && roleState.reason === "forbidden")) {
    return (
      <Refusal title="You do not have access to this timeline" testId="no-access">
        Ask its owner to add you.
      </Refusal>
    );
  }
  if (!collab) return <p className="muted">Opening timeline…</p>;

  const role = roleState.kind === "ready" ? roleState.role : null;
  // Until the role is known the page does not offer edits the server might refuse.
  const unsettled = roleState.kind === "ready" && !roleState.settled;
  const readOnly = role === null || !canEdit(role) || unsettled;
  // Comments and statuses go through the API, which checks the role itself; the page offers them to
  // fact-checkers too, once it knows the role.
  const canComment = role !== null && role !== "viewer" && !unsettled;
  const readOnlyReason =
    roleState.kind === "failed"
      ? `Could not check your access (${roleState.message}). The timeline stays read-only until it can be checked.`
      : role === "commenter"
        ? "You are a fact-checker on this timeline: you can comment and set each entry’s verification status, but not change entries."
        : role === "viewer"
          ? "You are a viewer on this timeline: you can read it live but not change it."
          : null;

  return (
    <TimelineWorkspace
      timelineId={timelineId}
      collab={collab}
      user={presenceUser}
      role={role}
      readOnly={readOnly}
      canComment={canComment}
      readOnlyReason={readOnlyReason}
      fallbackTitle={roleState.kind === "ready" ? roleState.title : ""}
      onRoleChanged={refreshRole}
    />
  );
}

function Refusal({ title, testId, children }: { title: string; testId: string; children: string }) {
  return (
    <section className="refusal" role="alert" data-testid={testId}>
      <h1>{title}</h1>
      <p>{children}</p>
      <p>
        <Link href="/">Back to your timelines</Link>
      </p>
    </section>
  );
}
