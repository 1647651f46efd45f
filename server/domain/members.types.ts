// Shapes shared by the membership use-cases (their zod inputs and presented outputs).
import { z } from "zod";
import type { Role } from "../../generated/prisma/enums.ts";

export const ROLES = ["owner", "editor", "commenter", "viewer"] as const;
export const ZRole = z.enum(ROLES);
/** A link can make anyone who has it a member: never an owner. */
export const ZLinkRole = z.enum(["editor", "commenter", "viewer"]);

/** Higher roles can do everything lower ones can. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, commenter: 1, editor: 2, owner: 3 };

export type TMember = { userId: string; name: string; email: string; role: Role };
export type TInvitation = { id: string; email: string; role: Role; createdAt: string };
export type TShareLink = { id: string; role: Role; createdAt: string; expiresAt: string | null; revokedAt: string | null };

export function toMember(m: { userId: string; role: Role; user: { name: string; email: string } }): TMember {
  return { userId: m.userId, name: m.user.name, email: m.user.email, role: m.role };
}

export function toInvitation(i: { id: string; email: string; role: Role; createdAt: Date }): TInvitation {
  return { id: i.id, email: i.email, role: i.role, createdAt: i.createdAt.toISOString() };
}

export function toShareLink(l: { id: string; role: Role; createdAt: Date; expiresAt: Date | null; revokedAt: Date | null }): TShareLink {
  return {
    id: l.id,
    role: l.role,
    createdAt: l.createdAt.toISOString(),
    expiresAt: l.expiresAt?.toISOString() ?? null,
    revokedAt: l.revokedAt?.toISOString() ?? null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
