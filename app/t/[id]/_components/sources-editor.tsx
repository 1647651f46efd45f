"use client";

import { useState } from "react";
import type { TSource } from "@/lib/timeline/schema";
import { webHref } from "@/app/_lib/safe-url";
import type { TFieldErrors } from "../_lib/field-errors";
import { DATE_HINT, FieldError, LiveTextField } from "./fields";
import { nonEmpty } from "./object-fields";

const SOURCE_INPUTS = [
  { key: "url", label: "URL", testId: "field-source-url", placeholder: "https://" },
  { key: "title", label: "Title", testId: "field-source-title" },
  { key: "publisher", label: "Publisher", testId: "field-source-publisher" },
  { key: "accessed", label: "Accessed", testId: "field-source-accessed", hint: DATE_HINT },
  { key: "quote", label: "Quote", testId: "field-source-quote", multiline: true },
] as const;

type TSourceKey = (typeof SOURCE_INPUTS)[number]["key"];

export const SOURCE_SLOTS = SOURCE_INPUTS.map((f) => f.key);

/**
 * The entry's sources. The ops replace the list whole and refuse a source with neither URL, title
 * nor publisher, so a new row lives here until it has one, and a refused edit of a row is kept here
 * until it can be written with the rest of that row.
 */
export function SourcesEditor({
  sources,
  write,
  errors,
  disabled,
}: {
  sources: readonly TSource[];
  /** Writes the whole list; throws TimelineOpError when the ops refuse it. */
  write: (next: TSource[]) => void;
  errors: TFieldErrors;
  disabled: boolean;
}) {
  const [newRow, setNewRow] = useState<TSource | null>(null);
  const [pending, setPending] = useState<Readonly<Record<number, TSource>>>({});
  const rows = newRow ? [...sources, newRow] : sources;

  const change = (index: number, key: TSourceKey, value: string) => {
    const isNew = index >= sources.length;
    const next: TSource = { ...(isNew ? newRow : (pending[index] ?? sources[index])), [key]: value };
    const list = isNew ? [...sources, nonEmpty(next)] : sources.map((s, i) => (i === index ? nonEmpty(next) : s));
    const written = errors.attempt(`sources.${index}`, () => write(list));
    if (isNew) setNewRow(written ? null : next);
    else setPending(({ [index]: _replaced, ...rest }) => (written ? rest : { ...rest, [index]: next }));
  };

  const remove = (index: number) => {
    errors.clear(`sources.${index}`);
    if (index >= sources.length) {
      setNewRow(null);
      return;
    }
    if (!errors.attempt("sources", () => write(sources.filter((_, i) => i !== index)))) return;
    // Rows after the removed one move up; so do their unsaved edits.
    setPending((current) => {
      const shifted: Record<number, TSource> = {};
      for (const [i, source] of Object.entries(current)) {
        const n = Number(i);
        if (n < index) shifted[n] = source;
        else if (n > index) shifted[n - 1] = source;
      }
      return shifted;
    });
  };

  return (
    <div className="sources">
      {rows.length === 0 && <p className="muted">No sources yet.</p>}
      <ol className="sources__list">
        {rows.map((stored, index) => {
          const source = index < sources.length ? (pending[index] ?? stored) : stored;
          const href = webHref(source.url);
          return (
            <li key={index} className="source-row" data-testid="source-row">
              {SOURCE_INPUTS.map((f) => (
                <LiveTextField
                  key={f.key}
                  label={f.label}
                  testId={f.testId}
                  placeholder={"placeholder" in f ? f.placeholder : undefined}
                  hint={"hint" in f ? f.hint : undefined}
                  multiline={"multiline" in f}
                  className={`source-row__${f.key}`}
                  value={source[f.key] ?? ""}
                  onValue={(v) => change(index, f.key, v)}
                  refused={errors.refused(`sources.${index}`)}
                  error={errors.at(`sources.${index}.${f.key}`)}
                  disabled={disabled}
                />
              ))}
              <FieldError error={errors.at(`sources.${index}`)} />
              <div className="source-row__actions">
                {href && (
                  <a href={href} target="_blank" rel="noopener noreferrer nofollow" data-testid="open-source">
                    Open source
                  </a>
                )}
                {!disabled && (
                  <button type="button" className="button button--danger-quiet" onClick={() => remove(index)} data-testid="remove-source">
                    Remove source
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <FieldError error={errors.at("sources")} />
      {!disabled && (
        <button
          type="button"
          className="button"
          // One unsaved row at a time: a second click keeps the empty row there is.
          onClick={() => setNewRow((row) => row ?? {})}
          data-testid="add-source"
        >
          Add source
        </button>
      )}
    </div>
  );
}
