import type { Role } from "../../generated/prisma/enums.ts";

export type TTimelineSummary = { id: string; title: string; role: Role; updatedAt: string };

export function toSummary(t: { id: string; title: string; updatedAt: Date }, role: Role): TTimelineSummary {
  return { id: t.id, title: t.title, role, updatedAt: t.updatedAt.toISOString() };
}
