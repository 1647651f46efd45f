"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type * as Y from "yjs";
import type { TMember } from "@/app/_lib/api-client";
import type { TComment, TThread } from "@/app/_lib/fact-check-client";
import { anchorText } from "@/lib/timeline/anchors";
import { entriesMap, type TEntry } from "@/lib/timeline/schema";
import { ThreadView, type TOrphan } from "./thread-view";
import { Options } from "./fields";

export const THREAD_FILTERS = [
  { value: "all", label: "All threads" },
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
  { value: "mine", label: "Mine" },
] as const;
export type TThreadFilter = (typeof THREAD_FILTERS)[number]["value"];

export function parseThreadFilter(value: string): TThreadFilter | null {
  return THREAD_FILTERS.find((f) => f.value === value)?.value ?? null;
}

/** Threads the user started, wrote in or was mentioned in. */
export function isMine(thread: TThread, userId: string): boolean {
  return (
    thread.author?.id === userId ||
    thread.comments.some((c) => c.author?.id === userId || c.mentions.some((m) => m.userId === userId))
  );
}

export function matchesFilter(thread: TThread, filter: TThreadFilter, userId: string): boolean {
  switch (filter) {
    case "all":
      return true;
    case "open":
      return !thread.resolved;
    case "resolved":
      return thread.resolved;
    case "mine":
      return isMine(thread, userId);
  }
}

/**
 * Where a thread's passage or entry went, if it went. The server said so when the list was read;
 * the doc says so the moment it happens. `synced`: the doc has caught up with the server, so an
 * entry missing from it is deleted rather than still loading.
 */
export function orphanOf(doc: Y.Doc, thread: TThread, synced: boolean): TOrphan {
  if (thread.entryDeleted || (synced && !entriesMap(doc).has(thread.entryId))) return "entry";
  if (thread.anchor === null) return null;
  const text = anchorText(doc, thread.entryId, thread.anchor);
  return text === "" || (text === null && thread.anchorDeleted) ? "text" : null;
}

/** Passages are checked again this long after the last body edit: often enough to say "deleted text" soon, not per keystroke. */
const RECHECK_MS = 400;

/** Counts body edits (debounced): the passages' text is read again on each. */
function useBodyEdits(doc: Y.Doc): number {
  const [edits, setEdits] = useState(0);
  useEffect(() => {
    const map = entriesMap(doc);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setEdits((n) => n + 1), RECHECK_MS);
    };
    map.observeDeep(observer);
    return () => {
      clearTimeout(timer);
      map.unobserveDeep(observer);
    };
  }, [doc]);
  return edits;
}

/**
 * The timeline's comment threads, open ones first, then in the order of their entries. A thread
 * whose entry or passage was deleted is listed and says so; it is never dropped.
 */
export function CommentsSidebar({
  timelineId,
  doc,
  synced,
  threads,
  error,
  entries,
  selfId,
  members,
  canComment,
  filter,
  onFilter,
  selectedId,
  onOpen,
  onThread,
  onComment,
  onClose,
}: {
  timelineId: string;
  doc: Y.Doc;
  /** The doc has caught up with the server: an entry missing now is deleted, not still loading. */
  synced: boolean;
  threads: readonly TThread[] | null;
  error: string | null;
  entries: readonly TEntry[];
  selfId: string;
  members: readonly TMember[];
  canComment: boolean;
  filter: TThreadFilter;
  onFilter: (filter: TThreadFilter) => void;
  selectedId: string | null;
  onOpen: (thread: TThread) => void;
  onThread: (thread: TThread) => void;
  onComment: (comment: TComment) => void;
  onClose: () => void;
}) {
  const bodyEdits = useBodyEdits(doc);
  const order = useMemo(() => new Map(entries.map((e, i) => [e.id, i])), [entries]);
  const byId = useMemo(() => new Map(entries.map((e) => [e.id, e])), [entries]);

  const orphans = useMemo(() => {
    const out = new Map<string, TOrphan>();
    for (const thread of threads ?? []) out.set(thread.id, orphanOf(doc, thread, synced));
    return out;
    // entries, bodyEdits: entries and passages' text change in the doc, which is read here.
  }, [threads, doc, synced, entries, bodyEdits]);

  const shown = useMemo(() => {
    const list = (threads ?? []).filter((t) => matchesFilter(t, filter, selfId));
    const place = (t: TThread) => order.get(t.entryId) ?? Number.MAX_SAFE_INTEGER;
    return list.sort(
      (a, b) => Number(a.resolved) - Number(b.resolved) || place(a) - place(b) || a.createdAt.localeCompare(b.createdAt),
    );
  }, [threads, filter, selfId, order]);

  const openCount = (threads ?? []).filter((t) => !t.resolved).length;

  // A thread opened from elsewhere (the bell, a highlight) is scrolled to in the list, once: a
  // colleague's reply arriving later must not pull the list back while the reader is elsewhere in it.
  const listRef = useRef<HTMLOListElement>(null);
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedId || scrolledTo.current === selectedId) return;
    const el = listRef.current?.querySelector(`[data-thread-id="${CSS.escape(selectedId)}"]`);
    if (!el) return;
    scrolledTo.current = selectedId;
    el.scrollIntoView({ block: "nearest" });
  }, [selectedId, shown]);

  return (
    <aside className="workspace__comments comments" data-testid="comments-sidebar" aria-labelledby="comments-title">
      <div className="comments__head">
        <h2 id="comments-title">Comments</h2>
        <button type="button" className="button button--quiet" onClick={onClose} data-testid="comments-close">
          Close
        </button>
      </div>
      <div className="comments__tools">
        <p className="comments__count muted" aria-live="polite">
          {threads === null ? "Loading…" : `${openCount} open ${openCount === 1 ? "thread" : "threads"}`}
        </p>
        <label className="comments__filter">
          <span className="visually-hidden">Show</span>
          <select value={filter} onChange={(e) => onFilter(parseThreadFilter(e.target.value) ?? "all")} data-testid="thread-filter">
            <Options options={THREAD_FILTERS} />
          </select>
        </label>
      </div>
      {!canComment && threads !== null && <p className="field__hint">You can read the comments here but not write them.</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {threads !== null && shown.length === 0 && (
        <p className="muted comments__empty">
          {threads.length === 0
            ? canComment
              ? "No comments yet. Select text in an entry’s body and choose Comment, or comment on a whole entry from its panel."
              : "No comments yet."
            : "No threads match this filter."}
        </p>
      )}
      <ol className="comments__list" ref={listRef}>
        {shown.map((thread) => (
          <li key={thread.id}>
            <ThreadView
              timelineId={timelineId}
              thread={thread}
              entry={byId.get(thread.entryId)}
              orphan={orphans.get(thread.id) ?? null}
              selfId={selfId}
              members={members}
              canComment={canComment}
              selected={thread.id === selectedId}
              onOpen={onOpen}
              onThread={onThread}
              onComment={onComment}
            />
          </li>
        ))}
      </ol>
    </aside>
  );
}
