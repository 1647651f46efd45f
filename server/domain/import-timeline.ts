import * as Y from "yjs";
import { z } from "zod";
import type { TDomain } from "../context.ts";
import { AppError, parseInput } from "../errors.ts";
import { ImportError, readImport, type TImportReport } from "../../lib/formats/import.ts";
import { TimelineOpError, writeImportedTimeline } from "../../lib/timeline/ops.ts";
import { storeNewTimeline } from "./new-timeline.ts";

export const ZImportInput = z.object({
  kind: z.enum(["timelinejs", "csv"], { message: "the file must be TimelineJS JSON or a TimelineJS sheet (CSV)" }),
  text: z.string(),
});

// The timeline row's title is what the dashboard lists: the same bound as a new timeline's.
const MAX_TITLE = 200;

/**
 * Creates a timeline, owned by the user, from a TimelineJS JSON file or sheet: every slide that has a date
 * becomes an entry, and the report says what could not be taken as it was.
 */
export async function importTimeline(d: Pick<TDomain, "prisma" | "docs">, userId: string, input: unknown): Promise<{ id: string; report: TImportReport }> {
  const { kind, text } = parseInput(ZImportInput, input);
  let read: ReturnType<typeof readImport>;
  try {
    read = readImport(kind, text);
  } catch (err) {
    if (err instanceof ImportError) throw new AppError("validation", err.message, "file");
    throw err;
  }
  const doc = new Y.Doc();
  try {
    writeImportedTimeline(doc, read.timeline, { userId });
  } catch (err) {
    if (err instanceof TimelineOpError) throw new AppError("validation", `${err.field}: ${err.message}`, err.field);
    throw err;
  }
  const title = read.timeline.title.trim().slice(0, MAX_TITLE);
  const timeline = await storeNewTimeline(d, title, userId, doc);
  doc.destroy();
  return { id: timeline.id, report: read.report };
}
