// The event bus: in one process, and across instances through the real Redis.
import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../log.ts";
import { waitFor } from "../test/harness.ts";
import { BUS_CHANNEL, localEventBus, redisEventBus, type TBusEvent, type TEventBus } from "./bus.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const log = createLogger("silent");

// Other suites and instances may share this Redis: each test listens for ids of its own.
const note = (): TBusEvent => ({ kind: "notifications", userId: crypto.randomUUID() });
const thread = (): TBusEvent => ({ kind: "threads", timelineId: crypto.randomUUID(), threadId: "th", entryId: "en" });

function recorder(bus: TEventBus): { events: TBusEvent[]; count(e: TBusEvent): number; stop(): void } {
  const events: TBusEvent[] = [];
  const stop = bus.subscribe((e) => events.push(e));
  return { events, count: (e) => events.filter((x) => JSON.stringify(x) === JSON.stringify(e)).length, stop };
}

describe("local event bus", () => {
  it("delivers every event to every subscriber at once, until they unsubscribe", () => {
    const bus = localEventBus();
    const a = recorder(bus);
    const b = recorder(bus);
    const first = note();
    bus.publish(first);
    expect([a.count(first), b.count(first)]).toEqual([1, 1]);
    b.stop();
    const second = thread();
    bus.publish(second);
    expect([a.count(second), b.count(second)]).toEqual([1, 0]);
  });

  it("reports no Redis to the health check", async () => {
    expect(await localEventBus().healthy()).toBeNull();
  });
});

describe("redis event bus", () => {
  const buses: TEventBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it("delivers each instance's events to the other exactly once, and to itself once, at once", async () => {
    const one = redisEventBus(REDIS_URL, log);
    const two = redisEventBus(REDIS_URL, log);
    buses.push(one, two);
    const atOne = recorder(one);
    const atTwo = recorder(two);
    // Both subscribers are connected once a probe from each has crossed.
    for (const [from, to] of [[one, atTwo], [two, atOne]] as const) {
      await waitFor(() => {
        const probe = note();
        from.publish(probe);
        return new Promise((r) => setTimeout(() => r(to.count(probe) > 0), 50));
      }, "the redis subscription");
    }
    expect(await one.healthy()).toBe(true);

    const fromOne = thread();
    const fromTwo = note();
    one.publish(fromOne);
    expect(atOne.count(fromOne)).toBe(1); // locally, before Redis answers
    two.publish(fromTwo);
    expect(atTwo.count(fromTwo)).toBe(1);
    await waitFor(() => atTwo.count(fromOne) === 1 && atOne.count(fromTwo) === 1, "the events across instances");
    // Sentinels published after them come back in order on each subscriber: by the time they arrive,
    // any echo or duplicate of the events above would have too.
    const sentinelOne = note();
    const sentinelTwo = note();
    one.publish(sentinelOne);
    two.publish(sentinelTwo);
    await waitFor(() => atOne.count(sentinelTwo) === 1 && atTwo.count(sentinelOne) === 1, "the sentinels");
    expect([atOne.count(fromOne), atTwo.count(fromOne), atOne.count(fromTwo), atTwo.count(fromTwo)]).toEqual([1, 1, 1, 1]);
    expect([atOne.count(sentinelOne), atTwo.count(sentinelTwo)]).toEqual([1, 1]);
  });

  it("ignores malformed messages on the channel", async () => {
    const bus = redisEventBus(REDIS_URL, log);
    buses.push(bus);
    const seen = recorder(bus);
    const { Redis } = await import("ioredis");
    const raw = new Redis(REDIS_URL);
    try {
      await waitFor(async () => {
        const probe = note();
        await raw.publish(BUS_CHANNEL, JSON.stringify({ from: "elsewhere", event: probe }));
        return new Promise((r) => setTimeout(() => r(seen.count(probe) > 0), 50));
      }, "the redis subscription");
      const before = seen.events.length;
      await raw.publish(BUS_CHANNEL, "{not json");
      await raw.publish(BUS_CHANNEL, JSON.stringify({ from: "elsewhere", event: { kind: "threads", timelineId: 3 } }));
      const after = note();
      await raw.publish(BUS_CHANNEL, JSON.stringify({ from: "elsewhere", event: after }));
      await waitFor(() => seen.count(after) === 1, "the valid event after the malformed ones");
      expect(seen.events.slice(before).filter((e) => e.kind === "threads" && typeof e.timelineId !== "string")).toEqual([]);
    } finally {
      raw.disconnect();
    }
  });
});
