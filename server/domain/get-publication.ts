import type { TDomain } from "../context.ts";
import { publicationUrls } from "../../lib/formats/public-page.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";
import type { TPublicationState } from "./publications.types.ts";

/** Where the timeline is published and since when, for any member; null while it is not. */
export async function getPublication(d: Pick<TDomain, "prisma">, userId: string, timelineId: string, base: string): Promise<TPublicationState | null> {
  await requireRole(d, userId, timelineId, ALL_ROLES);
  const publication = await d.prisma.publication.findUnique({ where: { timelineId }, select: { slug: true, publishedAt: true, unpublishedAt: true } });
  if (!publication || publication.unpublishedAt !== null) return null;
  return { slug: publication.slug, url: publicationUrls(base, publication.slug).page, publishedAt: publication.publishedAt.toISOString() };
}
