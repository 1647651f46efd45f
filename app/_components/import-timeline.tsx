"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ChangeEvent } from "react";
import { ApiError } from "@/app/_lib/api-client";
import { count, sentence } from "@/app/_lib/text";
import { importTimelineFile } from "@/app/_lib/publish-client";
import { ImportError, MAX_IMPORT_BYTES, decodeImport, importKindOf, readImport, type TImportReport } from "@/lib/formats/import";
import type { TImportProblem } from "@/lib/formats/timelinejs-types";
import { entryDateLabel } from "@/lib/timeline/dates";
import "./import-timeline.css";

type TState =
  | { kind: "idle" }
  | { kind: "reading"; file: File }
  | { kind: "preview"; file: File; report: TImportReport }
  | { kind: "refused"; file: File; message: string };

const PROBLEM_KIND: Record<TImportProblem["kind"], string> = {
  skipped: "Left out",
  changed: "Read differently",
  kept: "Kept as it was",
};
/** Left-out rows first: they are what a newsroom most needs to check. */
const PROBLEM_ORDER: readonly TImportProblem["kind"][] = ["skipped", "changed", "kept"];

/**
 * Import from TimelineJS on the dashboard: the chosen file is read here first, with the same reader
 * the server uses, so the preview (entries, date span, what could not be mapped) is what the import
 * will do; then the file itself is uploaded and the new timeline opens.
 */
export function ImportTimeline({ onError }: { onError: (err: unknown) => void }) {
  const router = useRouter();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<TState>({ kind: "idle" });
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);

  // The file chosen last: a slower read of an earlier choice must not replace its preview.
  const latest = useRef<File | null>(null);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    latest.current = file ?? null;
    setCreateError(null);
    if (!file) {
      setState({ kind: "idle" });
      return;
    }
    // Refused before reading: a file too large for the server is not worth holding in memory here.
    if (file.size > MAX_IMPORT_BYTES) {
      setState({ kind: "refused", file, message: `It is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` });
      return;
    }
    setState({ kind: "reading", file });
    try {
      const text = decodeImport(new Uint8Array(await file.arrayBuffer()));
      const { report } = readImport(importKindOf(file.name, file.type, text), text);
      if (latest.current === file) setState({ kind: "preview", file, report });
    } catch (err) {
      const message =
        err instanceof ImportError ? err.message : `This file could not be read (${err instanceof Error ? err.message : "unknown error"}).`;
      if (latest.current === file) setState({ kind: "refused", file, message });
    }
  }

  function reset() {
    latest.current = null;
    setState({ kind: "idle" });
    setCreateError(null);
    if (inputRef.current) inputRef.current.value = "";
    // The button that called this goes away with the preview: focus returns to the file input.
    inputRef.current?.focus();
  }

  async function create(file: File) {
    setCreating(true);
    setCreateError(null);
    try {
      const { id } = await importTimelineFile(file);
      router.push(`/t/${encodeURIComponent(id)}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onError(err);
      else setCreateError(err instanceof Error ? sentence(err.message) : "The timeline could not be created.");
      setCreating(false);
    }
  }

  return (
    <section className="import" aria-labelledby={`${inputId}-title`} data-testid="import">
      <div className="import__pick">
        <div className="field import__field">
          <label className="field__label" id={`${inputId}-title`} htmlFor={inputId}>
            Import from TimelineJS
          </label>
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            onChange={(e) => void choose(e)}
            disabled={creating}
            aria-describedby={`${inputId}-hint`}
            data-testid="import-file"
          />
          <span className="field__hint" id={`${inputId}-hint`}>
            A TimelineJS JSON file, or the TimelineJS Google Sheet downloaded as CSV. You see what it holds before anything is created.
          </span>
        </div>
      </div>

      {state.kind === "reading" && (
        <p className="muted" role="status">
          Reading {state.file.name}…
        </p>
      )}
      {state.kind === "refused" && (
        <div className="import__result">
          <p className="form-error" role="alert" data-testid="import-refused">
            <strong>{state.file.name}</strong> cannot be imported. {sentence(state.message)}
          </p>
          <button type="button" className="button button--quiet" onClick={reset}>
            Choose another file
          </button>
        </div>
      )}
      {state.kind === "preview" && (
        <ImportPreview
          file={state.file}
          report={state.report}
          creating={creating}
          error={createError}
          onCreate={() => void create(state.file)}
          onCancel={reset}
        />
      )}
    </section>
  );
}

function ImportPreview({
  file,
  report,
  creating,
  error,
  onCreate,
  onCancel,
}: {
  file: File;
  report: TImportReport;
  creating: boolean;
  error: string | null;
  onCreate: () => void;
  onCancel: () => void;
}) {
  const problems = PROBLEM_ORDER.flatMap((kind) => report.problems.filter((p) => p.kind === kind));
  return (
    <div className="import__result import-preview" data-testid="import-preview">
      <h2 className="import-preview__title" data-testid="import-title">
        {report.title || "Untitled timeline"}
      </h2>
      <p className="import-preview__facts">
        <span data-testid="import-count">{count(report.entries, "entry", "entries")}</span>
        {report.eras > 0 && <span data-testid="import-eras"> · {count(report.eras, "era")}</span>}
        {report.span && (
          <span data-testid="import-span"> · {entryDateLabel({ start: report.span.start, end: report.span.end })}</span>
        )}
        <span className="muted">
          {" "}
          · from {file.name} ({report.format === "csv" ? "TimelineJS sheet" : "TimelineJS JSON"})
        </span>
      </p>
      {problems.length === 0 ? (
        <p className="field__hint" data-testid="import-clean">
          Everything in the file has a place in Dateline.
        </p>
      ) : (
        <div className="import-report">
          <p className="share__subhead" data-testid="import-problem-count">
            {count(problems.length, "note")} on this file
          </p>
          <ul className="import-report__list" data-testid="import-problems">
            {problems.map((p, i) => (
              <li key={i} className={`import-report__item import-report__item--${p.kind}`} data-testid="import-problem" data-kind={p.kind}>
                <span className="import-report__kind">{PROBLEM_KIND[p.kind]}</span>
                <span className="import-report__at">
                  {p.at}
                  {p.field && <> · {p.field}</>}
                </span>
                <span className="import-report__message">{p.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      <div className="import-preview__actions">
        <button type="button" className="button button--primary" onClick={onCreate} disabled={creating} data-testid="import-create">
          {creating ? "Creating…" : "Create timeline"}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={creating} data-testid="import-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}

