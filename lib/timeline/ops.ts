// The only functions that write a timeline doc (schema.ts reads it). Each one validates its whole input
// before writing anything, then writes in a single `doc.transact(fn, origin)`, so a change reaches other
// replicas, persistence and the undo manager whole.
import { diffArrays } from "diff";
import { simpleDiffString } from "lib0/diff";
import * as Y from "yjs";
import { z } from "zod";
import { comparePartialDates, formatDateLabel, formatPartialDate, tryParsePartialDate } from "./dates";
import type { TBodyNode } from "../formats/body-nodes";
import type { TJson } from "../formats/timelinejs-types";
import { bodyFingerprint, headlineFingerprint, textFingerprint } from "./fingerprint";
import { QUALIFIERS, SCALES, SCHEMA_VERSION, STATUSES, entriesMap, erasArray, metaMap, readEntry, type YEntry } from "./schema";
import { verifiedView } from "./verification";

export class TimelineOpError extends Error {
  override name = "TimelineOpError";
  /** The input field at fault, as a path: "start", "sources.0.url". */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

export type TOpOptions = { userId?: string; now?: Date; origin?: unknown };

// Dates are stored in canonical form ("+2019" becomes "2019") so that every reader sees one spelling.
const ZPartialDate = z
  .string({ error: "A date is required" })
  .trim()
  .transform((s, ctx) => {
    const parsed = tryParsePartialDate(s);
    if (parsed.ok) return formatPartialDate(parsed.date);
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

// `url` may also be embed HTML (an iframe, a tweet's blockquote), as TimelineJS allows: not a URL check.
export const ZMedia = z.object({
  url: z.string({ error: "Media needs a URL" }).trim().min(1, "Media needs a URL"),
  caption: z.string().optional(),
  credit: z.string().optional(),
  alt: z.string().optional(),
  title: z.string().optional(),
  thumbnail: z.string().optional(),
  link: z.string().optional(),
  linkTarget: z.string().optional(),
});

export const ZBackground = z
  .object({
    url: z.string().optional(),
    color: z.string().optional(),
    alt: z.string().optional(),
    opacity: z.number().min(0).max(1).optional(),
  })
  .refine((b) => b.url || b.color, "A background needs an image URL or a color");

// Links a reader may follow: no javascript: or data: URLs in sources or bodies.
const ZLink = z.url({ protocol: /^(https?|mailto)$/, error: "Use an http(s) or mailto link" });

export const ZSource = z
  .object({
    url: ZLink.optional(),
    title: z.string().optional(),
    publisher: z.string().optional(),
    accessed: ZPartialDate.optional(),
    quote: z.string().optional(),
  })
  .refine((s) => s.url || s.title || s.publisher, "A source needs a URL, a title or a publisher");

const ZTags = z
  .array(z.string().trim().min(1, "A tag cannot be empty"))
  .transform((tags) => [...new Set(tags)]);

export const ZBodyInline = z.object({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  href: ZLink.optional(),
});
export type TBodyInline = z.infer<typeof ZBodyInline>;

export const ZBodyBlock = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["paragraph", "blockquote"]), content: z.array(ZBodyInline) }),
  z.object({
    type: z.enum(["bulletList", "orderedList"]),
    items: z.array(z.array(ZBodyInline)).min(1, "A list needs at least one item"),
  }),
]);
export type TBodyBlock = z.infer<typeof ZBodyBlock>;

const ZBody = z.array(ZBodyBlock);

const ZQualifier = z.enum(QUALIFIERS);
const ZStatus = z.enum(STATUSES);

// Why an end cannot go with a start, or undefined if it can.
function rangeError(start: string, end: string | undefined): string | undefined {
  if (end === undefined || comparePartialDates(end, start) >= 0) return undefined;
  return `The end, ${formatDateLabel(end)}, is before the start, ${formatDateLabel(start)}`;
}

export const ZEntryInput = z
  .object({
    start: ZPartialDate,
    end: ZPartialDate.optional(),
    qualifier: ZQualifier.optional(),
    displayDate: z.string().optional(),
    headline: z.string({ error: "A headline is required" }),
    body: ZBody.optional(),
    media: ZMedia.optional(),
    background: ZBackground.optional(),
    sources: z.array(ZSource).optional(),
    group: z.string().optional(),
    tags: ZTags.optional(),
    status: ZStatus.default("draft"),
  })
  .superRefine((e, ctx) => {
    const error = rangeError(e.start, e.end);
    if (error) ctx.addIssue({ code: "custom", path: ["end"], message: error });
  });
export type TEntryInput = z.input<typeof ZEntryInput>;

/** Fields to change; `null` removes an optional field. The headline and body have their own ops. */
export const ZEntryPatch = z.object({
  start: ZPartialDate.optional(),
  end: ZPartialDate.nullable().optional(),
  qualifier: ZQualifier.nullable().optional(),
  displayDate: z.string().nullable().optional(),
  media: ZMedia.nullable().optional(),
  background: ZBackground.nullable().optional(),
  sources: z.array(ZSource).optional(),
  group: z.string().nullable().optional(),
  tags: ZTags.optional(),
  status: ZStatus.optional(),
});
export type TEntryPatch = z.input<typeof ZEntryPatch>;

const ZLanguage = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, "Use a language tag such as en or fr-CA");

export const ZTimelineInit = z.object({
  title: z.string({ error: "A title is required" }),
  summary: z.string().optional(),
  language: ZLanguage.optional(),
  scale: z.enum(SCALES).optional(),
});
export type TTimelineInit = z.input<typeof ZTimelineInit>;

export const ZMetaPatch = z.object({
  title: z.string().optional(),
  summary: z.string().optional(),
  language: ZLanguage.optional(),
  scale: z.enum(SCALES).optional(),
  media: ZMedia.nullable().optional(),
  background: ZBackground.nullable().optional(),
});
export type TMetaPatch = z.input<typeof ZMetaPatch>;

// `at` names the argument when it is not an object of fields, so errors say "body.0.type", not "0.type".
function parse<T extends z.ZodType>(schema: T, input: unknown, at?: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...(at === undefined ? [] : [at]), ...issue.path.map(String)];
  throw new TimelineOpError(path.join(".") || "input", issue.message);
}

// Yjs sends strings as UTF-8, where a lone surrogate (half of an emoji cut by a careless slice) becomes
// U+FFFD: writing it as is would leave this replica with a character no other replica has.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const wellFormed = (s: string): string => s.replace(LONE_SURROGATE, "\uFFFD");

// Plain data to the Y types of the schema: objects become Y.Maps (media, background, a source), arrays
// Y.Arrays (sources, tags); strings (made well-formed) and numbers are stored as values.
function toY(v: unknown): unknown {
  if (Array.isArray(v)) {
    const array = new Y.Array<unknown>();
    array.push(v.map(toY));
    return array;
  }
  if (typeof v === "object" && v !== null) {
    return new Y.Map(Object.entries(v).flatMap(([k, x]) => (x === undefined ? [] : [[k, toY(x)] as const])));
  }
  return typeof v === "string" ? wellFormed(v) : v;
}

function writeFields(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) map.delete(key);
    else if (value !== undefined) map.set(key, toY(value));
  }
}

function getEntry(doc: Y.Doc, id: string): YEntry {
  const entry = entriesMap(doc).get(id);
  if (!(entry instanceof Y.Map)) throw new TimelineOpError("id", `There is no entry "${id}"`);
  return entry;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// 16 characters of 64 carry 96 random bits: ids created offline on many replicas do not collide.
function newEntryId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => ID_ALPHABET[b & 63]).join("");
}

const stamp = (opts: TOpOptions): string => (opts.now ?? new Date()).toISOString();

export function initTimeline(doc: Y.Doc, meta: TTimelineInit, opts: TOpOptions = {}): void {
  const m = parse(ZTimelineInit, meta);
  doc.transact(() => {
    writeFields(metaMap(doc), {
      title: m.title,
      summary: m.summary ?? "",
      language: m.language ?? "en",
      scale: m.scale ?? "human",
      schemaVersion: SCHEMA_VERSION,
    });
  }, opts.origin);
}

export function setMeta(doc: Y.Doc, patch: TMetaPatch, opts: TOpOptions = {}): void {
  const fields = parse(ZMetaPatch, patch);
  const meta = metaMap(doc);
  const replaced = replacedVisuals(meta, fields);
  doc.transact(() => {
    writeFields(meta, fields);
    // The title slide's own keys of the media or background it had (or its URL-less one) go with it.
    const extra = meta.get("extra");
    const title = extra instanceof Y.Map ? extra.get("title") : undefined;
    if (replaced.length > 0 && extra instanceof Y.Map && typeof title === "object" && title !== null && !Array.isArray(title)) {
      extra.set("title", Object.fromEntries(Object.entries(title).filter(([k]) => !(replaced as string[]).includes(k))));
    }
  }, opts.origin);
}

/** Adds an entry and returns its id: `opts.id` (which must be new) or a random one. */
export function addEntry(doc: Y.Doc, input: TEntryInput, opts: TOpOptions & { id?: string } = {}): string {
  const { headline, body, ...fields } = parse(ZEntryInput, input);
  if (opts.id === "") throw new TimelineOpError("id", "An entry id cannot be empty");
  if (opts.id !== undefined && entriesMap(doc).has(opts.id)) {
    throw new TimelineOpError("id", `There is already an entry "${opts.id}"`);
  }
  const id = opts.id ?? newEntryId();
  const now = stamp(opts);
  doc.transact(() => {
    const entry: YEntry = new Y.Map();
    entriesMap(doc).set(id, entry);
    writeFields(entry, { ...fields, createdBy: opts.userId, createdAt: now, updatedAt: now });
    entry.set("title", new Y.Text(wellFormed(headline)));
    const fragment = new Y.XmlFragment();
    entry.set("body", fragment);
    fragment.insert(0, (body ?? []).map(blockToY));
  }, opts.origin);
  return id;
}

/**
 * Changes an entry's fields. Sources, tags, media and background are replaced whole. The resulting dates
 * must hold together (end not before start). A verified entry whose date changes is sent back to review
 * by the server (its verification extension), whichever client made the change.
 */
export function updateEntry(doc: Y.Doc, id: string, patch: TEntryPatch, opts: TOpOptions = {}): void {
  const fields = parse(ZEntryPatch, patch);
  const entry = getEntry(doc, id);
  if (fields.start !== undefined || fields.end !== undefined) checkStoredRange(entry, fields.start, fields.end);
  // Before the write: whether the media or background is another one than the file's.
  const replaced = replacedVisuals(entry, fields);
  doc.transact(() => {
    writeFields(entry, { ...fields, updatedAt: stamp(opts) });
    dropFileKeys(entry, replaced);
    // An imported original stands for the field as imported: once the field is edited, the edit is what
    // an export writes (a cleared end date stays cleared, new media has no old caption).
    dropOriginals(entry, [
      ...(fields.start !== undefined ? ["start_date"] : []),
      ...(fields.end !== undefined ? ["end_date"] : []),
      ...(fields.media !== undefined ? ["media"] : []),
      ...(fields.background !== undefined ? ["background"] : []),
    ]);
  }, opts.origin);
}

type TVisualPatch = { media?: { url: string } | null; background?: { url?: string; color?: string } | null };

// The media or background a patch removes or replaces with another (a new URL or colour); editing its
// caption or alt text keeps it the same one.
function replacedVisuals(map: Y.Map<unknown>, patch: TVisualPatch): Array<"media" | "background"> {
  const current = (k: string, field: string) => {
    const v = map.get(k);
    return v instanceof Y.Map ? v.get(field) : undefined;
  };
  const out: Array<"media" | "background"> = [];
  if (patch.media === null || (patch.media !== undefined && patch.media.url !== current("media", "url"))) out.push("media");
  const bg = patch.background;
  if (bg === null || (bg !== undefined && (bg.url !== current("background", "url") || bg.color !== current("background", "color")))) out.push("background");
  return out;
}

// A file's unknown keys of its media or background belonged to that media: not to what replaces it.
function dropFileKeys(map: Y.Map<unknown>, keys: string[]): void {
  const extra = map.get("extra");
  if (!(extra instanceof Y.Map)) return;
  for (const k of keys) if (extra.has(k)) extra.delete(k);
}

function dropOriginals(map: Y.Map<unknown>, keys: string[]): void {
  const extra = map.get("extra");
  if (keys.length === 0 || !(extra instanceof Y.Map)) return;
  const originals = extra.get(ORIGINALS_KEY);
  if (typeof originals !== "object" || originals === null || Array.isArray(originals)) return;
  if (!keys.some((k) => k in originals)) return;
  const rest = Object.fromEntries(Object.entries(originals).filter(([k]) => !keys.includes(k)));
  if (Object.keys(rest).length > 0) extra.set(ORIGINALS_KEY, rest);
  else extra.delete(ORIGINALS_KEY);
}

// Checks the dates an entry will have once a patch is applied; a stored value that is not a date (written
// by another client) is reported under its own field, so the user knows what to fix.
function checkStoredRange(entry: YEntry, start: string | undefined, end: string | null | undefined): void {
  const nextStart = start ?? entry.get("start");
  const nextEnd = end === null ? undefined : (end ?? entry.get("end"));
  if (typeof nextStart !== "string" || !tryParsePartialDate(nextStart).ok) {
    throw new TimelineOpError("start", `The entry's start, "${String(nextStart)}", is not a date: set a start date`);
  }
  if (nextEnd !== undefined && (typeof nextEnd !== "string" || !tryParsePartialDate(nextEnd).ok)) {
    throw new TimelineOpError("end", `The entry's end, "${String(nextEnd)}", is not a date: set or remove it`);
  }
  const error = rangeError(nextStart, nextEnd);
  if (error) throw new TimelineOpError(end !== undefined ? "end" : "start", error);
}

export function entryTitle(doc: Y.Doc, id: string): Y.Text {
  const title = getEntry(doc, id).get("title");
  if (!(title instanceof Y.Text)) throw new TimelineOpError("id", `Entry "${id}" has no headline text`);
  return title;
}

export function entryBody(doc: Y.Doc, id: string): Y.XmlFragment {
  const body = getEntry(doc, id).get("body");
  if (!(body instanceof Y.XmlFragment)) throw new TimelineOpError("id", `Entry "${id}" has no body`);
  return body;
}

/**
 * Turns `ytext` into `next` by deleting and inserting only the span between their common prefix and
 * suffix (never splitting a surrogate pair), so two people typing in one headline both keep their
 * keystrokes. Call it inside a transaction.
 */
export function applyTextDiff(ytext: Y.Text, next: string): void {
  const { index, remove, insert } = simpleDiffString(ytext.toString(), wellFormed(next));
  if (remove > 0) ytext.delete(index, remove);
  if (insert) ytext.insert(index, insert);
}

/** Sets the headline from a plain text field (an <input>), as a minimal edit. */
export function setHeadline(doc: Y.Doc, id: string, text: string, opts: TOpOptions = {}): void {
  const entry = getEntry(doc, id);
  const title = entryTitle(doc, id);
  if (title.toString() === wellFormed(text)) return;
  doc.transact(() => {
    applyTextDiff(title, text);
    entry.set("updatedAt", stamp(opts));
  }, opts.origin);
}

/**
 * Replaces the whole body, for imports and seeds: live editing goes through Tiptap's Collaboration
 * extension bound to `entryBody()`.
 */
export function setBody(doc: Y.Doc, id: string, blocks: TBodyBlock[], opts: TOpOptions = {}): void {
  const parsed = parse(ZBody, blocks, "body");
  const entry = getEntry(doc, id);
  const fragment = entryBody(doc, id);
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(0, parsed.map(blockToY));
    entry.set("updatedAt", stamp(opts));
  }, opts.origin);
}

export const ZStatusSet = z.object({
  status: ZStatus,
  /** The user it is attributed to; absent when the server acts for nobody in particular. */
  by: z.string().min(1).optional(),
  byName: z.string().optional(),
  at: z.iso.datetime({ error: "Use an ISO 8601 time" }),
  note: z.string().optional(),
  /** Set by the server's fallback: a verified entry changed, so it needs review again. */
  auto: z.boolean().optional(),
});
export type TStatusSet = z.input<typeof ZStatusSet>;

/**
 * Sets an entry's status with who set it, when and why: the server's write (the status route and the
 * verification extension), never a client's. Setting `verified` records the values verified, so a
 * later change to them can be detected and shown; other statuses keep the last verified values.
 */
export function setEntryStatus(doc: Y.Doc, id: string, set: TStatusSet, opts: TOpOptions = {}): void {
  const { status, by, byName, at, note, auto } = parse(ZStatusSet, set);
  const entry = getEntry(doc, id);
  doc.transact(() => {
    writeFields(entry, { status, statusBy: by ?? null, statusByName: byName ?? null, statusAt: at, statusNote: note ?? null });
    if (auto) entry.set("statusAuto", true);
    else entry.delete("statusAuto");
    if (status === "verified") entry.set("verifiedAs", verifiedView(readEntry(entry, id)));
  }, opts.origin);
}

export function deleteEntry(doc: Y.Doc, id: string, opts: TOpOptions = {}): void {
  getEntry(doc, id); // throws if there is no such entry
  doc.transact(() => entriesMap(doc).delete(id), opts.origin);
}

// The body as y-prosemirror stores Tiptap StarterKit content: one Y.XmlElement per node, named after the
// node type, with its non-null attributes; the text runs of a block in one Y.XmlText whose formatting
// attributes are the marks, each holding the mark's attributes.

function element(name: string, children: Array<Y.XmlElement | Y.XmlText>): Y.XmlElement {
  const el = new Y.XmlElement(name);
  el.insert(0, children);
  return el;
}

function blockToY(block: TBodyBlock): Y.XmlElement {
  switch (block.type) {
    case "paragraph":
      return paragraph(block.content);
    case "blockquote":
      return element("blockquote", [paragraph(block.content)]);
    case "bulletList":
      return element("bulletList", listItems(block.items));
    case "orderedList": {
      const list = element("orderedList", listItems(block.items));
      // Tiptap's orderedList has `start` (default 1), which y-prosemirror stores as the number ProseMirror
      // holds; Yjs's typings only allow string attributes.
      (list as unknown as Y.XmlElement<{ start: number }>).setAttribute("start", 1);
      return list;
    }
  }
}

function listItems(items: TBodyInline[][]): Y.XmlElement[] {
  return items.map((item) => element("listItem", [paragraph(item)]));
}

// Tiptap's Link defaults, as y-prosemirror stores every attribute of the mark.
const LINK_ATTRS = { target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null };

// Marks in ProseMirror's order for the StarterKit schema (link, bold, italic), so a body written here
// reads back exactly like one typed in the editor. Plain text gets `{}`: without attributes Yjs would
// carry over the formatting of the run before it.
function marks(inline: TBodyInline): Record<string, object> {
  return {
    ...(inline.href !== undefined && { link: { href: inline.href, ...LINK_ATTRS } }),
    ...(inline.bold && { bold: {} }),
    ...(inline.italic && { italic: {} }),
  };
}

// A paragraph: runs of text in Y.XmlTexts, and "\n" as Tiptap's hardBreak node between them.
function paragraph(inlines: TBodyInline[]): Y.XmlElement {
  const block = blockChildren();
  for (const inline of inlines) {
    inline.text.split("\n").forEach((line, i) => {
      if (i > 0) block.element(new Y.XmlElement("hardBreak"));
      if (line) block.text({ insert: wellFormed(line), attributes: marks(inline) });
    });
  }
  return element("paragraph", block.done());
}

type TTextRun = { insert: string; attributes: Record<string, unknown> };

// A block's children as y-prosemirror stores them: consecutive runs of text in one Y.XmlText, closed
// by the next element.
function blockChildren(): { text: (run: TTextRun) => void; element: (el: Y.XmlElement) => void; done: () => Array<Y.XmlElement | Y.XmlText> } {
  const children: Array<Y.XmlElement | Y.XmlText> = [];
  let runs: TTextRun[] = [];
  const flush = (): void => {
    if (runs.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(runs);
    children.push(text);
    runs = [];
  };
  return {
    text: (run) => runs.push(run),
    element: (el) => {
      flush();
      children.push(el);
    },
    done: () => {
      flush();
      return children;
    },
  };
}

/** The body's text: one line per textblock (paragraph, heading...); hard breaks are line breaks too. */
export function bodyToPlainText(fragment: Y.XmlFragment): string {
  return textblocks(fragment).join("\n");
}

// A textblock holds only text and hard breaks (an empty paragraph too); any other element is a container.
function textblocks(parent: Y.XmlFragment): string[] {
  return parent.toArray().flatMap((child) => {
    if (!(child instanceof Y.XmlElement)) return [];
    const inner = child.toArray();
    const isHardBreak = (c: unknown) => c instanceof Y.XmlElement && c.nodeName === "hardBreak";
    if (!inner.every((c) => c instanceof Y.XmlText || isHardBreak(c))) return textblocks(child);
    return [inner.map((c) => (c instanceof Y.XmlText ? deltaText(c) : "\n")).join("")];
  });
}

function deltaText(text: Y.XmlText): string {
  const delta: Array<{ insert: unknown }> = text.toDelta();
  return delta.map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
}

// Imports. A converter of lib/formats reads a file into this plain form; writeImportedTimeline writes it
// into an empty doc in one transaction.

/** A run of headline text with the inline formatting TimelineJS headlines carry; "\n" is a line break. */
export type TRichRun = { text: string; bold?: true; italic?: true; link?: { href: string; target?: string } };

/**
 * What a field was in the imported file, written back on export while the field is as imported: the
 * HTML of the headline and text (their classes, data-* attributes and spans have no place in the editor),
 * a date TimelineJS wrote with parts ours do not hold (an hour without minutes, milliseconds, year 0),
 * media or a background TimelineJS would not show (no URL) while the entry has none of its own.
 */
export type TOriginals = { headline?: string; text?: string; start_date?: TJson; end_date?: TJson; media?: TJson; background?: TJson };

/** The key of `extra` holding the originals, with the fingerprint of the field they stand for. */
export const ORIGINALS_KEY = "$original";
export type TStoredOriginal = { for: string; value: TJson };

export type TImportedEntry = {
  id: string;
  start: string;
  end?: string;
  qualifier?: (typeof QUALIFIERS)[number];
  displayDate?: string;
  headline: TRichRun[];
  body: TBodyNode;
  media?: z.input<typeof ZMedia>;
  background?: z.input<typeof ZBackground>;
  sources?: z.input<typeof ZSource>[];
  group?: string;
  tags?: string[];
  extra?: Record<string, TJson>;
  originals?: TOriginals;
};

export type TImportedEra = {
  start: string;
  end: string;
  title: string;
  extra?: Record<string, TJson>;
  originals?: { headline?: string; start_date?: TJson; end_date?: TJson };
};

export type TImportedTimeline = {
  title: string;
  /** May hold the simple HTML of a TimelineJS title slide (PRODUCT.md). */
  summary: string;
  scale: (typeof SCALES)[number];
  language?: string;
  media?: z.input<typeof ZMedia>;
  background?: z.input<typeof ZBackground>;
  extra?: Record<string, TJson>;
  /** The title slide's headline HTML; null when the file had no title slide (the title is a stand-in). */
  originals?: { title?: string | null };
  eras: TImportedEra[];
  entries: TImportedEntry[];
};

const ZJsonRecord = z.record(z.string(), z.json());

const ZRichRun = z.object({
  text: z.string(),
  bold: z.literal(true).optional(),
  italic: z.literal(true).optional(),
  link: z.object({ href: z.string(), target: z.string().optional() }).optional(),
});

const ZBodyNode: z.ZodType<TBodyNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1),
    attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    content: z.array(ZBodyNode).optional(),
    text: z.string().optional(),
    marks: z.array(z.object({ type: z.string().min(1), attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional() })).optional(),
  }),
);

const ZImportedEntry = z
  .object({
    id: z.string().min(1, "An entry id cannot be empty"),
    start: ZPartialDate,
    end: ZPartialDate.optional(),
    qualifier: ZQualifier.optional(),
    displayDate: z.string().optional(),
    headline: z.array(ZRichRun),
    body: ZBodyNode,
    media: ZMedia.optional(),
    background: ZBackground.optional(),
    sources: z.array(ZSource).optional(),
    group: z.string().optional(),
    tags: ZTags.optional(),
    extra: ZJsonRecord.optional(),
    originals: z
      .object({
        headline: z.string().optional(),
        text: z.string().optional(),
        start_date: z.json().optional(),
        end_date: z.json().optional(),
        media: z.json().optional(),
        background: z.json().optional(),
      })
      .optional(),
  })
  .superRefine((e, ctx) => {
    const error = rangeError(e.start, e.end);
    if (error) ctx.addIssue({ code: "custom", path: ["end"], message: error });
  });

const ZImportedTimeline = z.object({
  title: z.string(),
  summary: z.string(),
  scale: z.enum(SCALES),
  language: ZLanguage.optional(),
  media: ZMedia.optional(),
  background: ZBackground.optional(),
  extra: ZJsonRecord.optional(),
  originals: z.object({ title: z.string().nullable().optional() }).optional(),
  eras: z.array(
    z
      .object({
        start: ZPartialDate,
        end: ZPartialDate,
        title: z.string(),
        extra: ZJsonRecord.optional(),
        originals: z.object({ headline: z.string().optional(), start_date: z.json().optional(), end_date: z.json().optional() }).optional(),
      })
      .superRefine((e, ctx) => {
        const error = rangeError(e.start, e.end);
        if (error) ctx.addIssue({ code: "custom", path: ["end"], message: error });
      }),
  ),
  entries: z.array(ZImportedEntry),
});

/**
 * Writes an imported timeline into an empty doc: meta, eras and entries, each entry's headline with its
 * formatting, its body as the editor stores it, and `extra` with the originals of the fields that carry
 * them, each tied to the fingerprint of the field as written here.
 */
export function writeImportedTimeline(doc: Y.Doc, input: TImportedTimeline, opts: TOpOptions = {}): void {
  const t = parse(ZImportedTimeline, input);
  const ids = new Set<string>();
  t.entries.forEach((e, i) => {
    if (ids.has(e.id)) throw new TimelineOpError(`entries.${i}.id`, `There is already an entry "${e.id}"`);
    ids.add(e.id);
  });
  const now = stamp(opts);
  doc.transact(() => {
    const meta = metaMap(doc);
    writeFields(meta, {
      title: t.title,
      summary: t.summary,
      language: t.language ?? "en",
      scale: t.scale,
      schemaVersion: SCHEMA_VERSION,
      media: t.media,
      background: t.background,
    });
    const metaOriginals: Record<string, TStoredOriginal> = {};
    if (t.originals?.title !== undefined) metaOriginals.title = { for: textFingerprint(wellFormed(t.title)), value: t.originals.title };
    writeExtra(meta, t.extra, metaOriginals);

    erasArray(doc).push(
      t.eras.map((era) => {
        const map = new Y.Map<unknown>();
        writeFields(map, { start: era.start, end: era.end, title: era.title });
        const originals: Record<string, TStoredOriginal> = {};
        if (era.originals?.headline !== undefined) originals.headline = { for: textFingerprint(wellFormed(era.title)), value: era.originals.headline };
        if (era.originals?.start_date !== undefined) originals.start_date = { for: era.start, value: era.originals.start_date };
        if (era.originals?.end_date !== undefined) originals.end_date = { for: era.end, value: era.originals.end_date };
        writeExtra(map, era.extra, originals);
        return map;
      }),
    );

    for (const { id, headline, body, extra, originals, ...fields } of t.entries) {
      const entry: YEntry = new Y.Map();
      entriesMap(doc).set(id, entry);
      writeFields(entry, { ...fields, status: "draft", createdBy: opts.userId, createdAt: now, updatedAt: now });
      const title = new Y.Text();
      entry.set("title", title);
      title.applyDelta(headline.map(runToDelta));
      const fragment = new Y.XmlFragment();
      entry.set("body", fragment);
      fragment.insert(0, (body.content ?? []).flatMap((node) => nodeToY(node, 1)));
      const stored: Record<string, TStoredOriginal> = {};
      if (originals?.headline !== undefined) stored.headline = { for: headlineFingerprint(title), value: originals.headline };
      if (originals?.text !== undefined) stored.text = { for: bodyFingerprint(fragment), value: originals.text };
      if (originals?.start_date !== undefined) stored.start_date = { for: fields.start, value: originals.start_date };
      if (originals?.end_date !== undefined) stored.end_date = { for: fields.end ?? "", value: originals.end_date };
      if (originals?.media !== undefined) stored.media = { for: "", value: originals.media };
      if (originals?.background !== undefined) stored.background = { for: "", value: originals.background };
      writeExtra(entry, extra, stored);
    }
  }, opts.origin);
}

// `extra` holds plain JSON values (Yjs stores them as they are), never Y types: it is kept, not edited.
function writeExtra(map: Y.Map<unknown>, extra: Record<string, TJson> | undefined, originals: Record<string, TStoredOriginal>): void {
  const entries: Array<[string, unknown]> = Object.entries(extra ?? {}).map(([k, v]) => [k, wellFormedJson(v)]);
  if (Object.keys(originals).length > 0) entries.push([ORIGINALS_KEY, wellFormedJson(originals as unknown as TJson)]);
  if (entries.length > 0) map.set("extra", new Y.Map(entries));
}

function wellFormedJson(v: TJson): TJson {
  if (typeof v === "string") return wellFormed(v);
  if (Array.isArray(v)) return v.map(wellFormedJson);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [wellFormed(k), wellFormedJson(x)]));
  return v;
}

function runToDelta(run: TRichRun): { insert: string; attributes: Record<string, unknown> } {
  return {
    insert: wellFormed(run.text),
    attributes: {
      ...(run.bold && { bold: true }),
      ...(run.italic && { italic: true }),
      ...(run.link && { link: run.link.target === undefined ? { href: run.link.href } : { ...run.link } }),
    },
  };
}

// A ProseMirror node as y-prosemirror stores it: an element per node with its attributes, the text runs of a
// block in one Y.XmlText whose formatting attributes are the marks. A node nested deeper than the body reader
// goes (MAX_BODY_DEPTH) is written as its text, as the reader would show it.
const MAX_IMPORT_DEPTH = 100;

function nodeToY(node: TBodyNode, depth: number): Y.XmlElement[] {
  if (node.type === "text") return [];
  const el = new Y.XmlElement(node.type);
  for (const [k, v] of Object.entries(node.attrs ?? {})) {
    // y-prosemirror stores numbers and booleans (a heading's level) as they are; Yjs's typings only allow strings.
    if (v !== null) (el as unknown as Y.XmlElement<Record<string, string>>).setAttribute(k, v as string);
  }
  const block = blockChildren();
  for (const child of node.content ?? []) {
    if (child.type === "text") {
      if (child.text) block.text({ insert: wellFormed(child.text), attributes: Object.fromEntries((child.marks ?? []).map((m) => [m.type, m.attrs ?? {}])) });
    } else if (depth < MAX_IMPORT_DEPTH) {
      for (const y of nodeToY(child, depth + 1)) block.element(y);
    } else {
      const text = flatNodeText(child);
      if (text) block.text({ insert: wellFormed(text), attributes: {} });
    }
  }
  el.insert(0, block.done());
  return [el];
}

// Iterative: the node may be nested far deeper than the stack would allow.
function flatNodeText(root: TBodyNode): string {
  const parts: string[] = [];
  const stack: TBodyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "text" && node.text) parts.push(node.text);
    const content = node.content ?? [];
    for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]);
  }
  return parts.join(" ");
}

// Restores (issue 15). A version is another Y.Doc read from a snapshot; restoring writes, on top of the
// live doc, whatever makes its content equal to the version's, and leaves alone what already is: an
// unchanged entry, field or body is not rewritten, so what others type into it meanwhile is kept.

/**
 * Makes the live doc's content (meta, eras, every entry with all its keys) equal to `version`'s, in one
 * transaction: entries added since are deleted, deleted ones re-created with their old id, changed
 * fields set back, a headline by a minimal text edit, a changed body replaced.
 */
export function restoreTimeline(doc: Y.Doc, version: Y.Doc, opts: TOpOptions = {}): void {
  doc.transact(() => {
    restoreMap(metaMap(doc), metaMap(version));
    const eras = erasArray(doc);
    const old = erasArray(version);
    if (stableJson(contentOf(eras)) !== stableJson(contentOf(old))) {
      eras.delete(0, eras.length);
      eras.insert(0, old.toArray().map(cloneValue) as Array<Y.Map<unknown>>);
    }
    const entries = entriesMap(doc);
    const wanted = entriesMap(version);
    for (const id of [...entries.keys()]) if (!wanted.has(id)) entries.delete(id);
    wanted.forEach((_entry, id) => restoreOneEntry(doc, version, id));
  }, opts.origin);
}

/** Makes one entry equal to its state in `version` (re-created if it was deleted since); no other is touched. */
export function restoreEntry(doc: Y.Doc, version: Y.Doc, id: string, opts: TOpOptions = {}): void {
  if (!(entriesMap(version).get(id) instanceof Y.Map)) throw new TimelineOpError("id", `The version has no entry "${id}"`);
  doc.transact(() => restoreOneEntry(doc, version, id), opts.origin);
}

function restoreOneEntry(doc: Y.Doc, version: Y.Doc, id: string): void {
  const entries = entriesMap(doc);
  const source = entriesMap(version).get(id);
  const target = entries.get(id);
  if (!(source instanceof Y.Map)) {
    if (source === undefined) entries.delete(id);
    else entries.set(id, cloneValue(source) as YEntry); // a value some client stored that is no entry: as it was
    return;
  }
  if (!(target instanceof Y.Map)) entries.set(id, source.clone());
  else restoreMap(target, source);
}

function restoreMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
  source.forEach((value, key) => {
    const current = target.get(key);
    if (stableJson(contentOf(current)) === stableJson(contentOf(value))) return;
    if (current instanceof Y.Text && !(current instanceof Y.XmlText) && value instanceof Y.Text && !(value instanceof Y.XmlText)) {
      // A headline: a minimal edit keeps what someone types elsewhere in it; if its formatting still
      // differs (an imported headline's bold or links), its runs are written again.
      applyTextDiff(current, value.toString());
      if (stableJson(current.toDelta()) !== stableJson(value.toDelta())) {
        current.delete(0, current.length);
        current.applyDelta(value.toDelta());
      }
    } else if (current instanceof Y.XmlFragment && !(current instanceof Y.XmlElement) && value instanceof Y.XmlFragment && !(value instanceof Y.XmlElement)) {
      restoreBlocks(current, value);
    } else {
      target.set(key, cloneValue(value));
    }
  });
}

/**
 * A body made equal to the version's block by block, in place (an editor bound to the fragment keeps its
 * binding): blocks equal in both stay as they are, so what an offline replica types into one of them
 * merges when it returns; only the blocks that differ are replaced.
 */
function restoreBlocks(current: Y.XmlFragment, version: Y.XmlFragment): void {
  const wanted = version.toArray();
  let at = 0;
  let from = 0;
  for (const part of diffArrays(current.toArray().map(String), wanted.map(String))) {
    if (part.removed) current.delete(at, part.count);
    else if (part.added) {
      current.insert(at, wanted.slice(from, from + part.count).map(cloneValue) as Array<Y.XmlElement | Y.XmlText>);
      at += part.count;
      from += part.count;
    } else {
      at += part.count;
      from += part.count;
    }
  }
}

function cloneValue(v: unknown): unknown {
  return v instanceof Y.AbstractType ? v.clone() : v;
}

/** A value with everything that makes it what it is (text formatting, XML attributes) as plain data. */
export function contentOf(v: unknown): unknown {
  if (v instanceof Y.XmlText) return { xmlText: v.toDelta() };
  if (v instanceof Y.Text) return { text: v.toDelta() };
  if (v instanceof Y.XmlElement || v instanceof Y.XmlFragment) return { xml: v.toString() };
  if (v instanceof Y.Map) return { map: Object.fromEntries([...v.entries()].map(([k, x]) => [k, contentOf(x)])) };
  if (v instanceof Y.Array) return { array: v.toArray().map(contentOf) };
  return { value: v === undefined ? null : v };
}

// JSON with object keys sorted, so equal values built in another key order compare equal.
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
