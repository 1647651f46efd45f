// Presence through the provider's awareness. Our local state is `{ user: { id, name, color },
// entryId }`; remote states come from any client, so they are parsed before being shown.
import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { z } from "zod";
import { FALLBACK_COLOR, isHexColor } from "@/app/_lib/user-color";

export type TPresenceUser = { id: string; name: string; color: string };

export type TPeer = { clientId: number; user: TPresenceUser; entryId: string | null };

const ZPresenceState = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    color: z.string().transform((c) => (isHexColor(c) ? c : FALLBACK_COLOR)),
  }),
  entryId: z.string().nullable().optional(),
});

function readPeers(awareness: Awareness): TPeer[] {
  const peers: TPeer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const parsed = ZPresenceState.safeParse(state);
    if (parsed.success) peers.push({ clientId, user: parsed.data.user, entryId: parsed.data.entryId ?? null });
  });
  return peers;
}

/** Everyone with a readable presence state, this tab included. 'change' fires only when a state changed, not on heartbeats. */
export function usePeers(awareness: Awareness): TPeer[] {
  const [peers, setPeers] = useState<TPeer[]>(() => readPeers(awareness));
  useEffect(() => {
    const onChange = () => setPeers(readPeers(awareness));
    onChange();
    awareness.on("change", onChange);
    return () => awareness.off("change", onChange);
  }, [awareness]);
  return peers;
}

/** One row per person: several tabs of one user show once. */
export function distinctUsers(peers: readonly TPeer[]): TPresenceUser[] {
  const byId = new Map<string, TPresenceUser>();
  for (const peer of peers) if (!byId.has(peer.user.id)) byId.set(peer.user.id, peer.user);
  return [...byId.values()];
}
