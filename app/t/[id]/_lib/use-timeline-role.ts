// The signed-in user's role on this timeline, which decides whether the page lets them edit.
import { useEffect, useState } from "react";
import { ApiError, ROLES, getTimeline, type TRole } from "@/app/_lib/api-client";

export type TRoleState =
  | { kind: "loading" }
  | {
      kind: "ready";
      role: TRole;
      title: string;
      /** False from the moment the server says the role changed until the new one is read. */
      settled: boolean;
    }
  | { kind: "failed"; reason: "unauthenticated" | "forbidden" | "not-found" | "unavailable"; message: string };

// The last role seen per timeline, so a page reloaded while the API is unreachable (a flaky train
// connection) still opens as the user's role instead of read-only.
const ROLE_CACHE_PREFIX = "dateline-role-";

function cachedRole(cacheKey: string): TRole | null {
  try {
    const value = window.localStorage.getItem(ROLE_CACHE_PREFIX + cacheKey);
    return ROLES.find((r) => r === value) ?? null;
  } catch {
    return null;
  }
}

function cacheRole(cacheKey: string, role: TRole): void {
  try {
    window.localStorage.setItem(ROLE_CACHE_PREFIX + cacheKey, role);
  } catch {
    // Storage full or disabled: the cache is an optimisation only.
  }
}

/**
 * Reads the role when the page opens and again whenever a count in `checks` goes up: `changed` when
 * the server said the role changed, `again` when it may have (a reconnect, a change made from this
 * page). A re-read keeps the current role until the answer comes, so the page does not flash
 * "loading"; after `changed` that role is marked unsettled, and the page offers no edits meanwhile
 * (the server would drop them if the role was lowered).
 */
export function useTimelineRole(timelineId: string, userId: string, checks: { changed: number; again: number }): TRoleState {
  const [state, setState] = useState<TRoleState>({ kind: "loading" });
  const [seen, setSeen] = useState({ timelineId, changed: checks.changed });
  if (seen.timelineId !== timelineId) {
    setSeen({ timelineId, changed: checks.changed });
    setState({ kind: "loading" });
  } else if (seen.changed !== checks.changed) {
    setSeen({ timelineId, changed: checks.changed });
    if (state.kind === "ready") setState({ ...state, settled: false });
  }
  const { changed, again } = checks;

  useEffect(() => {
    let cancelled = false;
    getTimeline(timelineId).then(
      (timeline) => {
        if (cancelled) return;
        cacheRole(`${userId}-${timelineId}`, timeline.role);
        setState({ kind: "ready", role: timeline.role, title: timeline.title, settled: true });
      },
      (err: unknown) => {
        if (cancelled) return;
        const status = err instanceof ApiError ? err.status : 0;
        const message = err instanceof Error ? err.message : "Could not load the timeline.";
        if (status === 401) setState({ kind: "failed", reason: "unauthenticated", message });
        else if (status === 403) setState({ kind: "failed", reason: "forbidden", message });
        else if (status === 404) setState({ kind: "failed", reason: "not-found", message });
        else {
          // Unreachable (a flaky line): keep the role the page already has — unsettled, so read-only,
          // if the server said it changed — or else the last one seen here, unless it just changed.
          const cached = changed === 0 ? cachedRole(`${userId}-${timelineId}`) : null;
          setState((prev) => {
            if (prev.kind === "ready") return prev;
            return cached ? { kind: "ready", role: cached, title: "", settled: true } : { kind: "failed", reason: "unavailable", message };
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [timelineId, userId, changed, again]);

  return state;
}
