"use client";

import { memo } from "react";
import { entryDateLabel } from "@/lib/timeline/dates";
import type { TEntry, TStatus } from "@/lib/timeline/schema";
import type { TPresenceUser } from "../_lib/presence";

export const STATUS_LABEL: Record<TStatus, string> = {
  draft: "Draft",
  "needs-review": "Needs review",
  verified: "Verified",
  disputed: "Disputed",
};

/** One entry on the timeline. Memoised: the entries store keeps unchanged entries' identity. */
export const EntryCard = memo(function EntryCard({
  entry,
  viewers,
  selected,
  openThreads,
  onOpen,
}: {
  entry: TEntry;
  /** Colleagues who have this entry open. */
  viewers: readonly TPresenceUser[];
  selected: boolean;
  /** Unresolved comment threads on this entry. */
  openThreads: number;
  onOpen: (id: string) => void;
}) {
  return (
    <li className="entry">
      <button
        type="button"
        className={`entry-card${selected ? " entry-card--selected" : ""}`}
        onClick={() => onOpen(entry.id)}
        aria-current={selected ? "true" : undefined}
        data-testid="entry-card"
        data-entry-id={entry.id}
      >
        <span className="entry-card__top">
          <span className="entry-card__date" data-testid="entry-card-date">
            {entryDateLabel(entry)}
          </span>
          <span className="entry-card__marks">
            {openThreads > 0 && (
              <span
                className="entry-card__threads"
                role="img"
                aria-label={`${openThreads} open comment ${openThreads === 1 ? "thread" : "threads"}`}
                title={`${openThreads} open comment ${openThreads === 1 ? "thread" : "threads"}`}
                data-testid="entry-thread-count"
              >
                {openThreads}
              </span>
            )}
            <span className={`status status--${entry.status}`} data-testid="entry-card-status">
              {STATUS_LABEL[entry.status]}
            </span>
          </span>
        </span>
        <span className="entry-card__headline" data-testid="entry-card-headline">
          {entry.headline || <span className="muted">Untitled entry</span>}
        </span>
        {(entry.group || entry.tags.length > 0 || viewers.length > 0) && (
          <span className="entry-card__bottom">
            {entry.group && <span className="entry-card__group">{entry.group}</span>}
            {entry.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
            {viewers.length > 0 && (
              <span className="entry-card__viewers" aria-label={`Open by ${viewers.map((v) => v.name).join(", ")}`}>
                {viewers.map((v) => (
                  <span key={v.id} className="presence__dot" style={{ backgroundColor: v.color }} title={v.name} />
                ))}
              </span>
            )}
          </span>
        )}
      </button>
    </li>
  );
});
