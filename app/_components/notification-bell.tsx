"use client";

import { FieldError } from "@/app/t/[id]/_components/fields";
import { usePopoverDismiss } from "@/app/_lib/use-popover-dismiss";
import { Stamp } from "@/app/_components/stamp";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "@/app/_lib/api-client";
import {
  listNotifications,
  markNotificationsRead,
  type TNotification,
  type TNotifications,
} from "@/app/_lib/fact-check-client";

/**
 * Asked of the timeline page when the bell points at a thread or an entry of the timeline already
 * open: the URL may not change (the same notification twice), so the page is told directly too.
 */
export const OPEN_TARGET_EVENT = "dateline:open-target";
export type TOpenTarget = { kind: "thread"; threadId: string } | { kind: "entry"; entryId: string };
export type TOpenTargetDetail = { timelineId: string; target: TOpenTarget };

/** What a notification points at: its thread (a mention, a reply), else its entry (a status change). */
export function notificationTarget(n: Pick<TNotification, "threadId" | "entryId">): TOpenTarget | null {
  if (n.threadId) return { kind: "thread", threadId: n.threadId };
  if (n.entryId) return { kind: "entry", entryId: n.entryId };
  return null;
}

/** `/t/<id>?thread=<threadId>` or `/t/<id>?entry=<entryId>`: the timeline page opens that thread or entry. */
export function targetHref(timelineId: string, target: TOpenTarget | null): string {
  const base = `/t/${encodeURIComponent(timelineId)}`;
  if (!target) return base;
  return target.kind === "thread"
    ? `${base}?thread=${encodeURIComponent(target.threadId)}`
    : `${base}?entry=${encodeURIComponent(target.entryId)}`;
}

/** Where no live channel tells the bell (the dashboard), it asks this often, and whenever the tab comes back. */
const POLL_MS = 30_000;


/**
 * The bell: mentions, replies in one's threads and status changes of one's entries, with the unread
 * count. `refreshKey` going up reads the list again (the timeline page's live channel says when);
 * with `poll`, it reads every half minute.
 */
export function NotificationBell({ refreshKey = 0, poll = false }: { refreshKey?: number; poll?: boolean }) {
  const router = useRouter();
  const [data, setData] = useState<TNotifications | null>(null);
  const [open, setOpen] = useState(false);
  const closePopover = useCallback(() => setOpen(false), []);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // Reads overlap (the poll, the live channel, opening the panel) and may answer out of order: only
  // the latest one's answer is shown, and marking read drops any read begun before it.
  const latest = useRef(0);
  const load = useCallback(() => {
    const seq = ++latest.current;
    listNotifications().then(
      (found) => {
        if (seq !== latest.current) return;
        setData(found);
        setError(null);
      },
      (err: unknown) => {
        // Signed out: the page around the bell deals with that.
        if (seq !== latest.current || (err instanceof ApiError && err.status === 401)) return;
        setError(err instanceof Error ? err.message : "Could not load notifications.");
      },
    );
  }, []);

  useEffect(load, [load, refreshKey]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") load();
    };
    document.addEventListener("visibilitychange", onVisible);
    const timer = poll ? setInterval(load, POLL_MS) : undefined;
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(timer);
    };
  }, [load, poll]);

  usePopoverDismiss(open, closePopover, rootRef, buttonRef);

  const markRead = async (which: { ids: string[] } | { all: true }) => {
    latest.current += 1;
    setData((d) => d && {
      unread: "all" in which ? 0 : d.notifications.filter((n) => !n.read && !which.ids.includes(n.id)).length,
      notifications: d.notifications.map((n) => ("all" in which || which.ids.includes(n.id) ? { ...n, read: true } : n)),
    });
    try {
      const unread = await markNotificationsRead(which);
      setData((d) => d && { ...d, unread });
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not mark as read.");
      load();
    }
  };

  const go = (n: TNotification) => {
    setOpen(false);
    if (!n.read) void markRead({ ids: [n.id] });
    const target = notificationTarget(n);
    router.push(targetHref(n.timelineId, target));
    if (target) {
      window.dispatchEvent(new CustomEvent<TOpenTargetDetail>(OPEN_TARGET_EVENT, { detail: { timelineId: n.timelineId, target } }));
    }
  };

  const unread = data?.unread ?? 0;
  const list = data?.notifications ?? [];

  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button bell__button"
        onClick={() => {
          if (!open) load();
          setOpen((o) => !o);
        }}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        data-testid="bell"
      >
        <svg className="bell__icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <path d="M10 2a5 5 0 0 0-5 5v3.2L3.4 13a.7.7 0 0 0 .6 1h12a.7.7 0 0 0 .6-1L15 10.2V7a5 5 0 0 0-5-5Zm-2 13a2 2 0 0 0 4 0H8Z" fill="currentColor" />
        </svg>
        {unread > 0 && (
          <span className="bell__count" data-testid="bell-count">
            {unread}
          </span>
        )}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {unread > 0 ? `${unread} unread ${unread === 1 ? "notification" : "notifications"}` : ""}
      </span>
      {open && (
        <div className="bell__panel" id={panelId} role="region" aria-label="Notifications" data-testid="notification-list">
          <div className="bell__head">
            <h2 className="bell__title">Notifications</h2>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void markRead({ all: true })}
              disabled={unread === 0}
              data-testid="mark-all-read"
            >
              Mark all read
            </button>
          </div>
          <FieldError error={error ?? undefined} />
          {data === null ? (
            !error && <p className="muted bell__empty">Loading…</p>
          ) : list.length === 0 ? (
            <p className="muted bell__empty">Nothing yet. Mentions, replies and status changes of your entries show here.</p>
          ) : (
            <ul className="bell__list">
              {list.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className={`bell__item${n.read ? "" : " bell__item--unread"}`}
                    onClick={() => go(n)}
                    data-testid="notification"
                    data-read={n.read ? "true" : "false"}
                  >
                    <span className="bell__text">{n.text}</span>
                    <span className="bell__meta">
                      {n.timelineTitle} ·{" "}
                      <Stamp at={n.createdAt} />
                      {!n.read && <span className="visually-hidden"> (unread)</span>}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
