"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import {
  ApiError,
  listMembers,
  listShareLinks,
  type TInvitation,
  type TMember,
  type TRole,
  type TShareLink,
} from "@/app/_lib/api-client";
import { InviteForm } from "./invite-form";
import { InvitationList, MemberList } from "./member-list";
import { ShareLinks } from "./share-links";

/** What an action in the dialog reports: the error line shows it; a 401 goes to sign-in instead. */
export type TFail = (err: unknown) => void;

/** The server's messages are written lower-case, to be composed; the dialog shows them as sentences. */
function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The Share button and its dialog: who is on the timeline, and for owners the controls to invite,
 * change roles, remove people and hand out links. Everyone else sees the list and can leave.
 */
export function ShareDialog({
  timelineId,
  role,
  selfId,
  onLeave,
  onOwnRoleChanged,
}: {
  timelineId: string;
  role: TRole;
  selfId: string;
  /** Leaves the timeline and goes to the dashboard; rejects if the server refuses. */
  onLeave: () => Promise<void>;
  onOwnRoleChanged: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="share-button" aria-haspopup="dialog">
        Share
      </button>
      <dialog
        ref={dialogRef}
        className="share-dialog"
        aria-labelledby="share-dialog-title"
        onClose={() => setOpen(false)}
        // Escape closes this dialog only, not the entry panel behind it.
        onKeyDown={(e: KeyboardEvent<HTMLDialogElement>) => {
          if (e.key === "Escape") e.stopPropagation();
        }}
        data-testid="share-panel"
      >
        {open && (
          <SharePanel
            timelineId={timelineId}
            role={role}
            selfId={selfId}
            onLeave={onLeave}
            onOwnRoleChanged={onOwnRoleChanged}
            onClose={() => dialogRef.current?.close()}
          />
        )}
      </dialog>
    </>
  );
}

type TPeople = { members: TMember[]; invitations: TInvitation[] };

function SharePanel({
  timelineId,
  role,
  selfId,
  onLeave,
  onOwnRoleChanged,
  onClose,
}: {
  timelineId: string;
  role: TRole;
  selfId: string;
  onLeave: () => Promise<void>;
  onOwnRoleChanged: () => void;
  onClose: () => void;
}) {
  const router = useRouter();
  const isOwner = role === "owner";
  const [people, setPeople] = useState<TPeople | null>(null);
  const [links, setLinks] = useState<TShareLink[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);

  const fail = useCallback<TFail>(
    (err) => {
      if (err instanceof ApiError && err.status === 401) {
        router.replace("/sign-in");
        return;
      }
      // Refused for a role this page thought it had: someone changed it meanwhile.
      if (err instanceof ApiError && err.status === 403) onOwnRoleChanged();
      setError(sentence(err instanceof Error ? err.message : "Something went wrong."));
    },
    [router, onOwnRoleChanged],
  );
  const clearError = useCallback(() => setError(null), []);

  // Read again whenever the dialog opens or this user's role changes (an owner sees more).
  useEffect(() => {
    let cancelled = false;
    setPeople(null);
    listMembers(timelineId).then(
      (found) => {
        if (!cancelled) setPeople(found);
      },
      (err: unknown) => {
        if (!cancelled) fail(err);
      },
    );
    if (isOwner) {
      listShareLinks(timelineId).then(
        (found) => {
          if (!cancelled) setLinks(found);
        },
        (err: unknown) => {
          if (!cancelled) fail(err);
        },
      );
    } else {
      setLinks(null);
    }
    return () => {
      cancelled = true;
    };
  }, [timelineId, isOwner, fail]);

  const replaceMember = (member: TMember) => {
    setPeople((p) => p && { ...p, members: p.members.map((m) => (m.userId === member.userId ? member : m)) });
    if (member.userId === selfId) onOwnRoleChanged();
  };
  const addMember = (member: TMember) => setPeople((p) => p && { ...p, members: [...p.members.filter((m) => m.userId !== member.userId), member] });
  const dropMember = (userId: string) => setPeople((p) => p && { ...p, members: p.members.filter((m) => m.userId !== userId) });
  const putInvitation = (invitation: TInvitation) =>
    setPeople((p) => p && { ...p, invitations: [...p.invitations.filter((i) => i.id !== invitation.id), invitation] });
  const dropInvitation = (id: string) => setPeople((p) => p && { ...p, invitations: p.invitations.filter((i) => i.id !== id) });

  async function leave() {
    if (!window.confirm("Leave this timeline? You lose access until someone adds you again.")) return;
    setLeaving(true);
    clearError();
    try {
      await onLeave();
    } catch (err) {
      fail(err);
      setLeaving(false);
    }
  }

  return (
    <div className="share">
      <div className="share__head">
        <h2 id="share-dialog-title">Share this timeline</h2>
        <button type="button" className="button button--quiet" onClick={onClose} data-testid="close-share">
          Close
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="share-error">
          {error}
        </p>
      )}

      <section className="share__section" aria-labelledby="share-people">
        <h3 id="share-people">People</h3>
        <p className="field__hint">Owners and editors change entries. Fact-checkers and viewers follow the timeline live but cannot change it.</p>
        {people === null ? (
          !error && <p className="muted">Loading people…</p>
        ) : (
          <MemberList
            timelineId={timelineId}
            members={people.members}
            selfId={selfId}
            isOwner={isOwner}
            onChanged={replaceMember}
            onRemoved={dropMember}
            onError={fail}
            onAction={clearError}
          />
        )}
        {isOwner && people && people.invitations.length > 0 && (
          <InvitationList timelineId={timelineId} invitations={people.invitations} onCancelled={dropInvitation} onError={fail} onAction={clearError} />
        )}
      </section>

      {isOwner && (
        <section className="share__section" aria-labelledby="share-invite">
          <h3 id="share-invite">Add someone by email</h3>
          <InviteForm timelineId={timelineId} onMember={addMember} onInvitation={putInvitation} onError={fail} onAction={clearError} />
        </section>
      )}

      {isOwner && (
        <section className="share__section" aria-labelledby="share-links">
          <h3 id="share-links">Share links</h3>
          <ShareLinks
            timelineId={timelineId}
            links={links}
            onLinksChange={setLinks}
            onError={fail}
            onAction={clearError}
          />
        </section>
      )}

      <div className="share__leave">
        <button type="button" className="button button--danger-quiet" onClick={() => void leave()} disabled={leaving} data-testid="leave-timeline">
          Leave timeline
        </button>
      </div>
    </div>
  );
}
