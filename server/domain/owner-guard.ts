import type { Role } from "../../generated/prisma/enums.ts";
import type { TPrisma } from "../db/client.ts";
import { AppError } from "../errors.ts";

type TTx = Parameters<Parameters<TPrisma["$transaction"]>[0]>[0];

/**
 * Inside a transaction: refuses a change that would leave the timeline without an owner. The
 * timeline row is locked first, so two owners demoting each other at once cannot both succeed.
 */
export async function keepAnOwner(tx: TTx, timelineId: string, memberRole: Role, nextRole: Role | null): Promise<void> {
  if (memberRole !== "owner" || nextRole === "owner") return;
  await tx.$queryRaw`SELECT "id" FROM "timeline" WHERE "id" = ${timelineId} FOR UPDATE`;
  const owners = await tx.timelineMember.count({ where: { timelineId, role: "owner" } });
  if (owners <= 1) throw new AppError("conflict", "a timeline always keeps one owner: make someone else owner first");
}
