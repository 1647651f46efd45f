// Server-sent events from the bus to one open page: what GET /api/timelines/:id/events streams.
// Kept here, away from the route handler, so it is testable without Next.
import type { TBusEvent, TEventBus } from "./bus.ts";

export type TSseMessage = { event: string; data: object };
/** What a filter makes of a bus event: a message for the page, nothing, or the end of the stream. */
export type TSseVerdict = TSseMessage | null | "close";

/** Proxies and load balancers close a connection that is silent for a minute or so. */
export const PING_MS = 25_000;
/** How soon EventSource reconnects after the stream drops (a deploy, a proxy timeout). */
export const RETRY_MS = 3_000;

export function formatSse(message: TSseMessage): string {
  return `event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

/**
 * A text/event-stream body: `filter` picks and shapes the events this page may hear. The stream
 * unsubscribes and stops pinging when the request is aborted (the page closed) or the body is
 * cancelled, so a closed tab leaves no listener behind.
 */
export function sseStream(
  bus: TEventBus,
  filter: (event: TBusEvent) => TSseVerdict,
  signal: AbortSignal,
  opts: { pingMs?: number } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = (): void => undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string): void => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const unsubscribe = bus.subscribe((event) => {
        const verdict = filter(event);
        if (verdict === "close") onAbort();
        else if (verdict) send(formatSse(verdict));
      });
      const ping = setInterval(() => send(": ping\n\n"), opts.pingMs ?? PING_MS);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(ping);
        signal.removeEventListener("abort", onAbort);
      };
      const onAbort = (): void => {
        stop();
        controller.close();
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener("abort", onAbort);
      send(`retry: ${RETRY_MS}\n\n`);
    },
    cancel() {
      stop();
    },
  });
}

/**
 * The events of one timeline's page: its threads' changes, and the notifications of the user who
 * opened it. Clients refetch what changed, so the data says which thread, not what it says. Access
 * is checked when the stream opens; removing the user from the timeline ends it.
 */
export function timelinePageEvents(timelineId: string, userId: string): (event: TBusEvent) => TSseVerdict {
  return (event) => {
    if (event.kind === "access-removed" && event.timelineId === timelineId && event.userId === userId) return "close";
    if (event.kind === "threads" && event.timelineId === timelineId) return { event: "thread", data: { threadId: event.threadId, entryId: event.entryId } };
    if (event.kind === "notifications" && event.userId === userId) return { event: "notifications", data: {} };
    return null;
  };
}
