import * as Y from "yjs";
import { z } from "zod";
import type { TDomain } from "../context.ts";
import { parseInput } from "../errors.ts";
import { initTimeline } from "../../lib/timeline/ops.ts";
import { storeNewTimeline } from "./new-timeline.ts";
import { toSummary, type TTimelineSummary } from "./timeline-summary.ts";

export const ZTimelineTitle = z.object({
  title: z.string().trim().min(1, "a timeline needs a title").max(200, "at most 200 characters"),
});

/** Creates an empty timeline owned by the user. */
export async function createTimeline(d: TDomain, userId: string, input: unknown): Promise<TTimelineSummary> {
  const { title } = parseInput(ZTimelineTitle, input);
  const doc = new Y.Doc();
  initTimeline(doc, { title }, { userId });
  const timeline = await storeNewTimeline(d, title, userId, doc);
  doc.destroy();
  return toSummary(timeline, "owner");
}
