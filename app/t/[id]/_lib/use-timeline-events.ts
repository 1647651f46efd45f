// The timeline's live channel for what is not in the doc (threads, notifications): server-sent
// events from /api/timelines/<id>/events. The server only says what changed; the page refetches.
import { useEffect, useRef } from "react";

export type TTimelineEventHandlers = {
  onThread: () => void;
  onNotifications: () => void;
  /** The stream (re)opened: anything else that may have changed meanwhile can be read again too. */
  onOpen?: () => void;
};

/** EventSource retries by itself after a dropped stream, but not after an HTTP error (a restart mid-deploy answers 502): then we do. */
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * Listens while the page is open. Every (re)open refetches both: whatever changed while the stream
 * was down was not announced.
 */
export function useTimelineEvents(timelineId: string, handlers: TTimelineEventHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MIN_MS;
    let stopped = false;

    const open = () => {
      source = new EventSource(`/api/timelines/${encodeURIComponent(timelineId)}/events`, { withCredentials: true });
      source.onopen = () => {
        delay = RETRY_MIN_MS;
        latest.current.onThread();
        latest.current.onNotifications();
        latest.current.onOpen?.();
      };
      source.addEventListener("thread", () => latest.current.onThread());
      source.addEventListener("notifications", () => latest.current.onNotifications());
      source.onerror = () => {
        if (stopped || !source || source.readyState !== EventSource.CLOSED) return;
        source = null;
        retry = setTimeout(open, delay);
        delay = Math.min(RETRY_MAX_MS, delay * 2);
      };
    };
    open();

    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [timelineId]);
}
