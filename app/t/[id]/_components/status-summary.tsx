"use client";

import type { TEntry, TStatus } from "@/lib/timeline/schema";
import { STATUS_OPTIONS, parseStatus } from "../_lib/entry-fields";
import { Options } from "./fields";

export type TStatusFilter = TStatus | "all";

function parseStatusFilter(value: string): TStatusFilter {
  return parseStatus(value) ?? "all";
}

/** "14 verified · 3 need review · 1 disputed": what a desk wants to know before publishing. */
function statusCountsText(entries: readonly TEntry[]): string {
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
          <Options options={STATUS_OPTIONS} />
        </select>
      </label>
    </div>
  );
}
