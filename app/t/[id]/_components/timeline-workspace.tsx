"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { removeMember, type TRole } from "@/app/_lib/api-client";
import { useEntries } from "../_lib/entries-store";
import { usePeers, type TPresenceUser } from "../_lib/presence";
import type { TCollab } from "../_lib/use-collab";
import { ConnectionStatus } from "./connection-status";
import { EntryEditor } from "./entry-editor";
import { EntryTimeline } from "./entry-timeline";
import { NewEntryForm } from "./new-entry-form";
import { PresenceBar } from "./presence-bar";
import { ShareDialog } from "./share-dialog";
import { TimelineTitle } from "./timeline-title";

type TPanel = { kind: "closed" } | { kind: "new" } | { kind: "entry"; id: string };

/** The editor for one open timeline: title, status, presence, the entries and the entry panel. */
export function TimelineWorkspace({
  timelineId,
  collab,
  user,
  role,
  readOnly,
  readOnlyReason,
  fallbackTitle,
  onRoleChanged,
}: {
  timelineId: string;
  collab: TCollab;
  user: TPresenceUser;
  /** null until the API has answered. */
  role: TRole | null;
  readOnly: boolean;
  readOnlyReason: string | null;
  fallbackTitle: string;
  /** This user's own role was changed from the share dialog. */
  onRoleChanged: () => void;
}) {
  const router = useRouter();
  const { doc, provider, entries: store } = collab;
  const entries = useEntries(store);
  const peers = usePeers(provider.awareness);
  const [panel, setPanel] = useState<TPanel>({ kind: "closed" });
  const openId = panel.kind === "entry" ? panel.id : null;
  // A role taken away while the new-entry form is open: nothing it saved would be kept.
  const shownPanel: TPanel = readOnly && panel.kind === "new" ? { kind: "closed" } : panel;

  const leave = useCallback(async () => {
    // Off the socket first: the server closes it (no access) when the membership goes, and the
    // page should go to the dashboard, not show "no access" on the way.
    provider.disconnect();
    try {
      await removeMember(timelineId, user.id);
    } catch (err) {
      provider.connect();
      throw err;
    }
    // Left either way: a local store that cannot be cleared (a broken IndexedDB) must not say otherwise.
    await collab.forgetLocalCopy().catch(() => undefined);
    router.replace("/");
    router.refresh();
  }, [collab, provider, timelineId, user.id, router]);

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
    <div className={`workspace${shownPanel.kind === "closed" ? "" : " workspace--panel-open"}`}>
      <div className="workspace__bar">
        <TimelineTitle doc={doc} userId={user.id} readOnly={readOnly} fallback={fallbackTitle} />
        <div className="workspace__status">
          <ConnectionStatus provider={provider} />
          <PresenceBar peers={peers} selfId={user.id} />
          {role && (
            <ShareDialog timelineId={timelineId} role={role} selfId={user.id} onLeave={leave} onOwnRoleChanged={onRoleChanged} />
          )}
        </div>
      </div>
      {readOnlyReason && (
        <p className="notice" role="note" data-testid="read-only-notice">
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
        {shownPanel.kind !== "closed" && (
          <aside className="workspace__panel" data-testid="entry-editor" aria-label="Entry editor">
            {shownPanel.kind === "new" ? (
              <NewEntryForm doc={doc} userId={user.id} onCreated={open} onCancel={close} />
            ) : (
              <EntryEditor key={shownPanel.id} collab={collab} entryId={shownPanel.id} user={user} readOnly={readOnly} onClose={close} />
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
