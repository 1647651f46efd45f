"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import {
  ApiError,
  createTimeline,
  deleteTimeline,
  listTimelines,
  renameTimeline,
  type TTimelineSummary,
} from "@/app/_lib/api-client";
import { ROLE_LABEL } from "@/app/_lib/role-labels";
import { ImportTimeline } from "./import-timeline";
import { NotificationBell } from "./notification-bell";

const updatedFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

function byUpdatedDesc(a: TTimelineSummary, b: TTimelineSummary): number {
  return b.updatedAt.localeCompare(a.updatedAt);
}

export function TimelineDashboard() {
  const router = useRouter();
  const [timelines, setTimelines] = useState<TTimelineSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  function fail(err: unknown) {
    if (err instanceof ApiError && err.status === 401) router.replace("/sign-in");
    else setError(err instanceof Error ? err.message : "Something went wrong.");
  }

  useEffect(() => {
    let cancelled = false;
    listTimelines().then(
      (list) => {
        if (!cancelled) setTimelines(list.sort(byUpdatedDesc));
      },
      (err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiError && err.status === 401) router.replace("/sign-in");
        else setError(err instanceof Error ? err.message : "Could not load your timelines.");
      },
    );
    return () => {
      cancelled = true;
    };
  }, [router]);

  function replace(updated: TTimelineSummary) {
    setTimelines((list) => (list ?? []).map((t) => (t.id === updated.id ? updated : t)).sort(byUpdatedDesc));
  }

  return (
    <div className="dashboard">
      <div className="dashboard__head">
        <h1>Your timelines</h1>
        <NotificationBell poll />
      </div>
      <CreateTimelineForm
        onCreated={(timeline) => setTimelines((list) => [timeline, ...(list ?? [])])}
        onError={fail}
      />
      <ImportTimeline onError={fail} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {timelines === null ? (
        !error && <p className="muted">Loading timelines…</p>
      ) : (
        <ul className="timeline-index" data-testid="timeline-list">
          {timelines.length === 0 && <li className="muted">No timelines yet. Start one above.</li>}
          {timelines.map((timeline) => (
            <TimelineRow
              key={timeline.id}
              timeline={timeline}
              onRenamed={replace}
              onDeleted={() => setTimelines((list) => (list ?? []).filter((t) => t.id !== timeline.id))}
              onError={fail}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function CreateTimelineForm({
  onCreated,
  onError,
}: {
  onCreated: (timeline: TTimelineSummary) => void;
  onError: (err: unknown) => void;
}) {
  const [title, setTitle] = useState("");
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) {
      setFieldError("Give the timeline a title.");
      return;
    }
    setPending(true);
    setFieldError(null);
    try {
      onCreated(await createTimeline(trimmed));
      setTitle("");
    } catch (err) {
      if (err instanceof ApiError && err.field === "title") setFieldError(err.message);
      else onError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="create-timeline" onSubmit={onSubmit} noValidate>
      <label className="field create-timeline__field">
        <span className="field__label">New timeline</span>
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="e.g. The siege of Idlib"
          data-testid="new-timeline-title"
        />
        {fieldError && (
          <span className="field-error" role="alert">
            {fieldError}
          </span>
        )}
      </label>
      <button type="submit" className="button button--primary" disabled={pending} data-testid="new-timeline-submit">
        Create
      </button>
    </form>
  );
}

function TimelineRow({
  timeline,
  onRenamed,
  onDeleted,
  onError,
}: {
  timeline: TTimelineSummary;
  onRenamed: (timeline: TTimelineSummary) => void;
  onDeleted: () => void;
  onError: (err: unknown) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(timeline.title);
  const [pending, setPending] = useState(false);
  const canRename = timeline.role === "owner" || timeline.role === "editor";
  const canDelete = timeline.role === "owner";

  function startRename() {
    setDraft(timeline.title);
    setRenaming(true);
  }

  async function commitRename() {
    const title = draft.trim();
    setRenaming(false);
    if (!title || title === timeline.title) return;
    setPending(true);
    try {
      onRenamed(await renameTimeline(timeline.id, title));
    } catch (err) {
      onError(err);
    } finally {
      setPending(false);
    }
  }

  function onRenameKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      void commitRename();
    } else if (event.key === "Escape") {
      setRenaming(false);
    }
  }

  async function remove() {
    if (!window.confirm(`Delete “${timeline.title}”? Everyone loses access and this cannot be undone.`)) return;
    setPending(true);
    try {
      await deleteTimeline(timeline.id);
      onDeleted();
    } catch (err) {
      onError(err);
      setPending(false);
    }
  }

  return (
    <li className="timeline-index__item" data-testid="timeline-item" data-timeline-id={timeline.id}>
      <div className="timeline-index__main">
        {renaming ? (
          <input
            className="timeline-index__rename"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onRenameKey}
            onBlur={() => void commitRename()}
            aria-label="Timeline title"
            autoFocus
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : (
          <Link href={`/t/${encodeURIComponent(timeline.id)}`} className="timeline-index__title">
            {timeline.title || "Untitled timeline"}
          </Link>
        )}
        <span className="timeline-index__meta">
          <span data-testid="timeline-role">{ROLE_LABEL[timeline.role]}</span> · updated{" "}
          <time dateTime={timeline.updatedAt}>{formatUpdated(timeline.updatedAt)}</time>
        </span>
      </div>
      <div className="timeline-index__actions">
        {canRename && (
          <button type="button" className="button button--quiet" onClick={startRename} disabled={pending || renaming} data-testid="rename-timeline">
            Rename
          </button>
        )}
        {canDelete && (
          <button type="button" className="button button--danger-quiet" onClick={() => void remove()} disabled={pending} data-testid="delete-timeline">
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

function formatUpdated(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : updatedFormat.format(date);
}
