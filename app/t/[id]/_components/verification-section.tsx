"use client";

import { Stamp } from "@/app/_components/stamp";
import { useState, type ReactNode } from "react";
import { ApiError } from "@/app/_lib/api-client";
import { setEntryStatus } from "@/app/_lib/fact-check-client";
import { MAX_STATUS_NOTE_CHARS } from "@/lib/protocol/limits";
import { formatDateLabel } from "@/lib/timeline/dates";
import type { TEntry, TStatus } from "@/lib/timeline/schema";
import { changesSinceVerified, type TVerifiedField } from "@/lib/timeline/verification";
import { STATUS_OPTIONS, parseStatus } from "../_lib/entry-fields";
import { STATUS_LABEL } from "./entry-card";
import { Field, FieldError, Options } from "./fields";

/** A status note's limit on the server: said here before the round trip. */
const NOTE_MAX = MAX_STATUS_NOTE_CHARS;

export const VERIFIED_FIELD_LABEL: Record<TVerifiedField, string> = {
  start: "Start",
  end: "End",
  qualifier: "Qualifier",
  headline: "Headline",
};


/** A value as the entry shows it: dates as date labels ("24 December 2019"), nothing as "none". */
export function fieldValueLabel(field: string, value: string | null): string {
  if (value === null || value === "") return "none";
  if (field === "start" || field === "end") {
    try {
      return formatDateLabel(value);
    } catch {
      return value;
    }
  }
  if (field === "status") {
    const status = parseStatus(value);
    return status ? STATUS_LABEL[status] : value;
  }
  return value;
}

export function OldNew({ field, old, next }: { field: string; old: string | null; next: string | null }) {
  return (
    <>
      <del className="old-new__old">{fieldValueLabel(field, old)}</del>
      <span aria-label="changed to"> → </span>
      <ins className="old-new__new">{fieldValueLabel(field, next)}</ins>
    </>
  );
}

/**
 * The entry's verification: who set its status, when and why, what changed since it was verified,
 * and for owners, editors and fact-checkers the control to set it (through the status route: the
 * server writes it into the doc, with their name).
 */
export function VerificationSection({
  timelineId,
  entry,
  canSet,
  children,
}: {
  timelineId: string;
  entry: TEntry;
  canSet: boolean;
  /** The rest of the fieldset (sources), disabled or not by its own rules. */
  children: ReactNode;
}) {
  const v = entry.verification;
  const changes = v?.auto ? changesSinceVerified(entry) : [];
  const [draft, setDraft] = useState<TStatus | null>(null);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = draft ?? entry.status;

  async function save() {
    if (note.length > NOTE_MAX) {
      setError(`The note can be up to ${NOTE_MAX.toLocaleString("en")} characters.`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      await setEntryStatus(timelineId, entry.id, shown, note);
      setDraft(null);
      setNote("");
    } catch (err) {
      setError(err instanceof ApiError && err.status === 403 ? "Your role on this timeline no longer lets you set the status." : err instanceof Error ? err.message : "Could not save the status.");
    } finally {
      setPending(false);
    }
  }

  return (
    <fieldset className="entry-form__group">
      <legend>Verification</legend>
      <div className={`verification verification--${entry.status}`}>
        <p className="verification__line" data-testid="status-attribution">
          {v?.auto ? (
            "Needs review: changed since it was verified"
          ) : v?.byName && v.at ? (
            <>
              {STATUS_LABEL[entry.status]} by {v.byName}, <Stamp at={v.at} />
            </>
          ) : (
            <>
              {STATUS_LABEL[entry.status]} <span className="muted">· no one has set a status yet</span>
            </>
          )}
        </p>
        {v?.auto && changes.length > 0 && (
          <ul className="verification__changes" data-testid="status-changes">
            {changes.map((c) => (
              <li key={c.field}>
                <span className="verification__field">{VERIFIED_FIELD_LABEL[c.field]}:</span> <OldNew field={c.field} old={c.old} next={c.new} />
              </li>
            ))}
          </ul>
        )}
        {v?.auto && v.at && (
          <p className="verification__when muted">
            Sent back to review <Stamp at={v.at} />
            {v.byName ? ` after a change by ${v.byName}` : ""}
          </p>
        )}
        {v?.note && !v.auto && <p className="verification__note">“{v.note}”</p>}
      </div>

      <div className="verification__form">
        <Field label="Status">
          {({ id }) => (
            <select
              id={id}
              value={shown}
              onChange={(e) => setDraft(parseStatus(e.target.value))}
              disabled={!canSet || pending}
              data-testid="status-select"
            >
              <Options options={STATUS_OPTIONS} />
            </select>
          )}
        </Field>
        {canSet && (
          <Field label="Note (optional)" className="verification__note-field">
            {({ id }) => (
              <input
                id={id}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder="e.g. Matches UN OCHA, 26 Dec"
                maxLength={NOTE_MAX}
                disabled={pending}
                data-testid="status-note"
              />
            )}
          </Field>
        )}
        {canSet && (
          <button type="button" className="button" onClick={() => void save()} disabled={pending} data-testid="status-save">
            {pending ? "Saving…" : "Save status"}
          </button>
        )}
      </div>
      <FieldError error={error ?? undefined} />
      {children}
    </fieldset>
  );
}
