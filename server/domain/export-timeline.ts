import type * as Y from "yjs";
import { z } from "zod";
import type { TDomain } from "../context.ts";
import { parseInput } from "../errors.ts";
import { writeSheet } from "../../lib/formats/csv.ts";
import { timelineToHtml } from "../../lib/formats/html.ts";
import { timelineToJson } from "../../lib/formats/json.ts";
import { timelineToJsonLd } from "../../lib/formats/jsonld.ts";
import { timelineToMarkdown } from "../../lib/formats/markdown.ts";
import { timelineToTimelineJs } from "../../lib/formats/timelinejs.ts";
import { readMeta } from "../../lib/timeline/schema.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";

export const EXPORT_FORMATS = ["timelinejs", "csv", "html", "markdown", "jsonld", "json"] as const;
type TFormat = (typeof EXPORT_FORMATS)[number];
export const ZExportInput = z.object({
  format: z.enum(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(", ")}` }),
});

export type TExport = { body: string; contentType: string; filename: string };

const CONTENT_TYPE: Record<TFormat, string> = {
  timelinejs: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  jsonld: "application/ld+json; charset=utf-8",
  json: "application/json; charset=utf-8",
};
// The TimelineJS JSON and our own JSON are both .json: the name tells them apart.
const SUFFIX: Record<TFormat, string> = {
  timelinejs: ".timelinejs.json",
  csv: ".csv",
  html: ".html",
  markdown: ".md",
  jsonld: ".jsonld",
  json: ".json",
};

const RENDER: Record<TFormat, (doc: Y.Doc) => string> = {
  timelinejs: (doc) => JSON.stringify(timelineToTimelineJs(doc), null, 2),
  csv: (doc) => writeSheet(timelineToTimelineJs(doc, { sheet: true })),
  html: (doc) => timelineToHtml(doc),
  markdown: (doc) => timelineToMarkdown(doc),
  jsonld: (doc) => JSON.stringify(timelineToJsonLd(doc), null, 2),
  json: (doc) => JSON.stringify(timelineToJson(doc), null, 2),
};

/** The timeline's live state in an export format; any member may export what they can read. */
export async function exportTimeline(d: Pick<TDomain, "prisma" | "rooms">, userId: string, timelineId: string, input: unknown): Promise<TExport> {
  await requireRole(d, userId, timelineId, ALL_ROLES);
  const { format } = parseInput(ZExportInput, input);
  return d.rooms.read(timelineId, (doc) => {
    const body = RENDER[format](doc);
    const slug = readMeta(doc).title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "timeline";
    return { body, contentType: CONTENT_TYPE[format], filename: `${slug}${SUFFIX[format]}` };
  });
}
