"use client";

import { useState } from "react";
import {
  ROLES,
  cancelInvitation,
  changeMemberRole,
  removeMember,
  type TInvitation,
  type TMember,
  type TRole,
} from "@/app/_lib/api-client";
import { ROLE_LABEL } from "@/app/_lib/role-labels";
import type { TFail } from "./share-dialog";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

function parseRole(value: string): TRole | null {
  return ROLES.find((r) => r === value) ?? null;
}

export function RoleOptions({ roles = ROLES }: { roles?: readonly TRole[] }) {
  return roles.map((r) => (
    <option key={r} value={r}>
      {ROLE_LABEL[r]}
    </option>
  ));
}

/** Owners first, then by name: the list reads the same for everyone. */
function byRoleThenName(a: TMember, b: TMember): number {
  return ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name);
}

export function MemberList({
  timelineId,
  members,
  selfId,
  isOwner,
  onChanged,
  onRemoved,
  onError,
  onAction,
}: {
  timelineId: string;
  members: readonly TMember[];
  selfId: string;
  isOwner: boolean;
  onChanged: (member: TMember) => void;
  onRemoved: (userId: string) => void;
  onError: TFail;
  /** An action started: the previous error no longer applies. */
  onAction: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);

  async function run(userId: string, action: () => Promise<void>) {
    setBusy(userId);
    onAction();
    try {
      await action();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
    }
  }

  const changeRole = (member: TMember, value: string) => {
    const role = parseRole(value);
    if (!role || role === member.role) return;
    void run(member.userId, async () => onChanged(await changeMemberRole(timelineId, member.userId, role)));
  };

  const remove = (member: TMember) => {
    if (!window.confirm(`Remove ${member.name} (${member.email}) from this timeline? They lose access at once.`)) return;
    void run(member.userId, async () => {
      await removeMember(timelineId, member.userId);
      onRemoved(member.userId);
    });
  };

  return (
    <ul className="member-list" data-testid="member-list">
      {[...members].sort(byRoleThenName).map((member) => {
        const self = member.userId === selfId;
        return (
          <li key={member.userId} className="member-row" data-testid="member-row" data-user-id={member.userId}>
            <span className="member-row__who">
              <span className="member-row__name">
                {member.name}
                {self && <span className="muted"> (you)</span>}
              </span>
              <span className="member-row__email">{member.email}</span>
            </span>
            {isOwner ? (
              <select
                className="member-row__role"
                value={member.role}
                onChange={(e) => changeRole(member, e.target.value)}
                disabled={busy !== null}
                aria-label={`Role of ${member.name}`}
                data-testid="member-role"
              >
                <RoleOptions />
              </select>
            ) : (
              <span className="member-row__role" data-testid="member-role">
                {ROLE_LABEL[member.role]}
              </span>
            )}
            {isOwner && !self && (
              <button
                type="button"
                className="button button--danger-quiet"
                onClick={() => remove(member)}
                disabled={busy !== null}
                aria-label={`Remove ${member.name}`}
                data-testid="remove-member"
              >
                Remove
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function InvitationList({
  timelineId,
  invitations,
  onCancelled,
  onError,
  onAction,
}: {
  timelineId: string;
  invitations: readonly TInvitation[];
  onCancelled: (id: string) => void;
  onError: TFail;
  onAction: () => void;
}) {
  const [busy, setBusy] = useState(false);

  async function cancel(invitation: TInvitation) {
    setBusy(true);
    onAction();
    try {
      await cancelInvitation(timelineId, invitation.id);
      onCancelled(invitation.id);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h4 className="share__subhead">Invited, no account yet</h4>
      <ul className="member-list" data-testid="invitation-list">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="member-row" data-testid="invitation-row" data-invitation-id={invitation.id}>
            <span className="member-row__who">
              <span className="member-row__name">{invitation.email}</span>
              <span className="member-row__email">Invited {formatDay(invitation.createdAt)}</span>
            </span>
            <span className="member-row__role">{ROLE_LABEL[invitation.role]}</span>
            <button
              type="button"
              className="button button--danger-quiet"
              onClick={() => void cancel(invitation)}
              disabled={busy}
              aria-label={`Cancel the invitation of ${invitation.email}`}
              data-testid="cancel-invitation"
            >
              Cancel
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
