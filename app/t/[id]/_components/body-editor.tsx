"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import Link from "@tiptap/extension-link";
import { mergeAttributes } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { isSafeLinkUrl, linkHref } from "@/app/_lib/safe-url";
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
 * The entry's rich-text body: Tiptap bound to the entry's Y.XmlFragment. Mount one per entry (key
 * it by entry id): the Collaboration extension binds its fragment once, at creation.
 */
export function BodyEditor({
  fragment,
  provider,
  user,
  editable,
  labelId,
}: {
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: TPresenceUser;
  editable: boolean;
  labelId: string;
}) {
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
      CollaborationCaret.configure({ provider, user }),
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

  return (
    <div className="body-editor">
      {editor && editable && <Toolbar editor={editor} />}
      <EditorContent editor={editor} data-testid="field-body" />
    </div>
  );
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
