// The signed-in user's role on this timeline, which decides whether the page lets them edit.
import { useEffect, useState } from "react";
import { ApiError, ROLES, getTimeline, type TRole } from "@/app/_lib/api-client";

export type TRoleState =
  | { kind: "loading" }
  | { kind: "ready"; role: TRole; title: string }
  | { kind: "failed"; reason: "unauthenticated" | "forbidden" | "not-found" | "unavailable"; message: string };

// The last role seen per timeline, so a page reloaded while the API is unreachable (a flaky train
// connection) still opens as the user's role instead of read-only.
const ROLE_CACHE_PREFIX = "dateline-role-";

function cachedRole(timelineId: string): TRole | null {
  try {
    const value = window.localStorage.getItem(ROLE_CACHE_PREFIX + timelineId);
    return ROLES.find((r) => r === value) ?? null;
  } catch {
    return null;
  }
}

function cacheRole(timelineId: string, role: TRole): void {
  try {
    window.localStorage.setItem(ROLE_CACHE_PREFIX + timelineId, role);
  } catch {
    // Storage full or disabled: the cache is an optimisation only.
  }
}

export function useTimelineRole(timelineId: string): TRoleState {
  const [state, setState] = useState<TRoleState>({ kind: "loading" });

  useEffect(() => {
    let cancelled = false;
    setState({ kind: "loading" });
    getTimeline(timelineId).then(
      (timeline) => {
        if (cancelled) return;
        cacheRole(timelineId, timeline.role);
        setState({ kind: "ready", role: timeline.role, title: timeline.title });
      },
      (err: unknown) => {
        if (cancelled) return;
        const status = err instanceof ApiError ? err.status : 0;
        const message = err instanceof Error ? err.message : "Could not load the timeline.";
        if (status === 401) setState({ kind: "failed", reason: "unauthenticated", message });
        else if (status === 403) setState({ kind: "failed", reason: "forbidden", message });
        else if (status === 404) setState({ kind: "failed", reason: "not-found", message });
        else {
          const role = cachedRole(timelineId);
          setState(role ? { kind: "ready", role, title: "" } : { kind: "failed", reason: "unavailable", message });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [timelineId]);

  return state;
}
