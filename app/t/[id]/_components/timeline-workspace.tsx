"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { OPEN_TARGET_EVENT, NotificationBell, type TOpenTarget, type TOpenTargetDetail } from "@/app/_components/notification-bell";
import { canEdit, removeMember, type TRole } from "@/app/_lib/api-client";
import type { TThread } from "@/app/_lib/fact-check-client";
import { useEntries } from "../_lib/entries-store";
import { usePeers, type TPresenceUser } from "../_lib/presence";
import type { TCollab } from "../_lib/use-collab";
import { useMentionable } from "../_lib/use-mentionable";
import { useSynced } from "../_lib/use-synced";
import { useThreads } from "../_lib/use-threads";
import { useTimelineEvents } from "../_lib/use-timeline-events";
import { useVersionHistory } from "../_lib/use-versions";
import { CommentsSidebar, matchesFilter, orphanOf, type TThreadFilter } from "./comments-sidebar";
import { ConnectionStatus } from "./connection-status";
import { DownloadMenu } from "./download-menu";
import { EntryEditor, type TEntryCommenting } from "./entry-editor";
import { EntryTimeline } from "./entry-timeline";
import { HistoryPanel } from "./history-panel";
import { NewEntryForm } from "./new-entry-form";
import { PresenceBar } from "./presence-bar";
import { PublishDialog } from "./publish-dialog";
import { ShareDialog } from "./share-dialog";
import { StatusSummary, type TStatusFilter } from "./status-summary";
import { TimelinePreview } from "./timeline-preview";
import { TimelineTitle } from "./timeline-title";
import { VersionStage } from "./version-stage";

type TPanel = { kind: "closed" } | { kind: "new" } | { kind: "entry"; id: string };

const NO_THREADS: readonly TThread[] = [];

function scrollToCard(entryId: string): void {
  requestAnimationFrame(() => {
    document.querySelector(`[data-testid="entry-card"][data-entry-id="${CSS.escape(entryId)}"]`)?.scrollIntoView({ block: "nearest" });
  });
}

/** The editor for one open timeline: title, status, presence, the entries and the entry panel. */
export function TimelineWorkspace({
  timelineId,
  collab,
  user,
  role,
  readOnly,
  canComment,
  readOnlyReason,
  fallbackTitle,
  onRoleChanged,
}: {
  timelineId: string;
  collab: TCollab;
  user: TPresenceUser;
  /** null until the API has answered. */
  role: TRole | null;
  readOnly: boolean;
  /** May write comments and set statuses (owners, editors, fact-checkers). */
  canComment: boolean;
  readOnlyReason: string | null;
  fallbackTitle: string;
  /** This user's own role was changed from the share dialog. */
  onRoleChanged: () => void;
}) {
  const router = useRouter();
  const { doc, provider, entries: store } = collab;
  const entries = useEntries(store);
  const peers = usePeers(provider.awareness);
  const [panel, setPanel] = useState<TPanel>({ kind: "closed" });
  const openId = panel.kind === "entry" ? panel.id : null;
  // A role taken away while the new-entry form is open: nothing it saved would be kept.
  const shownPanel: TPanel = readOnly && panel.kind === "new" ? { kind: "closed" } : panel;
  const synced = useSynced(provider);

  // Comments (issue 13): rows on the server, refetched when the live channel says they changed.
  const threadsState = useThreads(timelineId);
  const { threads, refresh: refreshThreads, put: putThread, putComment } = threadsState;
  const [bellKey, setBellKey] = useState(0);
  const [channelOpens, setChannelOpens] = useState(0);
  useTimelineEvents(timelineId, {
    onThread: refreshThreads,
    onNotifications: () => setBellKey((n) => n + 1),
    onOpen: () => setChannelOpens((n) => n + 1),
  });
  const members = useMentionable(timelineId, user.id, channelOpens);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const [threadFilter, setThreadFilter] = useState<TThreadFilter>("all");
  const [selectedThread, setSelectedThread] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ threadId: string; seq: number } | null>(null);
  const [statusFilter, setStatusFilter] = useState<TStatusFilter>("all");
  const [previewOpen, setPreviewOpen] = useState(false);
  // Version history (issue 15): the panel takes the comments' column, so one of the two is open at a time.
  const [historyOpen, setHistoryOpen] = useState(false);
  const history = useVersionHistory(timelineId, historyOpen);
  // Not while the role is being checked again: the page offers nothing the server might refuse.
  const canWrite = !readOnly && role !== null && canEdit(role);
  // A version open or compared takes the live timeline's place while the panel is open.
  const versionShown = historyOpen && history.shown !== null;

  const threadsByEntry = useMemo(() => {
    const map = new Map<string, TThread[]>();
    for (const t of threads ?? []) map.set(t.entryId, [...(map.get(t.entryId) ?? []), t]);
    return map;
  }, [threads]);
  const openThreads = useMemo(() => {
    const map = new Map<string, number>();
    for (const t of threads ?? []) if (!t.resolved) map.set(t.entryId, (map.get(t.entryId) ?? 0) + 1);
    return map;
  }, [threads]);
  const openCount = useMemo(() => (threads ?? []).filter((t) => !t.resolved).length, [threads]);
  const shownEntries = useMemo(
    () => (statusFilter === "all" ? entries : entries.filter((e) => e.status === statusFilter)),
    [entries, statusFilter],
  );

  const leave = useCallback(async () => {
    // Off the socket first: the server closes it (no access) when the membership goes, and the
    // page should go to the dashboard, not show "no access" on the way.
    provider.disconnect();
    try {
      await removeMember(timelineId, user.id);
    } catch (err) {
      provider.connect();
      throw err;
    }
    // Left either way: a local store that cannot be cleared (a broken IndexedDB) must not say otherwise.
    await collab.forgetLocalCopy().catch(() => undefined);
    router.replace("/");
    router.refresh();
  }, [collab, provider, timelineId, user.id, router]);

  // Colleagues see which entry each person is on.
  useEffect(() => {
    provider.awareness.setLocalStateField("entryId", openId);
  }, [provider, openId]);

  const open = useCallback((id: string) => {
    setPanel({ kind: "entry", id });
    // A passage asked for earlier must not be scrolled to again when its entry is reopened.
    setFocus(null);
  }, []);
  const close = useCallback(() => setPanel({ kind: "closed" }), []);

  /** A thread clicked in the sidebar (or reached from the bell): its entry opens, at its passage. */
  const openThread = useCallback(
    (thread: TThread) => {
      setSelectedThread(thread.id);
      if (!collab.entries.get(thread.entryId)) return;
      setPanel({ kind: "entry", id: thread.entryId });
      setStatusFilter((f) => (f === "all" || collab.entries.get(thread.entryId)?.status === f ? f : "all"));
      scrollToCard(thread.entryId);
      // Only an open thread's passage is highlighted, and one whose text is gone is drawn nowhere.
      if (thread.anchor && !thread.resolved && orphanOf(doc, thread, synced) === null) {
        setFocus((f) => ({ threadId: thread.id, seq: (f?.seq ?? 0) + 1 }));
      }
    },
    [collab.entries, doc, synced],
  );

  /** An entry asked for by id (the bell, for a status change): its panel opens and its card is scrolled to. */
  const openEntry = useCallback(
    (entryId: string) => {
      open(entryId);
      setStatusFilter((f) => (f === "all" || collab.entries.get(entryId)?.status === f ? f : "all"));
      scrollToCard(entryId);
    },
    [open, collab.entries],
  );

  /** A thread asked for by id (a highlight clicked, the bell): the sidebar opens on it. */
  const showThread = useCallback(
    (threadId: string) => {
      setCommentsOpen(true);
      setSelectedThread(threadId);
      const thread = threads?.find((t) => t.id === threadId);
      if (thread) setThreadFilter((f) => (matchesFilter(thread, f, user.id) ? f : "all"));
    },
    [threads, user.id],
  );

  // `/t/<id>?thread=<threadId>` (the bell, a mention email) and `/t/<id>?entry=<entryId>` (the bell,
  // a status change): once the threads / the entries are in, open that one. A thread wins over an entry.
  const searchParams = useSearchParams();
  const wantedThread = searchParams.get("thread");
  const wantedEntry = searchParams.get("entry");
  const wanted: TOpenTarget | null = wantedThread
    ? { kind: "thread", threadId: wantedThread }
    : wantedEntry
      ? { kind: "entry", entryId: wantedEntry }
      : null;
  const wantedKey = wantedThread ? `thread:${wantedThread}` : wantedEntry ? `entry:${wantedEntry}` : null;
  const [pending, setPending] = useState<TOpenTarget | null>(wanted);
  const [seenWanted, setSeenWanted] = useState(wantedKey);
  if (wantedKey !== seenWanted) {
    setSeenWanted(wantedKey);
    setPending(wanted);
  }
  useEffect(() => {
    const onAsk = (e: Event) => {
      const detail = (e as CustomEvent<TOpenTargetDetail>).detail;
      if (detail?.timelineId === timelineId) setPending(detail.target);
    };
    window.addEventListener(OPEN_TARGET_EVENT, onAsk);
    return () => window.removeEventListener(OPEN_TARGET_EVENT, onAsk);
  }, [timelineId]);
  const entriesReady = synced || entries.length > 0;
  useEffect(() => {
    if (!pending) return;
    if (pending.kind === "thread") {
      if (threads === null || !entriesReady) return;
      setPending(null);
      showThread(pending.threadId);
      const thread = threads.find((t) => t.id === pending.threadId);
      if (thread) openThread(thread);
      return;
    }
    // Not in the local copy yet: wait for the server's, which says whether the entry is still there
    // (the panel then says it was deleted).
    if (!synced && !entries.some((e) => e.id === pending.entryId)) return;
    setPending(null);
    openEntry(pending.entryId);
  }, [pending, threads, entries, entriesReady, synced, showThread, openThread, openEntry]);

  const commenting = useCallback(
    (entryId: string): TEntryCommenting => ({
      timelineId,
      canComment,
      threads: threadsByEntry.get(entryId) ?? NO_THREADS,
      members,
      focus,
      onCreated: putThread,
      onOpenThread: showThread,
      onShowComments: () => setCommentsOpen(true),
    }),
    [timelineId, canComment, threadsByEntry, members, focus, putThread, showThread],
  );

  useEffect(() => {
    if (panel.kind === "closed") return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !(e.target instanceof HTMLElement)) return;
      // Escape in a body or in the comments is theirs (a mention picker, a selection), not the panel's.
      if (!e.target.isContentEditable && !e.target.closest(".comments")) close();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [panel.kind, close]);

  return (
    <div
      className={`workspace${shownPanel.kind === "closed" || versionShown ? "" : " workspace--panel-open"}${commentsOpen ? " workspace--comments-open" : ""}${historyOpen ? " workspace--history-open" : ""}`}
    >
      <div className="workspace__bar">
        <TimelineTitle doc={doc} userId={user.id} readOnly={readOnly} fallback={fallbackTitle} />
        <div className="workspace__status">
          <ConnectionStatus provider={provider} />
          <PresenceBar peers={peers} selfId={user.id} />
          <button
            type="button"
            className={`button comments-toggle${commentsOpen ? " comments-toggle--on" : ""}`}
            onClick={() => {
              setCommentsOpen((o) => !o);
              setHistoryOpen(false);
            }}
            aria-expanded={commentsOpen}
            aria-label={`Comments, ${openCount} open ${openCount === 1 ? "thread" : "threads"}`}
            data-testid="comments-toggle"
          >
            Comments
            {openCount > 0 && <span className="comments-toggle__count">{openCount}</span>}
          </button>
          <NotificationBell refreshKey={bellKey} />
          <button
            type="button"
            className={`button${historyOpen ? " comments-toggle--on" : ""}`}
            onClick={() => {
              setHistoryOpen((o) => !o);
              setCommentsOpen(false);
            }}
            aria-expanded={historyOpen}
            data-testid="history-toggle"
          >
            History
          </button>
          <button
            type="button"
            className={`button${previewOpen ? " preview-toggle--on" : ""}`}
            onClick={() => setPreviewOpen((o) => !o)}
            aria-expanded={previewOpen}
            data-testid="preview-toggle"
          >
            Preview
          </button>
          <DownloadMenu timelineId={timelineId} />
          {role && canEdit(role) && <PublishDialog timelineId={timelineId} doc={doc} />}
          {role && (
            <ShareDialog timelineId={timelineId} role={role} selfId={user.id} onLeave={leave} onOwnRoleChanged={onRoleChanged} />
          )}
        </div>
      </div>
      {readOnlyReason && (
        <p className="notice" role="note" data-testid="read-only-notice">
          {readOnlyReason}
        </p>
      )}
      <StatusSummary entries={entries} filter={statusFilter} onFilter={setStatusFilter} />
      {previewOpen && <TimelinePreview doc={doc} onClose={() => setPreviewOpen(false)} />}
      <div className="workspace__body">
        {versionShown ? (
          <VersionStage timelineId={timelineId} history={history} user={user} canWrite={canWrite} />
        ) : (
          <div className="workspace__timeline">
            {!readOnly && (
              <button type="button" className="button button--primary" onClick={() => setPanel({ kind: "new" })} data-testid="add-entry">
                Add entry
              </button>
            )}
            <EntryTimeline
              entries={shownEntries}
              peers={peers}
              selfId={user.id}
              openId={openId}
              openThreads={openThreads}
              emptyText={entries.length === 0 ? "No entries yet." : "No entries with this status."}
              onOpen={open}
            />
          </div>
        )}
        {shownPanel.kind !== "closed" && !versionShown && (
          <aside className="workspace__panel" data-testid="entry-editor" aria-label="Entry editor">
            {shownPanel.kind === "new" ? (
              <NewEntryForm doc={doc} userId={user.id} onCreated={open} onCancel={close} />
            ) : (
              <EntryEditor
                key={shownPanel.id}
                collab={collab}
                entryId={shownPanel.id}
                user={user}
                readOnly={readOnly}
                commenting={commenting(shownPanel.id)}
                onClose={close}
              />
            )}
          </aside>
        )}
        {historyOpen && (
          <HistoryPanel
            history={history}
            canWrite={canWrite}
            onClose={() => setHistoryOpen(false)}
          />
        )}
        {commentsOpen && (
          <CommentsSidebar
              timelineId={timelineId}
              doc={doc}
              synced={synced}
              threads={threads}
              error={threadsState.error}
              entries={entries}
              selfId={user.id}
              members={members}
              canComment={canComment}
              filter={threadFilter}
              onFilter={setThreadFilter}
              selectedId={selectedThread}
              onOpen={openThread}
              onThread={putThread}
              onComment={putComment}
              onClose={() => setCommentsOpen(false)}
            />
        )}
      </div>
    </div>
  );
}
