"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import Link from "@tiptap/extension-link";
import { mergeAttributes } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { isSafeLinkUrl, linkHref } from "@/app/_lib/safe-url";
import { FALLBACK_COLOR, isHexColor } from "@/app/_lib/user-color";
import type { TAnchor } from "@/lib/timeline/anchors";
import {
  CommentHighlights,
  anchorOf,
  isHighlighted,
  selectedPassage,
  setFocusedHighlight,
  setHighlights,
  type THighlight,
  type TSelectedPassage,
} from "../_lib/comment-highlights";
import type { TPresenceUser } from "../_lib/presence";

const LINK_REL = "noopener noreferrer nofollow";

/**
 * Links in a body come from anyone who can write the doc (or a crafted update), so the mark is
 * rendered from what we check, not what is stored. Stock Link renders a refused href as `href=""`,
 * which still links to this page; here a refused link has no href at all, and target, rel and class
 * are ours whatever the doc says (a stored rel could drop noopener).
 */
const SafeLink = Link.extend({
  renderHTML({ HTMLAttributes }) {
    const href = linkHref(HTMLAttributes.href);
    const attrs = {
      ...HTMLAttributes,
      href,
      target: href ? "_blank" : null,
      rel: href ? LINK_REL : null,
      // Stored classes could dress a link up as one of our controls.
      class: null,
      title: href ? HTMLAttributes.title : "Link removed: only http, https and mailto links are shown",
    };
    return ["a", mergeAttributes(this.options.HTMLAttributes, attrs), 0];
  },
}).configure({
  // Clicking places the caret while editing; read-only, the anchor is followed as any link is.
  openOnClick: false,
  autolink: true,
  defaultProtocol: "https",
  // http, https and mailto are linkify's own schemes: no `protocols` to register. This check runs on
  // typing, pasting and setLink too, so a refused URL never becomes a mark here.
  isAllowedUri: (url) => isSafeLinkUrl(url),
  HTMLAttributes: { target: "_blank", rel: LINK_REL },
});

/**
 * A colleague's caret. As Tiptap's, but the name is drawn by CSS from an attribute rather than
 * being a text node in the body, so it is not part of the body's text: not copied with a
 * selection, not found by the browser's search, not in what a test reads.
 */
function renderCaret(caretUser: Record<string, unknown>): HTMLElement {
  const color = typeof caretUser.color === "string" && isHexColor(caretUser.color) ? caretUser.color : FALLBACK_COLOR;
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.style.borderColor = color;
  caret.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = color;
  label.dataset.name = typeof caretUser.name === "string" ? caretUser.name : "";
  caret.append(label);
  return caret;
}

/** How long a passage opened from its thread stays emphasised. */
const FOCUS_MS = 2_500;

export type TPassageComment = { anchor: TAnchor; quote: string };

/**
 * The entry's rich-text body: Tiptap bound to the entry's Y.XmlFragment. Mount one per entry (key
 * it by entry id): the Collaboration extension binds its fragment once, at creation.
 *
 * Open threads' passages are highlighted (`highlights`); `focus` scrolls to one and emphasises it
 * briefly (a new `seq` each time it is asked). With `onComment`, selecting text offers a Comment
 * button, also in a read-only body (a fact-checker's).
 */
export function BodyEditor({
  fragment,
  provider,
  user,
  editable,
  labelId,
  highlights,
  focus,
  onComment,
  onOpenThread,
}: {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: TPresenceUser;
  editable: boolean;
  labelId: string;
  highlights: readonly THighlight[];
  focus: { threadId: string; seq: number } | null;
  /** Absent: this reader may not comment. */
  onComment?: (passage: TPassageComment) => void;
  onOpenThread: (threadId: string) => void;
}) {
  // The extension is configured once; the handler it calls is the latest.
  const openThread = useRef(onOpenThread);
  useEffect(() => {
    openThread.current = onOpenThread;
  });
  const editor = useEditor({
    // The document lives in the browser only; rendering on the server would show an empty body.
    immediatelyRender: false,
    editable,
    extensions: [
      StarterKit.configure({
        // Collaboration brings an undo that only undoes this user's own edits.
        undoRedo: false,
        link: false,
      }),
      SafeLink,
      Collaboration.configure({ fragment }),
      CollaborationCaret.configure({ provider, user, render: renderCaret }),
      CommentHighlights.configure({ onOpen: (threadId) => openThread.current(threadId) }),
    ],
    editorProps: {
      attributes: {
        class: "body-editor__content",
        "aria-labelledby": labelId,
        role: "textbox",
        "aria-multiline": "true",
      },
    },
  });

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) setHighlights(editor.view, highlights);
  }, [editor, highlights]);

  useFocusedPassage(editor, provider, focus);
  const [offer, setOffer] = useState<TCommentOffer | null>(null);
  const passage = offer?.passage ?? null;
  const boxRef = useRef<HTMLDivElement>(null);
  // Colleagues' keystrokes are transactions too: only a different passage or place re-renders.
  const follow = useCallback((next: TCommentOffer | null) => setOffer((prev) => (sameOffer(prev, next) ? prev : next)), []);
  useSelectedPassage(editor, onComment !== undefined, boxRef, follow);

  const comment = () => {
    if (!editor || !onComment) return;
    const current = selectedPassage(editor.view) ?? passage;
    const anchor = current && anchorOf(editor.view, current.from, current.to);
    if (!current || !anchor) return;
    onComment({ anchor, quote: current.quote });
    setOffer(null);
  };

  return (
    <div className="body-editor" ref={boxRef}>
      {editor && editable && <Toolbar editor={editor} />}
      <EditorContent editor={editor} data-testid="field-body" />
      {editor && onComment && offer && (
        <button
          type="button"
          className="button button--primary body-editor__comment"
          style={offer.place}
          // Keep the selection: a click would otherwise move it (and the focus) to the button first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={comment}
          data-testid="comment-on-selection"
        >
          Comment
        </button>
      )}
    </div>
  );
}

type TPlace = { top: number; left: number };
/** The passage selected and where its Comment button goes (undefined: where CSS puts it). */
type TCommentOffer = { passage: TSelectedPassage; place: TPlace | undefined };

function sameOffer(a: TCommentOffer | null, b: TCommentOffer | null): boolean {
  if (a === null || b === null) return a === b;
  const p = a.passage;
  const q = b.passage;
  return p.from === q.from && p.to === q.to && p.quote === q.quote && a.place?.top === b.place?.top && a.place?.left === b.place?.left;
}

/** Just below the end of the selection, inside the body's box. Reads layout: call it from a handler, not while rendering. */
function commentButtonPlace(editor: Editor, passage: TSelectedPassage, box: HTMLDivElement | null): TPlace | undefined {
  if (!box) return undefined;
  try {
    const end = editor.view.coordsAtPos(passage.to);
    const rect = box.getBoundingClientRect();
    return { top: end.bottom - rect.top + 6, left: Math.max(0, Math.min(end.left - rect.left - 40, rect.width - 110)) };
  } catch {
    return undefined;
  }
}

/**
 * Follows the reader's selection in this body (mouse, keyboard, or a selection made by script) and
 * where its Comment button goes: placed again when the text moves (a transaction) or the box is
 * resized (a window resize, the panel's width).
 */
function useSelectedPassage(
  editor: Editor | null,
  enabled: boolean,
  boxRef: RefObject<HTMLDivElement | null>,
  onOffer: (offer: TCommentOffer | null) => void,
): void {
  useEffect(() => {
    if (!editor || !enabled) return;
    const update = () => {
      if (editor.isDestroyed) return;
      const passage = selectedPassage(editor.view);
      onOffer(passage && { passage, place: commentButtonPlace(editor, passage, boxRef.current) });
    };
    const dom = editor.view.dom;
    document.addEventListener("selectionchange", update);
    dom.addEventListener("mouseup", update);
    dom.addEventListener("keyup", update);
    editor.on("transaction", update);
    const resized = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(update);
    if (boxRef.current) resized?.observe(boxRef.current);
    return () => {
      document.removeEventListener("selectionchange", update);
      dom.removeEventListener("mouseup", update);
      dom.removeEventListener("keyup", update);
      editor.off("transaction", update);
      resized?.disconnect();
    };
  }, [editor, enabled, boxRef, onOffer]);
}

/**
 * Scrolls to a thread's passage and emphasises it for a moment. The passage may not be drawn yet
 * (the editor not mounted, the server's copy of the body still on its way), so each transaction
 * looks again while that may be so. Once the body is in, a passage not drawn has no text left (or
 * its thread is resolved): there is nothing to show, and the search stops.
 */
function useFocusedPassage(editor: Editor | null, provider: WebsocketProvider, focus: { threadId: string; seq: number } | null): void {
  useEffect(() => {
    if (!editor || !focus) return;
    const selector = `.comment-highlight[data-thread-id="${CSS.escape(focus.threadId)}"]`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const stop = () => {
      done = true;
      editor.off("transaction", attempt);
      provider.off("sync", attempt);
    };
    function attempt() {
      // Not mounted yet: its first render is a transaction.
      if (done || !editor || editor.isDestroyed || !focus) return;
      const view = editor.view;
      if (!view.dom.querySelector(selector)) {
        if (provider.synced || !isHighlighted(view.state, focus.threadId)) stop();
        return;
      }
      stop();
      setFocusedHighlight(view, focus.threadId);
      // Asked again: the emphasis redraws the passage's element.
      view.dom.querySelector(selector)?.scrollIntoView({ block: "center", behavior: "smooth" });
      timer = setTimeout(() => {
        timer = undefined;
        if (!editor.isDestroyed) setFocusedHighlight(editor.view, null);
      }, FOCUS_MS);
    }
    editor.on("transaction", attempt);
    provider.on("sync", attempt);
    attempt();
    return () => {
      stop();
      // Asked for another passage (or closed) while this one is emphasised: it goes back to plain.
      if (timer !== undefined && !editor.isDestroyed) setFocusedHighlight(editor.view, null);
      clearTimeout(timer);
    };
  }, [editor, provider, focus]);
}

function Toolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      link: e.isActive("link"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
    }),
  });
  const [linkError, setLinkError] = useState<string | null>(null);

  function editLink() {
    const current: unknown = editor.getAttributes("link").href;
    const input = window.prompt("Link address (http, https or mailto)", typeof current === "string" ? current : "https://");
    if (input === null) return;
    const url = input.trim();
    if (url === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      setLinkError(null);
      return;
    }
    if (!isSafeLinkUrl(url)) {
      setLinkError("Links must start with http://, https:// or mailto:");
      return;
    }
    setLinkError(null);
    editor.chain().focus().extendMarkRange("link").setLink({ href: url }).run();
  }

  const buttons = [
    { label: "Bold", short: "B", on: active.bold, run: () => editor.chain().focus().toggleBold().run() },
    { label: "Italic", short: "I", on: active.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { label: "Link", short: "Link", on: active.link, run: editLink },
    { label: "Bulleted list", short: "• List", on: active.bulletList, run: () => editor.chain().focus().toggleBulletList().run() },
    { label: "Numbered list", short: "1. List", on: active.orderedList, run: () => editor.chain().focus().toggleOrderedList().run() },
    { label: "Quote", short: "“ Quote", on: active.blockquote, run: () => editor.chain().focus().toggleBlockquote().run() },
  ];

  return (
    <div className="toolbar" role="toolbar" aria-label="Body formatting">
      {buttons.map((b) => (
        <button
          key={b.label}
          type="button"
          className={`toolbar__button${b.on ? " toolbar__button--on" : ""}`}
          aria-pressed={b.on}
          aria-label={b.label}
          title={b.label}
          // Keep the editor's selection: a click would otherwise move focus to the button first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={b.run}
        >
          {b.short}
        </button>
      ))}
      {linkError && (
        <span className="toolbar__error" role="alert">
          {linkError}
        </span>
      )}
    </div>
  );
}
