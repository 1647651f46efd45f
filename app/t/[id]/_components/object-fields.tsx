"use client";

import { useState } from "react";
import type { TFieldErrors } from "../_lib/field-errors";
import { FieldError, LiveTextField } from "./fields";

export type TObjectField = { key: string; label: string; testId: string; placeholder?: string; hint?: string };

/**
 * The fields of one object the ops replace whole (media, background). A refused value is kept here,
 * so the next keystroke in a sibling field writes it together with that field instead of dropping it:
 * a caption typed before the URL is saved with the URL.
 */
export function ObjectFields({
  name,
  fields,
  more = [],
  stored,
  write,
  errors,
  disabled,
}: {
  /** The field name the ops use for the object, e.g. "media". */
  name: string;
  fields: readonly TObjectField[];
  /** Rarely used fields, behind a disclosure. */
  more?: readonly TObjectField[];
  stored: Readonly<Record<string, string>>;
  /** Writes the whole object; throws TimelineOpError when the ops refuse it. */
  write: (next: Readonly<Record<string, string>>) => void;
  errors: TFieldErrors;
  disabled: boolean;
}) {
  const [pending, setPending] = useState<Readonly<Record<string, string>> | null>(null);
  const values = pending ?? stored;

  const change = (key: string, value: string) => {
    const next = { ...values, [key]: value };
    const written = errors.attempt(name, () => write(next));
    setPending(written ? null : next);
  };

  const render = (f: TObjectField) => (
    <LiveTextField
      key={f.key}
      label={f.label}
      testId={f.testId}
      placeholder={f.placeholder}
      hint={f.hint}
      value={values[f.key] ?? ""}
      onValue={(v) => change(f.key, v)}
      refused={errors.refused(name)}
      error={errors.at(`${name}.${f.key}`)}
      disabled={disabled}
    />
  );

  return (
    <>
      {fields.map(render)}
      {more.length > 0 && (
        <details className="more-fields">
          <summary>More fields</summary>
          {more.map(render)}
        </details>
      )}
      <FieldError error={errors.at(name)} />
    </>
  );
}

/** Drops empty strings: an emptied input removes that property. */
export function nonEmpty(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
}
