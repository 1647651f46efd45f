"use client";

import { useMemo } from "react";
import { tryParsePartialDate, yearLabel } from "@/lib/timeline/dates";
import type { TEntry } from "@/lib/timeline/schema";
import type { TPeer, TPresenceUser } from "../_lib/presence";
import { EntryCard } from "./entry-card";

type TYearGroup = { key: string; year: number | null; entries: TEntry[] };

// Entries arrive sorted, so a year's entries are consecutive. Entries whose start is not a date
// (written by another client) sort last and get a group of their own.
function groupByYear(entries: readonly TEntry[]): TYearGroup[] {
  const groups: TYearGroup[] = [];
  for (const entry of entries) {
    const parsed = tryParsePartialDate(entry.start);
    const year = parsed.ok ? parsed.date.year : null;
    const last = groups.at(-1);
    if (last && last.year === year) last.entries.push(entry);
    else groups.push({ key: year === null ? "undated" : String(year), year, entries: [entry] });
  }
  return groups;
}

const NO_VIEWERS: readonly TPresenceUser[] = [];

export function EntryTimeline({
  entries,
  peers,
  selfId,
  openId,
  openThreads,
  emptyText,
  onOpen,
}: {
  entries: readonly TEntry[];
  peers: readonly TPeer[];
  selfId: string;
  openId: string | null;
  /** Unresolved comment threads per entry id. */
  openThreads: ReadonlyMap<string, number>;
  /** What an empty list says (no entries yet, or none of this status). */
  emptyText: string;
  onOpen: (id: string) => void;
}) {
  const groups = useMemo(() => groupByYear(entries), [entries]);

  const viewersByEntry = useMemo(() => {
    const map = new Map<string, TPresenceUser[]>();
    for (const peer of peers) {
      if (peer.entryId === null || peer.user.id === selfId) continue;
      const list = map.get(peer.entryId) ?? [];
      if (!list.some((u) => u.id === peer.user.id)) list.push(peer.user);
      map.set(peer.entryId, list);
    }
    return map;
  }, [peers, selfId]);

  if (entries.length === 0) {
    return <p className="empty-timeline muted">{emptyText}</p>;
  }

  return (
    <div className="timeline">
      {groups.map((group) => (
        <section key={group.key} className="year-group" data-testid="year-group" data-year={group.year ?? "undated"}>
          <h2 className="year-group__heading">{group.year === null ? "Date not readable" : yearLabel(group.year)}</h2>
          <ol className="year-group__entries">
            {group.entries.map((entry) => (
              <EntryCard
                key={entry.id}
                entry={entry}
                viewers={viewersByEntry.get(entry.id) ?? NO_VIEWERS}
                selected={entry.id === openId}
                openThreads={openThreads.get(entry.id) ?? 0}
                onOpen={onOpen}
              />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
