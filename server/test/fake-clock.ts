// A clock for tests of timed behaviour (automatic versions, thinning): time moves only when a test
// moves it, and the timers that fall due run in order, each followed by the promises it started.
import type { TClock } from "../collab/extensions/auto-snapshot.ts";

/** A clock that moves only when told to, running due timers in order. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): TClock & { advance(ms: number): Promise<void>; pending(): number } {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => timers.size,
    async advance(ms) {
      const until = now + ms;
      // What the test started before moving the clock finishes first, as it would in real time.
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await settle();
      }
      now = until;
      await settle();
    },
  };
}

