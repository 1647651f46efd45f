import type { TStatus } from "../../lib/timeline/schema.ts";

/**
 * What a publisher is asked to confirm before publishing: an entry not verified, or media without
 * alt text (`entryId` null: the title slide's media; `headline` is then the timeline's title).
 */
export type TPublishWarning =
  | { kind: "unverified"; entryId: string; headline: string; status: Exclude<TStatus, "verified"> }
  | { kind: "missing-alt"; entryId: string | null; headline: string };

/** A publication as the editor shows it: where it is, since when. */
export type TPublicationState = { slug: string; url: string; publishedAt: string };

/** Published (with the warnings that were overridden), or not: the warnings, and why in one sentence. */
export type TPublishResult =
  | (TPublicationState & { published: true; warnings: TPublishWarning[] })
  | { published: false; warnings: TPublishWarning[]; message: string };
