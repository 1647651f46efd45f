import { z } from "zod";
import type { TDomain } from "../context.ts";
import { parseInput } from "../errors.ts";
import { timelineToHtml } from "../../lib/formats/html.ts";
import { timelineToJson } from "../../lib/formats/json.ts";
import { timelineToMarkdown } from "../../lib/formats/markdown.ts";
import { readMeta } from "../../lib/timeline/schema.ts";
import { ALL_ROLES, requireRole } from "./timeline-access.ts";

export const EXPORT_FORMATS = ["html", "markdown", "json"] as const;
export const ZExportInput = z.object({
  format: z.enum(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(", ")}` }),
});

export type TExport = { body: string; contentType: string; filename: string };

const CONTENT_TYPE: Record<(typeof EXPORT_FORMATS)[number], string> = {
  html: "text/html; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
};
const EXTENSION: Record<(typeof EXPORT_FORMATS)[number], string> = { html: "html", markdown: "md", json: "json" };

/** The timeline's live state in an export format; any member may export what they can read. */
export async function exportTimeline(d: Pick<TDomain, "prisma" | "rooms">, userId: string, timelineId: string, input: unknown): Promise<TExport> {
  await requireRole(d, userId, timelineId, ALL_ROLES);
  const { format } = parseInput(ZExportInput, input);
  return d.rooms.read(timelineId, (doc) => {
    const body =
      format === "html" ? timelineToHtml(doc) : format === "markdown" ? timelineToMarkdown(doc) : JSON.stringify(timelineToJson(doc), null, 2);
    const slug = readMeta(doc).title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "timeline";
    return { body, contentType: CONTENT_TYPE[format], filename: `${slug}.${EXTENSION[format]}` };
  });
}
