"use client";

import { useId, useRef, useState, type Dispatch, type FormEvent, type SetStateAction } from "react";
import { LINK_ROLES, createShareLink, revokeShareLink, type TLinkRole, type TShareLink } from "@/app/_lib/api-client";
import { ROLE_LABEL } from "@/app/_lib/role-labels";
import { Options } from "./fields";
import { formatDay } from "./member-list";
import type { TFail } from "./share-dialog";

/** "" is a link that never expires; the server takes 1 to 365 days. */
const EXPIRY_OPTIONS = [
  { value: "", label: "Never" },
  { value: "1", label: "1 day" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
] as const;

function linkState(link: TShareLink, now: number): "revoked" | "expired" | "active" {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && Date.parse(link.expiresAt) <= now) return "expired";
  return "active";
}

/**
 * Links anyone signed in can open to join with a role. The server keeps only a hash of each token,
 * so a new link's address is shown once, right after it is made.
 */
export function ShareLinks({
  timelineId,
  links,
  onLinksChange,
  onError,
  onAction,
}: {
  timelineId: string;
  links: readonly TShareLink[] | null;
  onLinksChange: Dispatch<SetStateAction<TShareLink[] | null>>;
  onError: TFail;
  onAction: () => void;
}) {
  const [role, setRole] = useState<TLinkRole>("viewer");
  const [expiry, setExpiry] = useState<string>("7");
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ id: string; url: string } | null>(null);
  // When the dialog opened: which links have expired is judged once, not on every render.
  const [now] = useState(() => Date.now());

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onAction();
    setPending(true);
    try {
      const { link, path } = await createShareLink(timelineId, role, expiry === "" ? undefined : Number(expiry));
      onLinksChange((list) => [link, ...(list ?? []).filter((l) => l.id !== link.id)]);
      setCreated({ id: link.id, url: new URL(path, window.location.origin).href });
    } catch (err) {
      onError(err);
    } finally {
      setPending(false);
    }
  }

  async function revoke(link: TShareLink) {
    if (!window.confirm(`Revoke this ${ROLE_LABEL[link.role].toLowerCase()} link? Nobody can join with it any more; people who already joined stay.`)) {
      return;
    }
    onAction();
    setPending(true);
    try {
      await revokeShareLink(timelineId, link.id);
      const revokedAt = new Date().toISOString();
      onLinksChange((list) => (list ?? []).map((l) => (l.id === link.id ? { ...l, revokedAt: l.revokedAt ?? revokedAt } : l)));
      if (created?.id === link.id) setCreated(null);
    } catch (err) {
      onError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <form className="share-form" onSubmit={create}>
        <label className="field">
          <span className="field__label">Joins as</span>
          <select value={role} onChange={(e) => setRole(LINK_ROLES.find((r) => r === e.target.value) ?? "viewer")} data-testid="link-role">
            {LINK_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Expires after</span>
          <select value={expiry} onChange={(e) => setExpiry(e.target.value)} data-testid="link-expiry">
            <Options options={EXPIRY_OPTIONS} />
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={pending} data-testid="create-link">
          Create link
        </button>
      </form>

      {created && <CreatedLink url={created.url} />}

      {links === null ? (
        <p className="muted">Loading links…</p>
      ) : links.length === 0 ? (
        <p className="muted">No links yet.</p>
      ) : (
        <ul className="member-list" data-testid="link-list">
          {links.map((link) => {
            const state = linkState(link, now);
            return (
              <li key={link.id} className={`member-row link-row link-row--${state}`} data-testid="link-row" data-link-id={link.id} data-state={state}>
                <span className="member-row__who">
                  <span className="member-row__name">Joins as {ROLE_LABEL[link.role]}</span>
                  <span className="member-row__email">
                    Created {formatDay(link.createdAt)} ·{" "}
                    {link.expiresAt ? `${state === "expired" ? "expired" : "expires"} ${formatDay(link.expiresAt)}` : "never expires"}
                  </span>
                </span>
                {state === "revoked" ? (
                  <span className="link-row__state" data-testid="link-state">
                    Revoked {link.revokedAt ? formatDay(link.revokedAt) : ""}
                  </span>
                ) : (
                  <>
                    {state === "expired" && (
                      <span className="link-row__state" data-testid="link-state">
                        Expired
                      </span>
                    )}
                    <button
                      type="button"
                      className="button button--danger-quiet"
                      onClick={() => void revoke(link)}
                      disabled={pending}
                      data-testid="revoke-link"
                    >
                      Revoke
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function CreatedLink({ url }: { url: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"copied" | "select" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      inputRef.current?.select();
      setCopied("select");
    }
  }

  return (
    <div className="created-link field">
      <label className="field__label" htmlFor={id}>
        New link: copy it now, it is shown only once
      </label>
      <span className="created-link__row">
        <input
          id={id}
          ref={inputRef}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="created-link-url"
        />
        <button type="button" className="button" onClick={() => void copy()} data-testid="copy-link">
          Copy
        </button>
      </span>
      {copied && (
        <p className="field__hint" role="status">
          {copied === "copied" ? "Copied to the clipboard." : "Press Ctrl+C (⌘C on a Mac) to copy the selected link."}
        </p>
      )}
    </div>
  );
}
