import type { TDomain } from "../context.ts";
import { AppError } from "../errors.ts";
import type { Role } from "../../generated/prisma/enums.ts";

export type TTimelineRole = Role;

export const WRITE_ROLES: readonly Role[] = ["owner", "editor"];
export const ALL_ROLES: readonly Role[] = ["owner", "editor", "commenter", "viewer"];
/** Who comments and sets verification statuses: fact-checkers (commenters) included, viewers not. */
export const REVIEW_ROLES: readonly Role[] = ["owner", "editor", "commenter"];

/**
 * The user's role on a timeline if it is one of `allowed`. A timeline the user cannot see at all
 * answers not_found, so ids of other newsrooms' timelines cannot be probed.
 */
export async function requireRole(d: Pick<TDomain, "prisma">, userId: string, timelineId: string, allowed: readonly Role[]): Promise<Role> {
  const member = await d.prisma.timelineMember.findUnique({
    where: { timelineId_userId: { timelineId, userId } },
    select: { role: true },
  });
  if (!member) throw new AppError("not_found", "no such timeline");
  if (!allowed.includes(member.role)) throw new AppError("forbidden", `a ${member.role} cannot do this`);
  return member.role;
}
