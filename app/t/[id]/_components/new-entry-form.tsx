"use client";

import { useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { tryParsePartialDate } from "@/lib/timeline/dates";
import { TimelineOpError, addEntry } from "@/lib/timeline/ops";
import type { TShownError } from "../_lib/field-errors";
import { QUALIFIER_OPTIONS, parseQualifier, parseTags } from "../_lib/entry-fields";
import { DATE_HINT, Field, FieldError, Options } from "./fields";

type TDraft = {
  start: string;
  end: string;
  qualifier: string;
  displayDate: string;
  headline: string;
  group: string;
  tags: string;
};

const EMPTY: TDraft = { start: "", end: "", qualifier: "", displayDate: "", headline: "", group: "", tags: "" };

const SLOTS = new Set(["start", "end", "qualifier", "displayDate", "headline", "group", "tags"]);

/** Checks what can be checked before the op runs, so every problem shows at once. */
function localErrors(draft: TDraft): TShownError[] {
  const found: TShownError[] = [];
  const start = tryParsePartialDate(draft.start.trim());
  if (!start.ok) found.push({ field: "start", message: start.error });
  if (draft.end.trim() !== "") {
    const end = tryParsePartialDate(draft.end.trim());
    if (!end.ok) found.push({ field: "end", message: end.error });
  }
  if (draft.headline.trim() === "") found.push({ field: "headline", message: "A headline is required" });
  return found;
}

/**
 * A new entry. Nothing reaches the shared doc until it is saved whole and valid; then the panel
 * switches to live editing of it, where the body, sources and media are filled in.
 */
export function NewEntryForm({
  doc,
  userId,
  onCreated,
  onCancel,
}: {
  doc: Y.Doc;
  userId: string;
  onCreated: (id: string) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<TDraft>(EMPTY);
  const [errors, setErrors] = useState<TShownError[]>([]);

  const set = <K extends keyof TDraft>(key: K, value: TDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const at = (slot: string) => errors.find((e) => e.field === slot);
  const unplaced = errors.filter((e) => !SLOTS.has(e.field));

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = localErrors(draft);
    if (found.length > 0) {
      setErrors(found);
      return;
    }
    const tags = parseTags(draft.tags);
    try {
      const id = addEntry(
        doc,
        {
          start: draft.start.trim(),
          end: draft.end.trim() || undefined,
          qualifier: parseQualifier(draft.qualifier) ?? undefined,
          displayDate: draft.displayDate.trim() || undefined,
          headline: draft.headline,
          group: draft.group.trim() || undefined,
          tags: tags.length > 0 ? tags : undefined,
        },
        { userId },
      );
      onCreated(id);
    } catch (err) {
      if (!(err instanceof TimelineOpError)) throw err;
      setErrors([{ field: err.field, message: err.message }]);
    }
  }

  return (
    <form className="entry-form" onSubmit={save} noValidate aria-label="New entry">
      <div className="entry-form__head">
        <h2>New entry</h2>
        <button type="button" className="button button--quiet" onClick={onCancel} data-testid="close-editor">
          Cancel
        </button>
      </div>
      <fieldset className="entry-form__group">
        <legend>When</legend>
        <div className="entry-form__row">
          <Field label="Start" hint={DATE_HINT} error={at("start")}>
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                value={draft.start}
                onChange={(e) => set("start", e.target.value)}
                autoFocus
                data-testid="field-start"
              />
            )}
          </Field>
          <Field label="End (optional)" hint={DATE_HINT} error={at("end")}>
            {({ id, describedBy }) => (
              <input id={id} aria-describedby={describedBy} value={draft.end} onChange={(e) => set("end", e.target.value)} data-testid="field-end" />
            )}
          </Field>
        </div>
        <div className="entry-form__row">
          <Field label="Qualifier" error={at("qualifier")}>
            {({ id }) => (
              <select id={id} value={draft.qualifier} onChange={(e) => set("qualifier", e.target.value)} data-testid="field-qualifier">
                <Options options={QUALIFIER_OPTIONS} />
              </select>
            )}
          </Field>
          <Field label="Display date (optional)" hint="Replaces the date label, e.g. “Spring 2011”." error={at("displayDate")}>
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                value={draft.displayDate}
                onChange={(e) => set("displayDate", e.target.value)}
                data-testid="field-display-date"
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className="entry-form__group">
        <legend>What</legend>
        <Field label="Headline" error={at("headline")}>
          {({ id }) => (
            <input
              id={id}
              className="headline-input"
              value={draft.headline}
              onChange={(e) => set("headline", e.target.value)}
              placeholder="What happened"
              data-testid="field-headline"
            />
          )}
        </Field>
        <Field label="Group" hint="A lane on the timeline, e.g. “Diplomacy”." error={at("group")}>
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} value={draft.group} onChange={(e) => set("group", e.target.value)} data-testid="field-group" />
          )}
        </Field>
        <Field label="Tags" hint="Separate tags with commas." error={at("tags")}>
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} value={draft.tags} onChange={(e) => set("tags", e.target.value)} data-testid="field-tags" />
          )}
        </Field>
        <p className="muted">The body, sources and media can be added once the entry is saved.</p>
      </fieldset>
      {unplaced.map((e) => (
        <FieldError key={e.field} error={e} />
      ))}
      <div className="entry-form__actions">
        <button type="submit" className="button button--primary" data-testid="save-entry">
          Save entry
        </button>
      </div>
    </form>
  );
}
