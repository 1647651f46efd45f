// The server-sent event stream behind GET /api/timelines/:id/events, read as a browser would.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TBusEvent, TEventBus } from "./bus.ts";
import { PING_MS, sseStream, timelinePageEvents } from "./sse.ts";

// A bus that shows who is still listening.
function countingBus(): TEventBus & { listeners: Set<(e: TBusEvent) => void> } {
  const listeners = new Set<(e: TBusEvent) => void>();
  return {
    listeners,
    publish: (e) => listeners.forEach((l) => l(e)),
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    healthy: async () => null,
    close: async () => listeners.clear(),
  };
}

function open(bus: TEventBus, signal = new AbortController().signal) {
  const reader = sseStream(bus, timelinePageEvents("t1", "u1"), signal).getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    reader,
    /** Reads until the stream has sent `what` (or ends), and answers everything so far. */
    async until(what: string): Promise<string> {
      while (!text.includes(what)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("timeline events stream", () => {
  it("starts with the reconnect delay, then sends this timeline's thread changes and the caller's notifications only", async () => {
    const bus = countingBus();
    const stream = open(bus);
    expect(await stream.until("\n\n")).toBe("retry: 3000\n\n");
    bus.publish({ kind: "threads", timelineId: "other", threadId: "x", entryId: "y" });
    bus.publish({ kind: "notifications", userId: "someone else" });
    bus.publish({ kind: "threads", timelineId: "t1", threadId: "th1", entryId: "e1" });
    bus.publish({ kind: "notifications", userId: "u1" });
    const text = await stream.until("event: notifications");
    expect(text).toBe('retry: 3000\n\nevent: thread\ndata: {"threadId":"th1","entryId":"e1"}\n\nevent: notifications\ndata: {}\n\n');
  });

  it("pings every 25 seconds so proxies keep the connection", async () => {
    vi.useFakeTimers();
    const stream = open(countingBus());
    await stream.until("retry");
    vi.advanceTimersByTime(PING_MS);
    expect(await stream.until(": ping")).toBe("retry: 3000\n\n: ping\n\n");
    expect(PING_MS).toBe(25_000);
  });

  it("unsubscribes and stops pinging when the request is aborted", async () => {
    vi.useFakeTimers();
    const bus = countingBus();
    const abort = new AbortController();
    const stream = open(bus, abort.signal);
    await stream.until("retry");
    expect([bus.listeners.size, vi.getTimerCount()]).toEqual([1, 1]);
    abort.abort();
    expect([bus.listeners.size, vi.getTimerCount()]).toEqual([0, 0]);
    expect((await stream.reader.read()).done).toBe(true);
    bus.publish({ kind: "notifications", userId: "u1" });
  });

  it("unsubscribes and stops pinging when the body is cancelled", async () => {
    vi.useFakeTimers();
    const bus = countingBus();
    const stream = open(bus);
    await stream.until("retry");
    await stream.reader.cancel();
    expect([bus.listeners.size, vi.getTimerCount()]).toEqual([0, 0]);
  });

  it("ends when the user is removed from the timeline, and only then", async () => {
    const bus = countingBus();
    const stream = open(bus);
    await stream.until("retry");
    bus.publish({ kind: "access-removed", timelineId: "t1", userId: "someone else" });
    bus.publish({ kind: "access-removed", timelineId: "other", userId: "u1" });
    expect(bus.listeners.size).toBe(1);
    bus.publish({ kind: "access-removed", timelineId: "t1", userId: "u1" });
    expect(bus.listeners.size).toBe(0);
    expect((await stream.reader.read()).done).toBe(true);
  });

  it("sends nothing and holds nothing for a request aborted before it started", async () => {
    const bus = countingBus();
    const abort = new AbortController();
    abort.abort();
    const stream = open(bus, abort.signal);
    expect(await stream.until("never")).toBe("");
    expect(bus.listeners.size).toBe(0);
  });
});
