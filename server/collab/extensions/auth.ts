// Who may open a room: the session cookie on the upgrade request names the user, their membership
// names the role. Runs before the socket joins anything.
import type { IncomingMessage } from "node:http";
import type { TAuth } from "../../auth.ts";
import { userFromHeaders } from "../../auth.ts";
import type { TPrisma } from "../../db/client.ts";
import { CLOSE } from "../../../lib/protocol/close-codes.ts";
import type { TRole, TSessionUser } from "../session.ts";

export type TAuthResult = { ok: true; user: TSessionUser; role: TRole } | { ok: false; code: number; reason: string };

export type TAuthenticate = (req: IncomingMessage, timelineId: string) => Promise<TAuthResult>;

export function sessionAuthenticator(auth: TAuth, prisma: TPrisma): TAuthenticate {
  return async (req, timelineId) => {
    const headers = new Headers();
    if (req.headers.cookie) headers.set("cookie", req.headers.cookie);
    const user = await userFromHeaders(auth, headers);
    if (!user) return { ok: false, code: CLOSE.unauthenticated, reason: "sign in first" };
    const timeline = await prisma.timeline.findUnique({
      where: { id: timelineId },
      select: { members: { where: { userId: user.id }, select: { role: true } } },
    });
    if (!timeline) return { ok: false, code: CLOSE.notFound, reason: "no such timeline" };
    const role = timeline.members[0]?.role;
    if (!role) return { ok: false, code: CLOSE.forbidden, reason: "not a member of this timeline" };
    return { ok: true, user: { id: user.id, name: user.name }, role };
  };
}
