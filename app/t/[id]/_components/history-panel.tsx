"use client";

import { useId, useState, type FormEvent } from "react";
import { Stamp } from "@/app/_components/stamp";
import { count } from "@/app/_lib/text";
import type { TVersion } from "@/app/_lib/versions-client";
import { kindLabel, versionLabel, type TVersionHistory } from "../_lib/use-versions";
import "./versions.css";

/** "3 added · 1 removed · 2 changed"; only the counts there are. */
export function summaryText({ added, removed, changed }: TVersion["summary"]): string {
  const parts = [
    added > 0 ? `${added} added` : null,
    removed > 0 ? `${removed} removed` : null,
    changed > 0 ? `${changed} changed` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(" · ") : "No entry changes";
}

/** Marked in the list: the versions someone meant to keep. */
const MARKED = new Set<TVersion["kind"]>(["named", "published"]);

/**
 * The versions of the timeline, newest first: open one read-only, compare it, restore it (owners and
 * editors), and save the timeline as it is now under a name.
 */
export function HistoryPanel({ history, canWrite, onClose }: { history: TVersionHistory; canWrite: boolean; onClose: () => void }) {
  const { versions, error, pending, restored, shown } = history;
  return (
    <aside className="workspace__comments history" data-testid="history-panel" aria-labelledby="history-title">
      <div className="history__head">
        <h2 id="history-title">History</h2>
        <button type="button" className="button button--quiet" onClick={onClose} data-testid="history-close">
          Close
        </button>
      </div>
      {canWrite && <SaveVersionForm history={history} />}
      {error && (
        <p className="form-error" role="alert" data-testid="history-error">
          {error}
        </p>
      )}
      {restored && (
        <p className="field__hint history__restored" role="status" data-testid="history-restored">
          {restored.version.name}. To undo it, restore “{versionLabel(restored.preRestore)}”.
        </p>
      )}
      {versions === null ? (
        !error && <p className="muted">Reading the versions…</p>
      ) : versions.length === 0 ? (
        <p className="muted" data-testid="history-empty">
          No versions yet. One is saved automatically a while after edits, on each publish, and whenever you save one.
        </p>
      ) : (
        <ol className="history__list">
          {versions.map((v) => {
            const current = shown?.versionId === v.id;
            return (
              <li
                key={v.id}
                className={`history__version${current ? " history__version--shown" : ""}`}
                data-testid="version"
                data-version-id={v.id}
                data-kind={v.kind}
              >
                <div className="history__top">
                  <span className="history__name" data-testid="version-name">
                    {versionLabel(v)}
                  </span>
                  {MARKED.has(v.kind) && (
                    <span className={`history__mark history__mark--${v.kind}`} data-testid="version-mark">
                      {kindLabel(v.kind)}
                    </span>
                  )}
                </div>
                <div className="history__meta muted">
                  <Stamp at={v.createdAt} />
                  {v.createdBy && <span> · by {v.createdBy.name}</span>}
                </div>
                <div className="history__summary" data-testid="version-summary">
                  {summaryText(v.summary)}
                </div>
                {v.contributors.length > 0 && (
                  <div className="history__contributors muted" data-testid="version-contributors">
                    Changes by {v.contributors.map((c) => c.name).join(", ")}
                  </div>
                )}
                <div className="history__actions">
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => history.show({ kind: "open", versionId: v.id })}
                    aria-pressed={shown?.kind === "open" && current}
                    aria-label={`Open ${versionLabel(v)}`}
                    disabled={pending !== null}
                    data-testid="version-open"
                  >
                    Open
                  </button>
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => history.show({ kind: "compare", versionId: v.id, to: { kind: "current" } })}
                    aria-pressed={shown?.kind === "compare" && current}
                    aria-label={`Compare ${versionLabel(v)}`}
                    disabled={pending !== null}
                    data-testid="version-compare"
                  >
                    Compare
                  </button>
                  {canWrite && (
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => void history.restore(v)}
                      disabled={pending !== null}
                      aria-label={`Restore ${versionLabel(v)}`}
                      data-testid="version-restore"
                    >
                      Restore
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {versions && versions.length > 0 && <p className="field__hint">{count(versions.length, "version")}</p>}
    </aside>
  );
}

function SaveVersionForm({ history }: { history: TVersionHistory }) {
  const [name, setName] = useState("");
  const inputId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === "") return;
    if (await history.save(name.trim())) setName("");
  };
  return (
    <form className="history__save" onSubmit={(e) => void submit(e)} data-testid="save-version-form">
      <label className="field__label" htmlFor={inputId}>
        Save the timeline as it is now
      </label>
      <div className="history__save-row">
        <input
          id={inputId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Version name, e.g. “Before the edit”"
          maxLength={200}
          data-testid="save-version-name"
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={history.pending !== null || name.trim() === ""}
          data-testid="save-version-submit"
        >
          {history.pending === "saving" ? "Saving…" : "Save version"}
        </button>
      </div>
    </form>
  );
}
