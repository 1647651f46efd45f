"use client";

import { STATUSES, type TEntry, type TStatus } from "@/lib/timeline/schema";
import { STATUS_LABEL } from "./entry-card";

export type TStatusFilter = TStatus | "all";

export function parseStatusFilter(value: string): TStatusFilter {
  return STATUSES.find((s) => s === value) ?? "all";
}

/** "14 verified · 3 need review · 1 disputed": what a desk wants to know before publishing. */
export function statusCountsText(entries: readonly TEntry[]): string {
  const count = (status: TStatus) => entries.filter((e) => e.status === status).length;
  const review = count("needs-review");
  return `${count("verified")} verified · ${review} ${review === 1 ? "needs" : "need"} review · ${count("disputed")} disputed`;
}

export function StatusSummary({
  entries,
  filter,
  onFilter,
}: {
  entries: readonly TEntry[];
  filter: TStatusFilter;
  onFilter: (filter: TStatusFilter) => void;
}) {
  return (
    <div className="status-summary">
      <p className="status-summary__counts" data-testid="status-counts">
        {statusCountsText(entries)}
      </p>
      <label className="status-summary__filter">
        <span className="field__label">Show</span>
        <select value={filter} onChange={(e) => onFilter(parseStatusFilter(e.target.value))} data-testid="status-filter">
          <option value="all">All entries</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
