import { z } from "zod";
import type { TDomain } from "../context.ts";
import { parseInput } from "../errors.ts";
import { newId } from "../ids.ts";
import { requireRole } from "./timeline-access.ts";
import { toShareLink, ZLinkRole, type TShareLink } from "./members.types.ts";
import { hashLinkToken, newLinkToken } from "./share-link-token.ts";

export const ZCreateShareLinkInput = z.object({
  role: ZLinkRole,
  expiresInDays: z.number().int().min(1).max(365).optional(),
});

/** A share link; its token is returned this once (only its hash is kept). */
export async function createShareLink(
  d: Pick<TDomain, "prisma">,
  userId: string,
  timelineId: string,
  input: unknown,
  now = new Date(),
): Promise<{ link: TShareLink; token: string }> {
  await requireRole(d, userId, timelineId, ["owner"]);
  const { role, expiresInDays } = parseInput(ZCreateShareLinkInput, input);
  const token = newLinkToken();
  const link = await d.prisma.shareLink.create({
    data: {
      id: newId(),
      timelineId,
      role,
      tokenHash: hashLinkToken(token),
      createdById: userId,
      expiresAt: expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null,
    },
  });
  return { link: toShareLink(link), token };
}
