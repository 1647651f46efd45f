"use client";

import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";

type TStatus = "Connected" | "Reconnecting…" | "Offline";

/**
 * Exactly one of three words. "Connected" waits for the server's copy to be merged (the sync), not
 * just the socket, so what the page shows then is the shared timeline. The browser's offline flag
 * wins: a socket can look open for a while after the network went away, and edits made meanwhile
 * are only local.
 */
export function ConnectionStatus({ provider }: { provider: WebsocketProvider }) {
  const [live, setLive] = useState(() => provider.wsconnected && provider.synced);
  const [online, setOnline] = useState(() => navigator.onLine);

  useEffect(() => {
    const update = () => setLive(provider.wsconnected && provider.synced);
    const onOnline = () => setOnline(true);
    const onOffline = () => setOnline(false);
    update();
    provider.on("status", update);
    provider.on("sync", update);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      provider.off("status", update);
      provider.off("sync", update);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    };
  }, [provider]);

  const status: TStatus = !online ? "Offline" : live ? "Connected" : "Reconnecting…";
  const tone = status === "Connected" ? "ok" : status === "Offline" ? "off" : "wait";
  return (
    <span className={`connection connection--${tone}`} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      <span data-testid="connection-status">{status}</span>
    </span>
  );
}
