"use client";

import { useState, type FormEvent } from "react";
import { ROLES, inviteMember, type TInvitation, type TMember, type TRole } from "@/app/_lib/api-client";
import { ROLE_LABEL } from "@/app/_lib/role-labels";
import { RoleOptions } from "./member-list";
import type { TFail } from "./share-dialog";

/** Adds a member by email, or leaves an invitation for an address that has no account yet. */
export function InviteForm({
  timelineId,
  onMember,
  onInvitation,
  onError,
  onAction,
}: {
  timelineId: string;
  onMember: (member: TMember) => void;
  onInvitation: (invitation: TInvitation) => void;
  onError: TFail;
  onAction: () => void;
}) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TRole>("editor");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    setResult(null);
    onAction();
    if (!address) {
      onError(new Error("Enter the email address of the person to add."));
      return;
    }
    setPending(true);
    try {
      const added = await inviteMember(timelineId, address, role);
      if (added.kind === "member") {
        onMember(added.member);
        setResult(`Added ${added.member.name} (${added.member.email}) as ${ROLE_LABEL[added.member.role]}.`);
      } else {
        onInvitation(added.invitation);
        setResult(
          `Invited ${added.invitation.email} as ${ROLE_LABEL[added.invitation.role]}. They join when they create an account with this address.`,
        );
      }
      // Keep whatever was typed while the request ran.
      setEmail((current) => (current.trim() === address ? "" : current));
    } catch (err) {
      // The dialog's one error line: "already a member", an address the server refuses...
      onError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="share-form" onSubmit={submit} noValidate>
      <label className="field share-form__grow">
        <span className="field__label">Email</span>
        <input
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          placeholder="name@newsroom.org"
          autoComplete="off"
          data-testid="invite-email"
        />
      </label>
      <label className="field">
        <span className="field__label">Role</span>
        <select value={role} onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? "editor")} data-testid="invite-role">
          <RoleOptions />
        </select>
      </label>
      <button type="submit" className="button button--primary" disabled={pending} data-testid="invite-submit">
        Add
      </button>
      {result && (
        <p className="share-form__result share-form__full" role="status" data-testid="invite-result">
          {result}
        </p>
      )}
    </form>
  );
}
