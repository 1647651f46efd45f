// Anchors of comment threads: a passage of an entry's body as two Yjs relative positions, so the
// passage follows its text as people type around and inside it (offsets would drift). The client
// makes them from a ProseMirror selection (y-tiptap's absolutePositionToRelativePosition); the
// server reads the passage's current text with anchorText.
import { fromBase64, toBase64 } from "lib0/buffer";
import * as Y from "yjs";
import { z } from "zod";
import { entriesMap } from "./schema";

/** Base64 of Y.encodeRelativePosition for each end of the passage. */
export type TAnchor = { start: string; end: string };

// A relative position is an id or a root name and an assoc: tens of bytes. The cap only stops a
// client from making the server decode (and the database store) megabytes.
const MAX_POSITION_CHARS = 1_000;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodePosition(s: string): Y.RelativePosition | null {
  if (s.length > MAX_POSITION_CHARS || s.length % 4 !== 0 || !BASE64.test(s)) return null;
  try {
    const position = Y.decodeRelativePosition(fromBase64(s));
    // A position in a body names an item or the body's own type, never a root type: resolving one
    // that names a root would create that root in the doc (Y.Doc.get), a live room's included.
    if (position.tname !== null) return null;
    // Yjs decodes many byte strings into something; only what encodes back to the same bytes is one.
    return toBase64(Y.encodeRelativePosition(position)) === s ? position : null;
  } catch {
    return null;
  }
}

export function encodeAnchor(start: Y.RelativePosition, end: Y.RelativePosition): TAnchor {
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

export function decodeAnchor(anchor: TAnchor): { start: Y.RelativePosition; end: Y.RelativePosition } | null {
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  return start && end ? { start, end } : null;
}

const isAnchor = (v: unknown): v is TAnchor =>
  typeof v === "object" && v !== null && typeof (v as TAnchor).start === "string" && typeof (v as TAnchor).end === "string" && decodeAnchor(v as TAnchor) !== null;

/** One issue for the whole anchor (not `anchor.start`): a client can only send it back whole. */
export const ZAnchor: z.ZodType<TAnchor> = z
  .custom<TAnchor>(isAnchor, { message: "an anchor is {start, end}: base64 Yjs relative positions" })
  .transform((a) => ({ start: a.start, end: a.end }));

// A position in the live tree; its type is only compared by identity.
type TPosition = { type: object; index: number };

// Where one end of the passage is now: in the body, elsewhere (another entry, garbage, a doc that
// has not seen it yet), or gone: its text was deleted with its whole block, and a doc that collects
// deleted content can no longer say where it was.
function locate(doc: Y.Doc, body: Y.XmlFragment, rpos: Y.RelativePosition): TPosition | "outside" | "gone" {
  const abs = Y.createAbsolutePositionFromRelativePosition(rpos, doc);
  if (!abs) {
    const id = rpos.item ?? rpos.type;
    return id !== null && id.clock < Y.getState(doc.store, id.client) ? "gone" : "outside";
  }
  if (abs.type !== body && !Y.isParentOf(body, abs.type._item)) return "outside";
  // In a doc that keeps deleted content, a position inside a deleted block moves to where the
  // outermost deleted block was.
  let position: TPosition = { type: abs.type, index: abs.index };
  for (let t = abs.type; t !== body && t._item; t = t._item.parent as typeof t) {
    if (t._item.deleted) position = { type: t._item.parent as typeof t, index: liveIndex(t._item) };
  }
  return position;
}

function liveIndex(item: Y.Item): number {
  let index = 0;
  for (let n = item.left; n; n = n.left) if (!n.deleted && n.countable) index += n.length;
  return index;
}

const isHardBreak = (node: unknown): boolean => node instanceof Y.XmlElement && node.nodeName === "hardBreak";
// A textblock (paragraph, heading...) holds only text and hard breaks, as in ops.ts's bodyToPlainText.
const isTextblock = (el: Y.XmlElement): boolean => el.toArray().every((c) => c instanceof Y.XmlText || isHardBreak(c));

/**
 * The body's text in document order with the offset of each wanted position in it: blocks joined
 * with "\n", hard breaks as "\n".
 */
function flatten(body: Y.XmlFragment, wanted: TPosition[]): { text: string; offsets: (number | undefined)[] } {
  let text = "";
  let blocks = 0;
  const offsets: (number | undefined)[] = wanted.map(() => undefined);
  const mark = (type: object, index: number): void => {
    wanted.forEach((w, i) => {
      if (w.type === type && w.index === index) offsets[i] = text.length;
    });
  };
  const visitText = (t: Y.XmlText): void => {
    let index = 0;
    mark(t, 0);
    for (const op of t.toDelta() as Array<{ insert: unknown }>) {
      const piece = typeof op.insert === "string" ? op.insert : null;
      // Yjs indexes a string by UTF-16 code unit, an embed as one.
      const units = piece === null ? 1 : piece.length;
      for (let k = 0; k < units; k++) {
        if (piece !== null) text += piece[k];
        mark(t, ++index);
      }
    }
  };
  const visit = (parent: Y.XmlFragment | Y.XmlElement): void => {
    parent.toArray().forEach((child, i) => {
      mark(parent, i);
      if (child instanceof Y.XmlText) visitText(child);
      else if (child instanceof Y.XmlElement) {
        if (isHardBreak(child)) {
          mark(child, 0);
          text += "\n";
        } else {
          if (isTextblock(child) && blocks++ > 0) text += "\n";
          visit(child);
        }
      }
    });
    mark(parent, parent.length);
  };
  visit(body);
  return { text, offsets };
}

/**
 * The passage's current text; null when the anchor does not point into this entry's body (or the
 * entry is gone); "" when all of its text was deleted. Text of several blocks joined with "\n".
 * An end deleted together with its whole block, in a doc that collects deleted content (the default),
 * can no longer say where it was: such a passage reads as deleted, "".
 */
export function anchorText(doc: Y.Doc, entryId: string, anchor: TAnchor): string | null {
  const positions = decodeAnchor(anchor);
  const entry = entriesMap(doc).get(entryId);
  const body = entry instanceof Y.Map ? entry.get("body") : undefined;
  if (!positions || !(body instanceof Y.XmlFragment)) return null;
  const start = locate(doc, body, positions.start);
  const end = locate(doc, body, positions.end);
  if (start === "outside" || end === "outside") return null;
  if (start === "gone" || end === "gone") return "";
  const { text, offsets } = flatten(body, [start, end]);
  const [from, to] = offsets;
  // Ends that crossed (everything between them deleted, then typed at that point) hold no text.
  if (from === undefined || to === undefined || to <= from) return "";
  // Block breaks at the edges of a selection that starts or ends between blocks are not its text.
  return text.slice(from, to).replace(/^\n+|\n+$/g, "");
}
