// Live events for what is not in the Y.Doc (comment threads, notifications): published by use-cases,
// delivered to the open pages of every instance. In one process it is an in-memory fan-out; with
// REDIS_URL every instance publishes to one Redis channel and delivers what it receives, so a page
// connected to instance B hears of a reply posted through instance A.
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import { z } from "zod";
import type { TLogger } from "../log.ts";

export const ZBusEvent = z.discriminatedUnion("kind", [
  /** A thread of a timeline was created, replied to, edited, resolved or reopened. */
  z.object({ kind: z.literal("threads"), timelineId: z.string(), threadId: z.string(), entryId: z.string() }),
  /** A user's notifications changed (a new one, or some were read). */
  z.object({ kind: z.literal("notifications"), userId: z.string() }),
  /** A user lost access to a timeline: their open event streams of it end. */
  z.object({ kind: z.literal("access-removed"), timelineId: z.string(), userId: z.string() }),
]);
export type TBusEvent = z.infer<typeof ZBusEvent>;

export interface TEventBus {
  publish(event: TBusEvent): void;
  /** Calls `listener` with every event of every instance; returns the unsubscribe function. */
  subscribe(listener: (event: TBusEvent) => void): () => void;
  /** null without Redis; otherwise whether it answers. */
  healthy(): Promise<boolean | null>;
  close(): Promise<void>;
}

/** Channel every instance shares. */
export const BUS_CHANNEL = "dateline:events";

/** Many pages listen; Node's default of 10 listeners would warn of a leak at the eleventh. */
const MAX_LISTENERS = 0;

export function localEventBus(): TEventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(MAX_LISTENERS);
  return {
    publish: (event) => emitter.emit("event", event),
    subscribe(listener) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    },
    healthy: async () => null,
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

/**
 * Events are delivered here at once and published to Redis tagged with this instance's id; what
 * comes back from Redis with our own id is skipped, the rest delivered. A Redis outage delays other
 * instances' pages (they refetch when their stream reconnects) but never this instance's.
 */
export function redisEventBus(url: string, log: TLogger): TEventBus {
  const instance = crypto.randomUUID();
  const local = localEventBus();
  // ioredis connects in the background and retries for ever with backoff (the subscriber
  // re-subscribes by itself), so a Redis that is down at start delays other instances' events
  // without stopping this one; /api/health reports it meanwhile.
  const pub = new Redis(url, { maxRetriesPerRequest: 2 });
  const sub = new Redis(url);
  for (const [name, client] of [["publisher", pub], ["subscriber", sub]] as const) {
    client.on("error", (err: Error) => log.warn({ err: err.message, client: name }, "redis error"));
  }
  sub.subscribe(BUS_CHANNEL).catch((err: unknown) => log.error({ err: (err as Error).message }, "could not subscribe to the redis channel"));
  sub.on("message", (_channel: string, raw: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      log.warn("ignored a malformed event on the redis channel");
      return;
    }
    const message = z.object({ from: z.string(), event: ZBusEvent }).safeParse(parsed);
    if (!message.success) {
      log.warn("ignored a malformed event on the redis channel");
      return;
    }
    if (message.data.from !== instance) local.publish(message.data.event);
  });
  return {
    publish(event) {
      local.publish(event);
      pub.publish(BUS_CHANNEL, JSON.stringify({ from: instance, event })).catch((err: unknown) => {
        log.warn({ err: (err as Error).message }, "could not publish an event to redis");
      });
    },
    subscribe: local.subscribe,
    async healthy() {
      try {
        return (await pub.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    async close() {
      await local.close();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
