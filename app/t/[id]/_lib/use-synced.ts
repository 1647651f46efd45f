import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";

/** Whether the doc has caught up with the server since the page opened (until then, a missing entry may only be late). */
export function useSynced(provider: WebsocketProvider): boolean {
  const [synced, setSynced] = useState(provider.synced);
  useEffect(() => {
    const onSync = (isSynced: boolean) => {
      if (isSynced) setSynced(true);
    };
    onSync(provider.synced);
    provider.on("sync", onSync);
    return () => provider.off("sync", onSync);
  }, [provider]);
  return synced;
}
