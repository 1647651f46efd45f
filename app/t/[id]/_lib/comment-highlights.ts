// Comment threads in the body editor: the passages of open threads highlighted for everyone, and the
// anchor of a new thread made from the reader's selection. Anchors are Yjs relative positions
// (lib/timeline/anchors.ts), resolved against the ProseMirror doc through y-tiptap's binding.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { decodeAnchor, encodeAnchor, type TAnchor } from "@/lib/timeline/anchors";

export type THighlight = { threadId: string; anchor: TAnchor };

type TMapping = Parameters<typeof absolutePositionToRelativePosition>[2];
type TSync = { doc: Y.Doc; type: Y.XmlFragment; mapping: TMapping };

type TState = { highlights: readonly THighlight[]; focusId: string | null; decorations: DecorationSet };
type TMeta = { highlights?: readonly THighlight[]; focusId?: string | null };

export const commentHighlightsKey = new PluginKey<TState>("commentHighlights");

/** The Collaboration extension's binding: the Y.Doc, the body's fragment and the Yjs → ProseMirror node map. */
function syncOf(state: EditorState): TSync | null {
  const s: unknown = ySyncPluginKey.getState(state);
  if (typeof s !== "object" || s === null) return null;
  const { doc, type, binding } = s as { doc?: unknown; type?: unknown; binding?: { mapping?: unknown } };
  if (!(doc instanceof Y.Doc) || !(type instanceof Y.XmlFragment) || !(binding?.mapping instanceof Map)) return null;
  return { doc, type, mapping: binding.mapping as TMapping };
}

/**
 * Where a relative position is in the ProseMirror doc now. y-tiptap refuses a text position that
 * resolves to 1 (the first character of the body), taking it for one misresolved after a
 * structural change; such a position is asked again as an index in its text, which it accepts.
 */
function absoluteOf(sync: TSync, rpos: Y.RelativePosition): number | null {
  const pos = relativePositionToAbsolutePosition(sync.doc, sync.type, rpos, sync.mapping);
  if (pos !== null) return pos;
  const at = Y.createAbsolutePositionFromRelativePosition(rpos, sync.doc);
  if (!at || !(at.type instanceof Y.XmlText)) return null;
  return relativePositionToAbsolutePosition(sync.doc, sync.type, Y.createRelativePositionFromTypeIndex(at.type, at.index, -1), sync.mapping);
}

function decorate(state: EditorState, highlights: readonly THighlight[], focusId: string | null): DecorationSet {
  const sync = syncOf(state);
  if (!sync || highlights.length === 0) return DecorationSet.empty;
  const size = state.doc.content.size;
  const decorations: Decoration[] = [];
  for (const { threadId, anchor } of highlights) {
    const positions = decodeAnchor(anchor);
    if (!positions) continue;
    const from = absoluteOf(sync, positions.start);
    const to = absoluteOf(sync, positions.end);
    // Not (yet) in this doc, or all of its text deleted: nothing to highlight.
    if (from === null || to === null || to <= from || to > size) continue;
    decorations.push(
      Decoration.inline(from, to, {
        class: threadId === focusId ? "comment-highlight comment-highlight--focus" : "comment-highlight",
        "data-thread-id": threadId,
      }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Rebuilt from the relative positions whenever the doc changes through Yjs (a colleague's edit, the
 * first render, undo), where the binding's node map is current. A local edit is mapped instead: its
 * Yjs update is written only after this transaction, so the relative positions would still resolve
 * against the old text. Inline decorations are not inclusive, like the anchor's ends (start assoc
 * ≥ 0, end assoc < 0): text typed at either edge stays outside the passage.
 */
function apply(tr: Transaction, prev: TState, _old: EditorState, state: EditorState): TState {
  const meta = tr.getMeta(commentHighlightsKey) as TMeta | undefined;
  const highlights = meta?.highlights ?? prev.highlights;
  const focusId = meta?.focusId !== undefined ? meta.focusId : prev.focusId;
  if (meta !== undefined || tr.getMeta(ySyncPluginKey) !== undefined) {
    return { highlights, focusId, decorations: decorate(state, highlights, focusId) };
  }
  if (!tr.docChanged) return prev;
  return { highlights, focusId, decorations: prev.decorations.map(tr.mapping, tr.doc) };
}

export type TCommentHighlightsOptions = {
  /** A click on a highlighted passage: the page shows its thread. */
  onOpen: (threadId: string) => void;
};

export const CommentHighlights = Extension.create<TCommentHighlightsOptions>({
  name: "commentHighlights",
  addOptions() {
    return { onOpen: () => undefined };
  },
  addProseMirrorPlugins() {
    const { onOpen } = this.options;
    return [
      new Plugin<TState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ highlights: [], focusId: null, decorations: DecorationSet.empty }),
          apply,
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          handleClick: (_view, _pos, event) => {
            const target = event.target instanceof Element ? event.target.closest(".comment-highlight") : null;
            const threadId = target?.getAttribute("data-thread-id");
            // A click that selects text (the end of a drag) is not a request to open the thread.
            if (!threadId || !window.getSelection()?.isCollapsed) return false;
            onOpen(threadId);
            return false;
          },
        },
      }),
    ];
  },
});

export function setHighlights(view: EditorView, highlights: readonly THighlight[]): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { highlights } satisfies TMeta));
}

export function setFocusedHighlight(view: EditorView, focusId: string | null): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { focusId } satisfies TMeta));
}

/** Whether this body was asked to highlight the thread's passage (open threads with an anchor). */
export function isHighlighted(state: EditorState, threadId: string): boolean {
  return commentHighlightsKey.getState(state)?.highlights.some((h) => h.threadId === threadId) ?? false;
}

export type TSelectedPassage = { from: number; to: number; quote: string };

/**
 * The passage the reader has selected in this body. Read from the DOM selection: in a read-only
 * editor (a fact-checker's) ProseMirror's own selection does not follow the mouse everywhere, and
 * the DOM's is what the reader sees. Falls back to ProseMirror's while the editor has focus (a
 * keyboard selection it drew itself).
 */
export function selectedPassage(view: EditorView): TSelectedPassage | null {
  let range: { from: number; to: number } | null = null;
  const selection = view.dom.ownerDocument.getSelection();
  if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
    const r = selection.getRangeAt(0);
    if (view.dom.contains(r.startContainer) && view.dom.contains(r.endContainer)) {
      try {
        const a = view.posAtDOM(r.startContainer, r.startOffset);
        const b = view.posAtDOM(r.endContainer, r.endOffset);
        range = { from: Math.min(a, b), to: Math.max(a, b) };
      } catch {
        range = null;
      }
    }
  } else if (view.hasFocus() && !view.state.selection.empty) {
    range = { from: view.state.selection.from, to: view.state.selection.to };
  }
  if (!range || range.to <= range.from) return null;
  const quote = view.state.doc.textBetween(range.from, range.to, "\n").trim();
  return quote === "" ? null : { ...range, quote };
}

/**
 * The anchor of a passage: y-tiptap makes both ends associate left (assoc -1); the start is moved to
 * associate right, with the passage's first character, so text typed just before the passage stays
 * out of it (lib/timeline/anchors.ts).
 */
export function anchorOf(view: EditorView, from: number, to: number): TAnchor | null {
  const sync = syncOf(view.state);
  if (!sync) return null;
  const startLeft = absolutePositionToRelativePosition(from, sync.type, sync.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, sync.type, sync.mapping) as Y.RelativePosition;
  const at = Y.createAbsolutePositionFromRelativePosition(startLeft, sync.doc);
  if (!at) return null;
  return encodeAnchor(Y.createRelativePositionFromTypeIndex(at.type, at.index, 0), end);
}
