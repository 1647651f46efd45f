// The timeline's comment threads, read from the API and read again whenever the live channel says
// one changed. Threads are rows on the server, not part of the doc.
import { useCallback, useEffect, useRef, useState } from "react";
import { listThreads, type TThread } from "@/app/_lib/fact-check-client";

export type TThreadsState = {
  /** null until the first answer. */
  threads: readonly TThread[] | null;
  error: string | null;
  /** Reads the list again; calls made while a read is under way coalesce into one more read. */
  refresh: () => void;
  /** Puts a thread the API just returned in place, before the live channel's refetch arrives. */
  put: (thread: TThread) => void;
};

export function useThreads(timelineId: string): TThreadsState {
  const [threads, setThreads] = useState<readonly TThread[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);

  const refresh = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    const run = () => {
      again.current = false;
      listThreads(timelineId).then(
        (list) => {
          if (!alive.current) return;
          setThreads(list);
          setError(null);
        },
        (err: unknown) => {
          if (alive.current) setError(err instanceof Error ? err.message : "Could not load the comments.");
        },
      ).finally(() => {
        if (alive.current && again.current) run();
        else inFlight.current = false;
      });
    };
    run();
  }, [timelineId]);

  useEffect(() => {
    alive.current = true;
    refresh();
    return () => {
      alive.current = false;
      inFlight.current = false;
    };
  }, [refresh]);

  const put = useCallback((thread: TThread) => {
    setThreads((list) => {
      const current = list ?? [];
      return current.some((t) => t.id === thread.id) ? current.map((t) => (t.id === thread.id ? thread : t)) : [...current, thread];
    });
  }, []);

  return { threads, error, refresh, put };
}
