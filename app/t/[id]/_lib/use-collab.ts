// One timeline's shared document for the page's lifetime: the Y.Doc, its local IndexedDB copy, the
// websocket to /collab/<id> and the entries view the components read.
import { useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { ApiError, getTimeline } from "@/app/_lib/api-client";
import { CLOSE } from "@/lib/protocol/close-codes";
import { createEntriesStore, type TEntriesStore } from "./entries-store";
import type { TPresenceUser } from "./presence";

export type TCollab = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  entries: TEntriesStore;
  /** Deletes this browser's copy of the timeline: for when the user's access ends. */
  forgetLocalCopy: () => Promise<void>;
};

/** Close codes after which the page stops trying and says why; y-websocket already stops reconnecting on them. */
export type TFatalClose = typeof CLOSE.unauthenticated | typeof CLOSE.forbidden | typeof CLOSE.notFound;

/**
 * How long a returning browser waits for its IndexedDB copy before connecting anyway. Connecting
 * after it loads means the server only sends the difference; a copy that cannot be read (private
 * windows, a broken store) must not keep the page offline.
 */
const LOCAL_COPY_WAIT_MS = 2_000;

function collabServerUrl(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
}

function isFatal(code: number): code is TFatalClose {
  return code === CLOSE.unauthenticated || code === CLOSE.forbidden || code === CLOSE.notFound;
}

export type TCollabState = {
  collab: TCollab | null;
  fatalClose: TFatalClose | null;
  /**
   * Counts the times the server closed the socket because the user's role changed; the provider
   * reconnects by itself, with a session of the new role. The page reads the role again.
   */
  roleChanges: number;
  /**
   * Counts reconnections after a break: a role changed meanwhile closed no socket of ours, so the
   * page reads the role again then too.
   */
  reconnects: number;
};

export function useCollab(timelineId: string, user: TPresenceUser): TCollabState {
  const [collab, setCollab] = useState<TCollab | null>(null);
  const [fatalClose, setFatalClose] = useState<TFatalClose | null>(null);
  const [roleChanges, setRoleChanges] = useState(0);
  const [reconnects, setReconnects] = useState(0);
  const { id: userId, name, color } = user;

  useEffect(() => {
    const doc = new Y.Doc();
    // Per user: the next person signing in on this browser must never open (or upload) this copy.
    const local = new IndexeddbPersistence(`dateline-${userId}-${timelineId}`, doc);
    const provider = new WebsocketProvider(collabServerUrl(), timelineId, doc, {
      connect: false,
      // y-websocket gives up on every 44xx; a rate-limit close (4429) only means "slow down".
      shouldReconnect: (event) => !isFatal(event.code),
    });
    provider.awareness.setLocalState({ user: { id: userId, name, color }, entryId: null });
    const entries = createEntriesStore(doc);

    let connected = false;
    const connect = () => {
      if (connected) return;
      connected = true;
      provider.connect();
    };
    const timer = setTimeout(connect, LOCAL_COPY_WAIT_MS);
    void local.whenSynced.then(connect);

    // Access gone (removed, or never had it): the copy kept for offline use must not outlive it.
    // A 4403 can also mean a refused origin, so the copy (maybe the only one of offline work) is
    // deleted only once the API confirms the timeline is out of reach.
    const forgetLocalCopy = () => local.clearData();
    const onClosed = (event: { code: number }) => {
      if (event.code === CLOSE.forbidden || event.code === CLOSE.notFound) {
        getTimeline(timelineId).catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 404) void forgetLocalCopy();
        });
      }
      if (isFatal(event.code)) setFatalClose(event.code);
    };
    provider.on("closed", onClosed);
    // `closed` fires only for codes the provider gives up on; a role change is not one of them.
    const onConnectionClose = (event: CloseEvent | null) => {
      if (event?.code === CLOSE.roleChanged) setRoleChanges((n) => n + 1);
    };
    provider.on("connection-close", onConnectionClose);
    let connectedBefore = false;
    const onStatus = ({ status }: { status: string }) => {
      if (status !== "connected") return;
      if (connectedBefore) setReconnects((n) => n + 1);
      connectedBefore = true;
    };
    provider.on("status", onStatus);
    setCollab({ doc, provider, entries, forgetLocalCopy });
    setFatalClose(null);

    return () => {
      connected = true;
      clearTimeout(timer);
      provider.off("closed", onClosed);
      provider.off("connection-close", onConnectionClose);
      provider.off("status", onStatus);
      entries.destroy();
      provider.destroy();
      void local.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [timelineId, userId, name, color]);

  return { collab, fatalClose, roleChanges, reconnects };
}
