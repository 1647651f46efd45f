"use client";

import { useCallback, useEffect, useState } from "react";
import { useEntries } from "../_lib/entries-store";
import { usePeers, type TPresenceUser } from "../_lib/presence";
import type { TCollab } from "../_lib/use-collab";
import { ConnectionStatus } from "./connection-status";
import { EntryEditor } from "./entry-editor";
import { EntryTimeline } from "./entry-timeline";
import { NewEntryForm } from "./new-entry-form";
import { PresenceBar } from "./presence-bar";
import { TimelineTitle } from "./timeline-title";

type TPanel = { kind: "closed" } | { kind: "new" } | { kind: "entry"; id: string };

/** The editor for one open timeline: title, status, presence, the entries and the entry panel. */
export function TimelineWorkspace({
  collab,
  user,
  readOnly,
  readOnlyReason,
  fallbackTitle,
}: {
  collab: TCollab;
  user: TPresenceUser;
  readOnly: boolean;
  readOnlyReason: string | null;
  fallbackTitle: string;
}) {
  const { doc, provider, entries: store } = collab;
  const entries = useEntries(store);
  const peers = usePeers(provider.awareness);
  const [panel, setPanel] = useState<TPanel>({ kind: "closed" });
  const openId = panel.kind === "entry" ? panel.id : null;

  // Colleagues see which entry each person is on.
  useEffect(() => {
    provider.awareness.setLocalStateField("entryId", openId);
  }, [provider, openId]);

  const open = useCallback((id: string) => setPanel({ kind: "entry", id }), []);
  const close = useCallback(() => setPanel({ kind: "closed" }), []);

  useEffect(() => {
    if (panel.kind === "closed") return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !(e.target instanceof HTMLElement && e.target.isContentEditable)) close();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [panel.kind, close]);

  return (
    <div className={`workspace${panel.kind === "closed" ? "" : " workspace--panel-open"}`}>
      <div className="workspace__bar">
        <TimelineTitle doc={doc} userId={user.id} readOnly={readOnly} fallback={fallbackTitle} />
        <div className="workspace__status">
          <ConnectionStatus provider={provider} />
          <PresenceBar peers={peers} selfId={user.id} />
        </div>
      </div>
      {readOnlyReason && (
        <p className="notice" role="note">
          {readOnlyReason}
        </p>
      )}
      <div className="workspace__body">
        <div className="workspace__timeline">
          {!readOnly && (
            <button type="button" className="button button--primary" onClick={() => setPanel({ kind: "new" })} data-testid="add-entry">
              Add entry
            </button>
          )}
          <EntryTimeline entries={entries} peers={peers} selfId={user.id} openId={openId} onOpen={open} />
        </div>
        {panel.kind !== "closed" && (
          <aside className="workspace__panel" data-testid="entry-editor" aria-label="Entry editor">
            {panel.kind === "new" ? (
              <NewEntryForm doc={doc} userId={user.id} onCreated={open} onCancel={close} />
            ) : (
              <EntryEditor key={panel.id} collab={collab} entryId={panel.id} user={user} readOnly={readOnly} onClose={close} />
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
