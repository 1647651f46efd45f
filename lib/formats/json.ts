// Our own JSON view of a timeline: the document of PRODUCT.md as plain data, bodies as ProseMirror JSON
// (what Tiptap's `setContent` takes). It is data, not markup: strings are kept as stored, including links
// the HTML and Markdown exports refuse, so a consumer that renders it must apply the same allow-lists.
import * as Y from "yjs";
import { z } from "zod";
import { QUALIFIERS, SCALES, STATUSES, erasArray, listEntries, readMeta } from "../timeline/schema";
import { readBody } from "./body-nodes";
import { bodyFragment } from "./view";

const ZAttrs = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const ZBodyNode = z.object({
  type: z.string(),
  attrs: ZAttrs.optional(),
  get content() {
    return z.array(ZBodyNode).optional();
  },
  text: z.string().optional(),
  marks: z.array(z.object({ type: z.string(), attrs: ZAttrs.optional() })).optional(),
});

const ZMediaJson = z.object({
  url: z.string(),
  caption: z.string().optional(),
  credit: z.string().optional(),
  alt: z.string().optional(),
  title: z.string().optional(),
  thumbnail: z.string().optional(),
  link: z.string().optional(),
  linkTarget: z.string().optional(),
});

const ZBackgroundJson = z.object({
  url: z.string().optional(),
  color: z.string().optional(),
  alt: z.string().optional(),
  opacity: z.number().optional(),
});

const ZSourceJson = z.object({
  url: z.string().optional(),
  title: z.string().optional(),
  publisher: z.string().optional(),
  accessed: z.string().optional(),
  quote: z.string().optional(),
});

// Who set the status and what was verified (lib/timeline/schema.ts TVerification).
const ZVerificationJson = z.object({
  by: z.string().optional(),
  byName: z.string().optional(),
  at: z.string().optional(),
  note: z.string().optional(),
  auto: z.boolean().optional(),
  verifiedAs: z
    .object({ start: z.string(), end: z.string().optional(), qualifier: z.enum(QUALIFIERS).optional(), headline: z.string() })
    .optional(),
});

const ZEntryJson = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string().optional(),
  qualifier: z.enum(QUALIFIERS).optional(),
  displayDate: z.string().optional(),
  headline: z.string(),
  body: ZBodyNode,
  media: ZMediaJson.optional(),
  background: ZBackgroundJson.optional(),
  sources: z.array(ZSourceJson),
  group: z.string().optional(),
  tags: z.array(z.string()),
  status: z.enum(STATUSES),
  verification: ZVerificationJson.optional(),
  createdBy: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

export const ZTimelineJson = z.object({
  meta: z.object({
    title: z.string(),
    summary: z.string(),
    language: z.string(),
    scale: z.enum(SCALES),
    schemaVersion: z.number(),
    media: ZMediaJson.optional(),
    background: ZBackgroundJson.optional(),
  }),
  eras: z.array(z.object({ start: z.string(), end: z.string(), title: z.string() })),
  /** In chronological order. */
  entries: z.array(ZEntryJson),
});
export type TTimelineJson = z.infer<typeof ZTimelineJson>;

export function timelineToJson(doc: Y.Doc): TTimelineJson {
  return {
    meta: readMeta(doc),
    eras: readEras(doc),
    entries: listEntries(doc).map((entry) => {
      const fragment = bodyFragment(doc, entry.id);
      return { ...entry, body: fragment === undefined ? { type: "doc", content: [] } : readBody(fragment) };
    }),
  };
}

// Eras as stored, in their array order; a field that is not a string reads as "".
function readEras(doc: Y.Doc): TTimelineJson["eras"] {
  const str = (era: Y.Map<unknown>, key: string): string => {
    const v = era.get(key);
    return typeof v === "string" ? v : "";
  };
  return erasArray(doc)
    .toArray()
    .flatMap((era) => (era instanceof Y.Map ? [{ start: str(era, "start"), end: str(era, "end"), title: str(era, "title") }] : []));
}
