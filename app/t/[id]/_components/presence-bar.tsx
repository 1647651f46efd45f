"use client";

import { distinctUsers, type TPeer } from "../_lib/presence";

export function PresenceBar({ peers, selfId }: { peers: readonly TPeer[]; selfId: string }) {
  // You first, then colleagues in a stable order so the bar does not reshuffle as people come and go.
  const users = distinctUsers(peers).sort(
    (a, b) => Number(b.id === selfId) - Number(a.id === selfId) || a.name.localeCompare(b.name),
  );
  return (
    <ul className="presence" aria-label="People here now" data-testid="presence-list">
      {users.map((user) => (
        <li key={user.id} className="presence__user" data-testid="presence-user">
          <span className="presence__dot" style={{ backgroundColor: user.color }} aria-hidden="true" />
          {user.name}
          {user.id === selfId && <span className="presence__you"> (you)</span>}
        </li>
      ))}
    </ul>
  );
}
