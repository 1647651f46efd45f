// What a verification covers and what has changed since: pure helpers over the plain view of an entry.
// The server's verification extension uses them to send a changed verified entry back to review; the
// editor uses them to show what changed (old → new).
import type { TEntry, TVerifiedAs } from "./schema";

/** The fields a verification vouches for: a change to any of them needs a new review. */
export const VERIFIED_FIELDS = ["start", "end", "qualifier", "headline"] as const;
export type TVerifiedField = (typeof VERIFIED_FIELDS)[number];

export type TVerifiedChange = { field: TVerifiedField; old: string | null; new: string | null };

/** The entry's verified fields as they are now: what a verification made now would record. */
export function verifiedView(entry: TEntry): TVerifiedAs {
  return {
    start: entry.start,
    ...(entry.end !== undefined && { end: entry.end }),
    ...(entry.qualifier !== undefined && { qualifier: entry.qualifier }),
    headline: entry.headline,
  };
}

/** What differs from the values that were last verified; [] when the entry never was, or nothing changed. */
export function changesSinceVerified(entry: TEntry): TVerifiedChange[] {
  const was = entry.verification?.verifiedAs;
  if (!was) return [];
  const now = verifiedView(entry);
  return VERIFIED_FIELDS.flatMap((field) => {
    const old = was[field] ?? null;
    const next = now[field] ?? null;
    return old === next ? [] : [{ field, old, new: next }];
  });
}
