"use client";

import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { Stamp } from "@/app/_components/stamp";
import { sentence } from "@/app/_lib/text";
import {
  compareVersions,
  fetchVersionState,
  type TComparison,
  type TCompareTarget,
  type TEntryComparison,
  type TVersion,
  type TWordChange,
} from "@/app/_lib/versions-client";
import { entryDateLabel } from "@/lib/timeline/dates";
import { wordDiff } from "@/lib/timeline/compare";
import { createEntriesStore, useEntries } from "../_lib/entries-store";
import type { TPresenceUser } from "../_lib/presence";
import type { TCollab } from "../_lib/use-collab";
import { versionLabel, type TVersionHistory } from "../_lib/use-versions";
import { EntryEditor, type TEntryCommenting } from "./entry-editor";
import { EntryTimeline } from "./entry-timeline";
import { TimelineTitle } from "./timeline-title";
import { fieldValueLabel } from "./verification-section";
import "./versions.css";

/** What takes the live timeline's place while a version is open or compared. */
export function VersionStage({
  timelineId,
  history,
  user,
  canWrite,
}: {
  timelineId: string;
  history: TVersionHistory;
  user: TPresenceUser;
  canWrite: boolean;
}) {
  const { shown, versions } = history;
  if (!shown) return null;
  const version = versions?.find((v) => v.id === shown.versionId);
  if (!version) {
    return (
      <section className="version-stage" data-testid="version-stage">
        <p className="muted">This version is no longer kept.</p>
        <button type="button" className="button" onClick={() => history.show(null)} data-testid="version-back">
          Back to the live timeline
        </button>
      </section>
    );
  }
  return shown.kind === "open" ? (
    <VersionView key={version.id} timelineId={timelineId} version={version} history={history} user={user} canWrite={canWrite} />
  ) : (
    <CompareView
      key={`${version.id}:${shown.to.kind === "current" ? "current" : shown.to.id}`}
      timelineId={timelineId}
      version={version}
      to={shown.to}
      history={history}
      canWrite={canWrite}
    />
  );
}

function StageHead({ version, history, canWrite, children }: { version: TVersion; history: TVersionHistory; canWrite: boolean; children: ReactNode }) {
  return (
    <div className="version-stage__head">
      <div className="version-stage__what">{children}</div>
      <div className="version-stage__actions">
        {canWrite && (
          <button
            type="button"
            className="button"
            onClick={() => void history.restore(version)}
            disabled={history.pending !== null}
            data-testid="version-stage-restore"
          >
            {history.pending === "restoring" ? "Restoring…" : "Restore this version"}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={() => history.show(null)} data-testid="version-back">
          Back to the live timeline
        </button>
      </div>
    </div>
  );
}

const NO_THREADS: TEntryCommenting["threads"] = [];
const NO_MEMBERS: TEntryCommenting["members"] = [];

/**
 * A version read-only, in the editor's own components, as a viewer sees a timeline: its state applied
 * to a doc of its own that no socket ever syncs (its provider never connects, and exists only because
 * the body editor draws colleagues' carets from one).
 */
function VersionView({
  timelineId,
  version,
  history,
  user,
  canWrite,
}: {
  timelineId: string;
  version: TVersion;
  history: TVersionHistory;
  user: TPresenceUser;
  canWrite: boolean;
}) {
  const [collab, setCollab] = useState<TCollab | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let made: TCollab | null = null;
    fetchVersionState(timelineId, version.id).then(
      (state) => {
        if (cancelled) return;
        const doc = new Y.Doc();
        try {
          Y.applyUpdate(doc, state);
        } catch {
          doc.destroy();
          setError("This version could not be read.");
          return;
        }
        const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
        // Never connected (the editor's components want a provider for carets), and named after no room:
        // nothing of a version can reach the live timeline.
        const provider = new WebsocketProvider(url, `version:${version.id}`, doc, { connect: false });
        made = { doc, provider, entries: createEntriesStore(doc), forgetLocalCopy: async () => undefined };
        setCollab(made);
      },
      (err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? sentence(err.message) : "The version could not be read.");
      },
    );
    return () => {
      cancelled = true;
      if (made) {
        made.entries.destroy();
        made.provider.destroy();
        made.doc.destroy();
      }
    };
  }, [timelineId, version.id]);

  const commenting = useMemo<TEntryCommenting>(
    () => ({
      timelineId,
      canComment: false,
      threads: NO_THREADS,
      members: NO_MEMBERS,
      focus: null,
      onCreated: () => undefined,
      onOpenThread: () => undefined,
      onShowComments: () => undefined,
    }),
    [timelineId],
  );
  const close = useCallback(() => setOpenId(null), []);

  return (
    <section className="version-stage" data-testid="version-view" data-version-id={version.id} aria-label={`Version ${versionLabel(version)}`}>
      <StageHead version={version} history={history} canWrite={canWrite}>
        <p className="version-stage__title">
          Viewing “{versionLabel(version)}”, <Stamp at={version.createdAt} />
        </p>
        <p className="field__hint">Read-only: this is the timeline as it was then. Edits go to the live timeline.</p>
      </StageHead>
      {error && (
        <p className="form-error" role="alert" data-testid="version-error">
          {error}
        </p>
      )}
      {!collab ? (
        !error && <p className="muted">Opening the version…</p>
      ) : (
        <div className={`workspace__body version-stage__body${openId ? " version-stage__body--panel-open" : ""}`}>
          <div className="workspace__timeline">
            <TimelineTitle doc={collab.doc} userId={user.id} readOnly fallback={versionLabel(version)} />
            <VersionEntries collab={collab} openId={openId} onOpen={setOpenId} />
          </div>
          {openId && (
            <aside className="workspace__panel" data-testid="entry-editor" aria-label="Entry, as it was">
              <EntryEditor key={openId} collab={collab} entryId={openId} user={user} readOnly commenting={commenting} onClose={close} />
            </aside>
          )}
        </div>
      )}
    </section>
  );
}

const NO_PEERS: never[] = [];
const NO_COUNTS = new Map<string, number>();

function VersionEntries({ collab, openId, onOpen }: { collab: TCollab; openId: string | null; onOpen: (id: string) => void }) {
  const entries = useEntries(collab.entries);
  return (
    <EntryTimeline
      entries={entries}
      peers={NO_PEERS}
      selfId=""
      openId={openId}
      openThreads={NO_COUNTS}
      emptyText="This version has no entries."
      onOpen={onOpen}
    />
  );
}

/** What changed between a version and now, or another version: entries added, removed, and changed field by field. */
function CompareView({
  timelineId,
  version,
  to,
  history,
  canWrite,
}: {
  timelineId: string;
  version: TVersion;
  to: TCompareTarget;
  history: TVersionHistory;
  canWrite: boolean;
}) {
  const [comparison, setComparison] = useState<TComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    compareVersions(timelineId, version.id, to).then(
      (found) => {
        if (!cancelled) setComparison(found);
      },
      (err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? sentence(err.message) : "The versions could not be compared.");
      },
    );
    return () => {
      cancelled = true;
    };
  }, [timelineId, version.id, to]);

  const others = (history.versions ?? []).filter((v) => v.id !== version.id);
  const target = to.kind === "current" ? "current" : to.id;
  const targetName = to.kind === "current" ? "now" : `“${versionLabel(others.find((v) => v.id === to.id) ?? version)}”`;
  // One entry can be put back only onto the live timeline.
  const perEntry = canWrite && to.kind === "current";

  return (
    <section className="version-stage" data-testid="compare-view" data-version-id={version.id} aria-label={`Compare ${versionLabel(version)}`}>
      <StageHead version={version} history={history} canWrite={canWrite}>
        <p className="version-stage__title">
          Changes from “{versionLabel(version)}” (<Stamp at={version.createdAt} />) to{" "}
          <label className="version-stage__target">
            <span className="visually-hidden">Compare with</span>
            <select
              value={target}
              onChange={(e) =>
                history.show({
                  kind: "compare",
                  versionId: version.id,
                  to: e.target.value === "current" ? { kind: "current" } : { kind: "version", id: e.target.value },
                })
              }
              data-testid="compare-target"
            >
              <option value="current">now</option>
              {others.map((v) => (
                <option key={v.id} value={v.id}>
                  {versionLabel(v)}
                </option>
              ))}
            </select>
          </label>
        </p>
      </StageHead>
      {error && (
        <p className="form-error" role="alert" data-testid="compare-error">
          {error}
        </p>
      )}
      {comparison === null ? (
        !error && <p className="muted">Comparing…</p>
      ) : comparison.added.length + comparison.removed.length + comparison.changed.length === 0 ? (
        <p className="muted" data-testid="compare-same">
          No entry differs between “{versionLabel(version)}” and {targetName}.
        </p>
      ) : (
        <div className="compare">
          <RefList
            title={`Removed since (${comparison.removed.length})`}
            testId="compare-removed"
            refs={comparison.removed}
            restore={perEntry ? (ref) => void history.restore(version, ref) : undefined}
            pending={history.pending !== null}
          />
          <RefList title={`Added since (${comparison.added.length})`} testId="compare-added" refs={comparison.added} pending={history.pending !== null} />
          {comparison.changed.length > 0 && (
            <section className="compare__section" aria-label="Changed">
              <h3 className="compare__title">Changed ({comparison.changed.length})</h3>
              <ol className="compare__list">
                {comparison.changed.map((entry) => (
                  <ChangedEntry
                    key={entry.id}
                    entry={entry}
                    restore={perEntry ? () => void history.restore(version, entry) : undefined}
                    pending={history.pending !== null}
                  />
                ))}
              </ol>
            </section>
          )}
        </div>
      )}
    </section>
  );
}

function RefList({
  title,
  testId,
  refs,
  restore,
  pending,
}: {
  title: string;
  testId: string;
  refs: TComparison["added"];
  restore?: (ref: TComparison["added"][number]) => void;
  pending: boolean;
}) {
  if (refs.length === 0) return null;
  return (
    <section className="compare__section" aria-label={title}>
      <h3 className="compare__title">{title}</h3>
      <ol className="compare__list">
        {refs.map((ref) => (
          <li key={ref.id} className="compare__entry" data-testid={testId} data-entry-id={ref.id}>
            <span className="compare__date muted">{dateLabel(ref.start)}</span>
            <span className="compare__headline">{ref.headline || "Untitled entry"}</span>
            {restore && (
              <button type="button" className="button button--quiet" onClick={() => restore(ref)} disabled={pending} data-testid="entry-restore">
                Restore this entry
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

const FIELD_LABEL: Record<string, string> = {
  start: "Date",
  end: "End date",
  qualifier: "Qualifier",
  displayDate: "Display date",
  headline: "Headline",
  status: "Status",
  group: "Group",
  tags: "Tags",
  sources: "Sources",
  media: "Media",
  background: "Background",
};

function ChangedEntry({ entry, restore, pending }: { entry: TEntryComparison; restore?: () => void; pending: boolean }) {
  return (
    <li className="compare__entry compare__entry--changed" data-testid="compare-changed" data-entry-id={entry.id}>
      <div className="compare__entry-head">
        <span className="compare__headline">{entry.headline || "Untitled entry"}</span>
        {restore && (
          <button type="button" className="button button--quiet" onClick={restore} disabled={pending} data-testid="entry-restore">
            Restore this entry
          </button>
        )}
      </div>
      <dl className="compare__fields">
        {entry.fields.map((f) => (
          <div key={f.field} className="compare__field" data-testid="compare-field" data-field={f.field}>
            <dt>{FIELD_LABEL[f.field] ?? f.field}</dt>
            <dd>
              {f.field === "headline" && typeof f.old === "string" && typeof f.new === "string" ? (
                <WordDiff changes={wordDiff(f.old, f.new)} />
              ) : (
                <>
                  <del className="old-new__old">{valueText(f.field, f.old)}</del>
                  <span aria-label="changed to"> → </span>
                  <ins className="old-new__new">{valueText(f.field, f.new)}</ins>
                </>
              )}
            </dd>
          </div>
        ))}
        {entry.body && (
          <div className="compare__field" data-testid="compare-field" data-field="body">
            <dt>Body</dt>
            <dd className="compare__body">
              <WordDiff changes={entry.body} />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

/** Added words in <ins>, removed ones in <del>, the rest as they were. */
function WordDiff({ changes }: { changes: readonly TWordChange[] }) {
  return (
    <span className="word-diff" data-testid="word-diff">
      {changes.map((c, i) =>
        c.added ? <ins key={i}>{c.value}</ins> : c.removed ? <del key={i}>{c.value}</del> : <span key={i}>{c.value}</span>,
      )}
    </span>
  );
}

function dateLabel(start: string): string {
  try {
    return entryDateLabel({ start });
  } catch {
    return start;
  }
}

/** A compared value as a reader would say it: dates as labels, lists joined, media by its address. */
function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "string") return fieldValueLabel(field, value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    return value
      .map((item: unknown) => (typeof item === "string" ? item : isRecord(item) ? String(item.title || item.url || "") : String(item)))
      .join(", ");
  }
  if (isRecord(value)) {
    const main = value.url ?? value.color;
    const rest = Object.entries(value)
      .filter(([k, v]) => k !== "url" && k !== "color" && v !== undefined && v !== "")
      .map(([k, v]) => `${k}: ${String(v)}`);
    return [typeof main === "string" ? main : null, ...rest].filter(Boolean).join(", ") || "none";
  }
  return String(value);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
