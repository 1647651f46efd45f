"use client";
// Form pieces shared by the new-entry form and the live entry editor.

import { useId, useState, type ReactNode } from "react";
import type { TShownError } from "../_lib/field-errors";

export const DATE_HINT = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:mm";

/** The `<option>`s of a select, from `{ value, label }` pairs. */
export function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** A field's error, or a message of a form that has no fields to name. */
export function FieldError({ error }: { error: TShownError | string | undefined }) {
  if (!error) return null;
  const { field, message } = typeof error === "string" ? { field: undefined, message: error } : error;
  return (
    <p className="field-error" role="alert" data-testid="field-error" data-field={field}>
      {message}
    </p>
  );
}

/** A label, one control, an optional hint and the field's error. `children` receives the control's id. */
export function Field({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: string;
  hint?: string;
  error?: TShownError;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={`field${className ? ` ${className}` : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy: hint ? hintId : undefined })}
      {hint && (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      )}
      <FieldError error={error} />
    </div>
  );
}

/**
 * A text input over a value in the shared doc. While focused it shows what the user types; every
 * change goes to `onValue`, which writes it or records why it cannot be written. A refused value
 * stays visible (with its error) while the doc keeps the last valid one; otherwise, once the field
 * loses focus it shows the doc's value again, including what colleagues changed meanwhile.
 */
export function LiveTextField({
  label,
  testId,
  value,
  onValue,
  refused,
  error,
  hint,
  placeholder,
  disabled,
  multiline,
  className,
}: {
  label: string;
  testId: string;
  value: string;
  onValue: (value: string) => void;
  refused: boolean;
  error?: TShownError;
  hint?: string;
  placeholder?: string;
  disabled?: boolean;
  multiline?: boolean;
  className?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const change = (next: string) => {
    setDraft(next);
    onValue(next);
  };
  const blur = () => {
    if (!refused) setDraft(null);
  };
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy }) => {
        const props = {
          id,
          "aria-describedby": describedBy,
          "aria-invalid": error ? true : undefined,
          value: shown,
          onChange: (e: { target: { value: string } }) => change(e.target.value),
          onBlur: blur,
          placeholder,
          disabled,
          "data-testid": testId,
        };
        return multiline ? <textarea {...props} rows={3} /> : <input {...props} />;
      }}
    </Field>
  );
}
