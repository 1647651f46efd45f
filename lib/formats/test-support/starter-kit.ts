// Test support: bodies as the editor writes them, through the real Tiptap StarterKit schema and
// y-prosemirror, so the exports are tested against the layout they will meet in production.
import { getSchema } from "@tiptap/core";
import { StarterKit } from "@tiptap/starter-kit";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";

export const schema = getSchema([StarterKit]);

/** A body fragment holding what the editor would store for `json` (a ProseMirror `doc`). */
export function editorBody(json: object): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment("body");
  prosemirrorJSONToYXmlFragment(schema, json, fragment);
  return fragment;
}

const text = (t: string, ...marks: object[]): object => (marks.length > 0 ? { type: "text", text: t, marks } : { type: "text", text: t });
const paragraph = (...content: object[]): object => ({ type: "paragraph", content });
const item = (...content: object[]): object => ({ type: "listItem", content });

/** Every node and mark of StarterKit. */
export const EVERY_NODE_AND_MARK = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("Siege of Idlib")] },
    paragraph(
      text("Plain, "),
      text("bold", { type: "bold" }),
      text(", "),
      text("italic", { type: "italic" }),
      text(", "),
      text("strike", { type: "strike" }),
      text(", "),
      text("code()", { type: "code" }),
      text(", "),
      text("underline", { type: "underline" }),
      text(", "),
      text("a link", { type: "link", attrs: { href: "https://example.org/report?id=1&lang=en" } }),
      { type: "hardBreak" },
      text("after a break"),
    ),
    { type: "blockquote", content: [paragraph(text("Quoted"))] },
    {
      type: "bulletList",
      content: [
        item(paragraph(text("One"))),
        item(paragraph(text("Two")), { type: "bulletList", content: [item(paragraph(text("Nested")))] }),
      ],
    },
    { type: "orderedList", attrs: { start: 3 }, content: [item(paragraph(text("Third"))), item(paragraph(text("Fourth")))] },
    { type: "codeBlock", attrs: { language: "js" }, content: [text("if (a < b) {\n  x();\n}")] },
    { type: "horizontalRule" },
    { type: "paragraph" },
  ],
};
