// The timeline's comment threads, read from the API and read again whenever the live channel says
// one changed. Threads are rows on the server, not part of the doc.
import { useCallback, useEffect, useRef, useState } from "react";
import { listThreads, type TComment, type TThread } from "@/app/_lib/fact-check-client";

export type TThreadsState = {
  /** null until the first answer. */
  threads: readonly TThread[] | null;
  error: string | null;
  /** Reads the list again; calls made while a read is under way coalesce into one more read. */
  refresh: () => void;
  /**
   * Puts a thread the API just returned in place, before the live channel's refetch arrives. The
   * server announces a change before answering the request that made it, so that refetch may have
   * landed first: a copy older than the one shown (by `updatedAt`) is dropped, and so is an answer
   * for another timeline or one arriving after this mount ended.
   */
  put: (thread: TThread) => void;
  /**
   * Merges one comment the API just returned (a reply, an edit, a deletion) into its thread as it
   * is now, keeping whatever else arrived meanwhile (a colleague's reply). A copy shown that is
   * newer stays: a deleted comment stays deleted, a later edit (by `editedAt`) is not undone.
   */
  putComment: (comment: TComment) => void;
};

/** Whether the copy shown is newer than one an answer brings: a deletion is final, then the later edit wins. */
function shownIsNewer(shown: TComment, answer: TComment): boolean {
  if (shown.deleted) return true;
  if (answer.deleted) return false;
  if (shown.editedAt === null) return false;
  return answer.editedAt === null || shown.editedAt > answer.editedAt;
}

function withComment(thread: TThread, comment: TComment): TThread {
  const at = thread.comments.findIndex((c) => c.id === comment.id);
  if (at < 0) {
    const comments = [...thread.comments, comment].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { ...thread, comments };
  }
  // The live refetch may have brought a later state first: a deletion (final, a slower answer of an
  // earlier edit does not bring the text back) or a later edit (by `editedAt`), which stays.
  if (shownIsNewer(thread.comments[at], comment)) return thread;
  return { ...thread, comments: thread.comments.map((c, i) => (i === at ? comment : c)) };
}

export function useThreads(timelineId: string): TThreadsState {
  const [threads, setThreads] = useState<readonly TThread[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  // Bumped on unmount (and on Strict Mode's remount): answers of an earlier mount are dropped.
  const generation = useRef(0);
  // The timeline this mount shows, null once unmounted. `put` and `putComment` are called with the
  // answer of a request made earlier, through the callback of the render that made it: one handed
  // out for another timeline, or by a mount that has ended, drops its answer.
  const live = useRef<string | null>(null);

  const refresh = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    const gen = generation.current;
    const run = () => {
      again.current = false;
      listThreads(timelineId)
        .then(
          (list) => {
            if (gen !== generation.current) return;
            setThreads(list);
            setError(null);
          },
          (err: unknown) => {
            if (gen === generation.current) setError(err instanceof Error ? err.message : "Could not load the comments.");
          },
        )
        .finally(() => {
          if (gen !== generation.current) return;
          if (again.current) run();
          else inFlight.current = false;
        });
    };
    run();
  }, [timelineId]);

  useEffect(() => {
    live.current = timelineId;
    refresh();
    return () => {
      generation.current += 1;
      live.current = null;
      inFlight.current = false;
      again.current = false;
    };
  }, [refresh, timelineId]);

  const put = useCallback(
    (thread: TThread) => {
      if (live.current !== timelineId || thread.timelineId !== timelineId) return;
      setThreads((list) => {
        const current = list ?? [];
        const shown = current.find((t) => t.id === thread.id);
        if (!shown) return [...current, thread];
        if (shown.updatedAt > thread.updatedAt) return current;
        return current.map((t) => (t.id === thread.id ? thread : t));
      });
    },
    [timelineId],
  );

  const putComment = useCallback(
    (comment: TComment) => {
      if (live.current !== timelineId) return;
      // A thread not listed yet comes with the refetch the server announced, comment included.
      setThreads((list) => list && list.map((t) => (t.id === comment.threadId ? withComment(t, comment) : t)));
    },
    [timelineId],
  );

  return { threads, error, refresh, put, putComment };
}
