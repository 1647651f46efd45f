import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, entryBody } from "../timeline/ops";
import { MAX_BODY_DEPTH, readBody } from "./body-nodes";
import { EVERY_NODE_AND_MARK, editorBody, schema } from "./test-support/starter-kit";

function fragmentWith(...children: Array<Y.XmlElement | Y.XmlText>): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment("body");
  fragment.insert(0, children);
  return fragment;
}

describe("readBody", () => {
  it("reads what the editor stores back into the same ProseMirror document", () => {
    const body = readBody(editorBody(EVERY_NODE_AND_MARK));
    expect(schema.nodeFromJSON(body).eq(schema.nodeFromJSON(EVERY_NODE_AND_MARK))).toBe(true);
  });

  it("reads a body written by ops.ts", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, {
      start: "2019-12-24",
      headline: "h",
      body: [
        { type: "paragraph", content: [{ text: "See " }, { text: "the report", bold: true, href: "https://example.org/r" }] },
        { type: "orderedList", items: [[{ text: "one" }]] },
      ],
    });
    expect(readBody(entryBody(doc, id))).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "See " },
            {
              type: "text",
              text: "the report",
              marks: [
                {
                  type: "link",
                  attrs: { href: "https://example.org/r", target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null },
                },
                { type: "bold" },
              ],
            },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: 1 },
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] }],
        },
      ],
    });
  });

  it("takes y-prosemirror's hashed names of overlapping marks as the mark's name", () => {
    const text = new Y.XmlText();
    const fragment = fragmentWith(text);
    text.insert(0, "x", { "bold--AbCd12+/": {}, "comment--abcdEFGH": { id: "c1" } });
    expect(readBody(fragment).content).toEqual([
      { type: "text", text: "x", marks: [{ type: "bold" }, { type: "comment", attrs: { id: "c1" } }] },
    ]);
  });

  it("keeps only JSON scalars from crafted attributes", () => {
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    fragmentWith(paragraph);
    paragraph.insert(0, [text]);
    // Yjs's typings default attributes to strings; a crafted update sends anything.
    const attrs = paragraph as unknown as Y.XmlElement<Record<string, NonNullable<unknown> | null>>;
    attrs.setAttribute("nested", new Y.Map([["k", "v"]]));
    attrs.setAttribute("object", { a: 1 });
    attrs.setAttribute("nan", Number.NaN);
    attrs.setAttribute("ok", "yes");
    text.insert(0, "x", { link: { href: "https://example.org", evil: { deep: true }, list: [1] }, bold: true, italic: null });
    expect(readBody(paragraph.parent as Y.XmlFragment).content).toEqual([
      {
        type: "paragraph",
        attrs: { ok: "yes" },
        content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "https://example.org" } }, { type: "bold" }] }],
      },
    ]);
  });

  it("skips embeds in text and anything that is neither an element nor text", () => {
    const text = new Y.XmlText();
    const fragment = fragmentWith(text);
    text.insert(0, "ab");
    text.insertEmbed(1, { image: "javascript:alert(1)" });
    // Yjs's typings keep a hook out of a fragment; a crafted update does not.
    fragment.insert(1, [new Y.XmlHook("custom") as unknown as Y.XmlElement]);
    expect(readBody(fragment).content).toEqual([
      { type: "text", text: "a" },
      { type: "text", text: "b" },
    ]);
  });

  it("reduces elements nested beyond MAX_BODY_DEPTH to their text instead of overflowing the stack", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("body");
    const depth = 20_000;
    doc.transact(() => {
      let parent: Y.XmlFragment = fragment;
      for (let i = 0; i < depth; i++) {
        const child = new Y.XmlElement("blockquote");
        parent.insert(0, [child]);
        if (i === depth - 1) child.insert(0, [new Y.XmlText("deep"), new Y.XmlElement("paragraph")]);
        if (i === depth - 2) child.insert(0, [new Y.XmlText("sibling")]);
        parent = child;
      }
    });
    const body = readBody(fragment);
    let node = body;
    for (let i = 0; i < MAX_BODY_DEPTH; i++) node = node.content?.[0] ?? node;
    expect(node.type).toBe("blockquote");
    expect(node.content).toEqual([{ type: "text", text: "deep sibling" }]);
  });
});
