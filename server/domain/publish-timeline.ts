import crypto from "node:crypto";
import * as Y from "yjs";
import { z } from "zod";
import type { TDomain } from "../context.ts";
import type { TActor } from "../collab/origins.ts";
import { AppError, parseInput } from "../errors.ts";
import { newId } from "../ids.ts";
import { formatDateLabel } from "../../lib/timeline/dates.ts";
import { listEntries, readMeta, type TMedia } from "../../lib/timeline/schema.ts";
import { publicationUrls } from "../../lib/formats/public-page.ts";
import { WRITE_ROLES, requireRole } from "./timeline-access.ts";
import { planSnapshot, saveSnapshot } from "./snapshot-store.ts";
import type { TPublishResult, TPublishWarning } from "./publications.types.ts";

export const ZPublishInput = z.object({
  override: z.boolean({ message: "override must be true or false" }).optional(),
});

/**
 * Freezes the timeline's live state as a snapshot and points its public page at it. Entries not
 * verified and media without alt text are listed first: with any of them, nothing is published unless
 * `override` is true. The slug is chosen once and kept, so links and embeds survive re-publishing and
 * unpublishing. `base` is where readers reach the app (PUBLIC_URL, else the request's origin).
 */
export async function publishTimeline(
  d: Pick<TDomain, "prisma" | "rooms">,
  user: TActor,
  timelineId: string,
  input: unknown,
  base: string,
): Promise<TPublishResult> {
  await requireRole(d, user.id, timelineId, WRITE_ROLES);
  const { override } = parseInput(ZPublishInput, input);
  const { state, warnings, title, readAt } = await d.rooms.read(timelineId, (doc) => ({
    state: Y.encodeStateAsUpdate(doc),
    warnings: publishWarnings(doc),
    title: readMeta(doc).title,
    readAt: new Date(),
  }));
  if (warnings.length > 0 && override !== true) return { published: false, warnings, message: blockedMessage(warnings) };

  const version = { timelineId, kind: "published" as const, name: `Published ${formatDateLabel(readAt.toISOString().slice(0, 16))} UTC`, state, createdById: user.id };
  // The comparison with the previous version is made before the transaction, which then only writes.
  const plan = await planSnapshot(d.prisma, version);
  const publication = await d.prisma.$transaction(async (tx) => {
    // Publishes and unpublishes of one timeline take turns (across instances too), and a publish that
    // read the doc before the page's current state or before an unpublish is too late: the newer
    // decision stands, never an older state over a newer one, never a page brought back up unasked.
    await lockPublication(tx, timelineId);
    const current = await tx.publication.findUnique({ where: { timelineId }, select: { slug: true, publishedAt: true, unpublishedAt: true } });
    if (current?.unpublishedAt && current.unpublishedAt > readAt) {
      throw new AppError("conflict", "the timeline was unpublished while this publish was under way: publish again to put it back up");
    }
    if (current && current.publishedAt >= readAt) return current;
    const { id: snapshotId } = await saveSnapshot(d.prisma, version, tx, plan);
    // One row per timeline: the first publish creates it with its slug, later ones move it to the new
    // snapshot and bring it back up.
    return tx.publication.upsert({
      where: { timelineId },
      create: { id: newId(), timelineId, slug: newSlug(title), snapshotId, publishedAt: readAt, publishedById: user.id },
      update: { snapshotId, publishedAt: readAt, publishedById: user.id, unpublishedAt: null },
      select: { slug: true, publishedAt: true, unpublishedAt: true },
    });
  });
  return {
    published: true,
    slug: publication.slug,
    url: publicationUrls(base, publication.slug).page,
    publishedAt: publication.publishedAt.toISOString(),
    warnings,
  };
}

/** Serialises the publication changes of one timeline until the transaction ends. */
export async function lockPublication(tx: Pick<TDomain["prisma"], "$queryRaw">, timelineId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`publication:${timelineId}`}))::text`;
}

/** Title slide first, then the entries in chronological order: not verified, media without alt text. */
export function publishWarnings(doc: Y.Doc): TPublishWarning[] {
  const meta = readMeta(doc);
  const warnings: TPublishWarning[] = [];
  if (lacksAlt(meta.media)) warnings.push({ kind: "missing-alt", entryId: null, headline: meta.title });
  for (const entry of listEntries(doc)) {
    if (entry.status !== "verified") warnings.push({ kind: "unverified", entryId: entry.id, headline: entry.headline, status: entry.status });
    if (lacksAlt(entry.media)) warnings.push({ kind: "missing-alt", entryId: entry.id, headline: entry.headline });
  }
  return warnings;
}

// Any media, not only images: TimelineJS gives `alt` to whatever it renders, and a reader who cannot see
// a video still needs to be told what it shows.
function lacksAlt(media: TMedia | undefined): boolean {
  return media !== undefined && media.url.trim() !== "" && !media.alt?.trim();
}

function blockedMessage(warnings: TPublishWarning[]): string {
  const unverified = warnings.filter((w) => w.kind === "unverified").length;
  const noAlt = warnings.length - unverified;
  const parts = [
    unverified > 0 && `${unverified} ${unverified === 1 ? "entry is" : "entries are"} not verified`,
    noAlt > 0 && `${noAlt} media ${noAlt === 1 ? "item has" : "items have"} no alt text`,
  ].filter(Boolean);
  return `${parts.join(" and ")}: publish with override to go ahead`;
}

// Readable and unguessable: the title's ASCII words, then 10 random base-32 characters (50 bits), so two
// timelines with one title never meet and a slug says nothing about any other.
function newSlug(title: string): string {
  const words = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const random = Array.from(crypto.randomBytes(10), (b) => alphabet[b % 32]).join("");
  return words ? `${words}-${random}` : random;
}
