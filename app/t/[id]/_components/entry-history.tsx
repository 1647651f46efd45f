"use client";

import { FieldError } from "./fields";
import { Stamp } from "@/app/_components/stamp";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { listEntryHistory, type TEntryChange } from "@/app/_lib/fact-check-client";
import { entriesMap } from "@/lib/timeline/schema";
import { OldNew } from "./verification-section";
import { HISTORY_QUIET_MS } from "@/lib/protocol/limits";

const FIELD_LABEL: Record<string, string> = {
  start: "date",
  end: "end date",
  qualifier: "qualifier",
  displayDate: "display date",
  headline: "headline",
  body: "body",
  media: "media",
  background: "background",
  sources: "sources",
  group: "group",
  tags: "tags",
  status: "status",
};

const KIND_TEXT: Record<string, string> = {
  created: "created the entry",
  updated: "changed",
  deleted: "deleted the entry",
  status: "set the status",
  fallback: "changed it after it was verified: back to needs review",
};

/**
 * When to read again after the entry last changed. Every change is stored within half a second, so
 * the first read (a burst of typing costs one) finds it; a run of keystrokes keeps updating its
 * record until it has been quiet for HISTORY_QUIET_MS, so the second read finds its final value.
 */
const REFRESH_AFTER_MS = [1_000, HISTORY_QUIET_MS + 1_500];

function fieldList(fields: readonly string[]): string {
  return fields.map((f) => FIELD_LABEL[f] ?? f).join(", ");
}

/** Who changed what in this entry, newest first: read when the panel opens and after each change to the entry. */
export function EntryHistory({ timelineId, doc, entryId }: { timelineId: string; doc: Y.Doc; entryId: string }) {
  const [changes, setChanges] = useState<TEntryChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    const map = entriesMap(doc);
    let timers: ReturnType<typeof setTimeout>[] = [];
    const later = () => {
      timers.forEach(clearTimeout);
      timers = REFRESH_AFTER_MS.map((ms) => setTimeout(() => setReads((n) => n + 1), ms));
    };
    // The entry's own changes (body included), and its removal or re-creation.
    const onEntries = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      if (events.some((e) => (e.target === map && e instanceof Y.YMapEvent ? e.keysChanged.has(entryId) : e.path[0] === entryId))) later();
    };
    map.observeDeep(onEntries);
    return () => {
      timers.forEach(clearTimeout);
      map.unobserveDeep(onEntries);
    };
  }, [doc, entryId]);

  useEffect(() => {
    let cancelled = false;
    listEntryHistory(timelineId, entryId).then(
      (list) => {
        if (cancelled) return;
        setChanges(list);
        setError(null);
      },
      (err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : "Could not load the history.");
      },
    );
    return () => {
      cancelled = true;
    };
  }, [timelineId, entryId, reads]);

  return (
    <section className="entry-form__group entry-history" data-testid="entry-history" aria-labelledby={`history-${entryId}`}>
      <h3 className="entry-history__title" id={`history-${entryId}`}>
        History
      </h3>
      <FieldError error={error ?? undefined} />
      {changes === null ? (
        !error && <p className="muted">Loading history…</p>
      ) : changes.length === 0 ? (
        <p className="muted">No changes recorded yet.</p>
      ) : (
        <ol className="entry-history__list">
          {changes.map((change) => (
            <li key={change.id} className="history-row" data-testid="history-row" data-kind={change.kind}>
              <div className="history-row__head">
                <Stamp at={change.at} />
                <span className="history-row__who">{change.userName ?? (change.kind === "fallback" ? "Dateline" : "Someone")}</span>
                <span>
                  {KIND_TEXT[change.kind] ?? change.kind}
                  {change.kind === "updated" && change.fields.length > 0 && ` ${fieldList(change.fields)}`}
                </span>
              </div>
              {change.changes.length > 0 && (
                <ul className="history-row__changes">
                  {change.changes.map((c) => (
                    <li key={c.field}>
                      <span className="verification__field">{FIELD_LABEL[c.field] ?? c.field}:</span>{" "}
                      <OldNew field={c.field} old={c.old} next={c.new} />
                    </li>
                  ))}
                </ul>
              )}
              {change.kind !== "updated" && change.changes.length === 0 && change.fields.length > 0 && (
                <p className="history-row__fields muted">{fieldList(change.fields)}</p>
              )}
              {change.note && <p className="history-row__note">“{change.note}”</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
