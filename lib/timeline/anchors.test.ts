import { getSchema } from "@tiptap/core";
import { StarterKit } from "@tiptap/starter-kit";
import { absolutePositionToRelativePosition, initProseMirrorDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorText, decodeAnchor, encodeAnchor, ZAnchor, type TAnchor } from "./anchors";
import { addEntry, deleteEntry, entryBody } from "./ops";

const FIRST = "Government forces entered Maarat al-Numan on 28 January.";
const SECOND = "Residents fled north towards the border.";

function timeline(doc = new Y.Doc()): { doc: Y.Doc; id: string } {
  const id = addEntry(doc, {
    start: "2020-01-28",
    headline: "Maarat falls",
    body: [
      { type: "paragraph", content: [{ text: FIRST }] },
      { type: "paragraph", content: [{ text: "Residents fled " }, { text: "north", bold: true }, { text: " towards the border." }] },
    ],
  });
  return { doc, id };
}

// The Y.XmlText of the n-th paragraph, as y-prosemirror stores it.
function paragraphText(doc: Y.Doc, id: string, n: number, run = 0): Y.XmlText {
  const paragraph = entryBody(doc, id).get(n) as Y.XmlElement;
  return paragraph.get(run) as Y.XmlText;
}

// As the client anchors a selection: the start sticks to the character after it, the end to the one
// before it, so typing at either edge does not extend the passage.
function anchorOf(start: [Y.XmlText, number], end: [Y.XmlText, number]): TAnchor {
  return encodeAnchor(Y.createRelativePositionFromTypeIndex(start[0], start[1], 0), Y.createRelativePositionFromTypeIndex(end[0], end[1], -1));
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("anchorText", () => {
  it("reads the passage within one block", () => {
    const { doc, id } = timeline();
    const text = paragraphText(doc, id, 0);
    const from = FIRST.indexOf("entered");
    const anchor = anchorOf([text, from], [text, from + "entered Maarat al-Numan".length]);
    expect(anchorText(doc, id, anchor)).toBe("entered Maarat al-Numan");
  });

  it("joins the text of several blocks with a line break, formatted runs included", () => {
    const { doc, id } = timeline();
    const first = paragraphText(doc, id, 0);
    const bold = paragraphText(doc, id, 1);
    const anchor = anchorOf([first, FIRST.indexOf("on 28")], [bold, "Residents fled north".length]);
    expect(anchorText(doc, id, anchor)).toBe("on 28 January.\nResidents fled north");
  });

  it("reads the passage of a ProseMirror selection as the editor anchors it", () => {
    const { doc, id } = timeline();
    const body = entryBody(doc, id);
    const { doc: pm, mapping } = initProseMirrorDoc(body, getSchema([StarterKit]));
    const at = (pos: number) => absolutePositionToRelativePosition(pos, body, mapping) as Y.RelativePosition;
    // ProseMirror counts a paragraph's opening and closing as one position each.
    const secondStart = FIRST.length + 3;
    expect(pm.textBetween(1 + FIRST.indexOf("Maarat"), secondStart + "Residents".length, "\n")).toBe("Maarat al-Numan on 28 January.\nResidents");
    expect(anchorText(doc, id, encodeAnchor(at(1 + FIRST.indexOf("Maarat")), at(secondStart + "Residents".length)))).toBe(
      "Maarat al-Numan on 28 January.\nResidents",
    );
    // A selection from the end of one block into the next starts with the next one's text.
    expect(anchorText(doc, id, encodeAnchor(at(FIRST.length + 1), at(secondStart + "Residents fled north".length)))).toBe("Residents fled north");
    expect(anchorText(doc, id, encodeAnchor(at(0), at(pm.content.size)))).toBe(`${FIRST}\n${SECOND}`);
  });

  it("reads a hard break as a line break", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { start: "2020", headline: "h", body: [{ type: "paragraph", content: [{ text: "one\ntwo" }] }] });
    const paragraph = entryBody(doc, id).get(0) as Y.XmlElement;
    const anchor = anchorOf([paragraph.get(0) as Y.XmlText, 1], [paragraph.get(2) as Y.XmlText, 2]);
    expect(anchorText(doc, id, anchor)).toBe("ne\ntw");
  });

  it("follows the passage after concurrent inserts before and inside it on another replica", () => {
    const { doc: a, id } = timeline();
    const b = new Y.Doc();
    sync(a, b);
    const text = paragraphText(a, id, 0);
    const from = FIRST.indexOf("Maarat");
    const anchor = anchorOf([text, from], [text, from + "Maarat al-Numan".length]);
    // Both edit before either sees the other's change: b before the passage, a inside it, b inside too.
    paragraphText(b, id, 0).insert(from + "Maarat".length, " (Idlib)");
    paragraphText(b, id, 0).insert(0, "At dawn, ");
    text.insert(from + "Maarat al-".length, "X");
    // Typing at the passage's edges is not part of it.
    text.insert(from, "[");
    sync(a, b);
    expect(paragraphText(a, id, 0).toString()).toBe(paragraphText(b, id, 0).toString());
    expect(anchorText(a, id, anchor)).toBe("Maarat (Idlib) al-XNuman");
    expect(anchorText(b, id, anchor)).toBe("Maarat (Idlib) al-XNuman");
  });

  it("answers an empty string once the passage's text is deleted", () => {
    const { doc, id } = timeline();
    const text = paragraphText(doc, id, 0);
    const from = FIRST.indexOf("Maarat");
    const anchor = anchorOf([text, from], [text, from + "Maarat al-Numan".length]);
    text.delete(from - 2, "Maarat al-Numan".length + 4);
    expect(anchorText(doc, id, anchor)).toBe("");
  });

  it("answers an empty string once the passage's blocks are deleted", () => {
    const { doc, id } = timeline();
    const anchor = anchorOf([paragraphText(doc, id, 0), 3], [paragraphText(doc, id, 1), 4]);
    entryBody(doc, id).delete(0, 2);
    expect(anchorText(doc, id, anchor)).toBe("");
  });

  it("keeps what is left of a passage when part of it is deleted on another replica", () => {
    const { doc: a, id } = timeline();
    const b = new Y.Doc();
    sync(a, b);
    const anchor = anchorOf([paragraphText(a, id, 0), FIRST.indexOf("January")], [paragraphText(a, id, 1), "Residents".length]);
    paragraphText(b, id, 0).delete(FIRST.indexOf("January"), "January".length);
    sync(a, b);
    expect(anchorText(a, id, anchor)).toBe(".\nResidents");
  });

  it("keeps what is left when one block of the passage is deleted, in a doc that keeps deleted content", () => {
    const { doc, id } = timeline(new Y.Doc({ gc: false }));
    const anchor = anchorOf([paragraphText(doc, id, 0), 3], [paragraphText(doc, id, 1), "Residents fled".length]);
    entryBody(doc, id).delete(0, 1);
    expect(anchorText(doc, id, anchor)).toBe("Residents fled");
  });

  it("answers null once the entry is deleted", () => {
    const { doc, id } = timeline();
    const text = paragraphText(doc, id, 0);
    const anchor = anchorOf([text, 0], [text, 5]);
    deleteEntry(doc, id);
    expect(anchorText(doc, id, anchor)).toBeNull();
  });

  it("answers null for an anchor checked against another entry", () => {
    const { doc, id } = timeline();
    const other = addEntry(doc, { start: "2020-02-01", headline: "Other", body: [{ type: "paragraph", content: [{ text: "Something else" }] }] });
    const text = paragraphText(doc, id, 0);
    const anchor = anchorOf([text, 0], [text, 5]);
    expect(anchorText(doc, id, anchor)).toBe("Gover");
    expect(anchorText(doc, other, anchor)).toBeNull();
    expect(anchorText(doc, "no-such-entry", anchor)).toBeNull();
  });

  it("answers null for positions this doc has never seen", () => {
    const { doc, id } = timeline();
    const stranger = timeline();
    const text = paragraphText(stranger.doc, stranger.id, 0);
    expect(anchorText(doc, id, anchorOf([text, 0], [text, 5]))).toBeNull();
  });
});

describe("decodeAnchor", () => {
  it("round-trips what encodeAnchor made", () => {
    const { doc, id } = timeline();
    const text = paragraphText(doc, id, 0);
    const anchor = anchorOf([text, 2], [text, 9]);
    const decoded = decodeAnchor(anchor)!;
    expect(encodeAnchor(decoded.start, decoded.end)).toEqual(anchor);
    expect(ZAnchor.safeParse(anchor).success).toBe(true);
  });

  it("refuses what is not base64 of a relative position", () => {
    const { doc, id } = timeline();
    const text = paragraphText(doc, id, 0);
    const good = anchorOf([text, 2], [text, 9]);
    for (const bad of ["not base64!", "", "AAAA", "////", "QUJD", "=", good.start + "AAAA", "A".repeat(2_000)]) {
      expect(decodeAnchor({ start: bad, end: good.end }), bad).toBeNull();
      expect(ZAnchor.safeParse({ start: good.start, end: bad }).success, bad).toBe(false);
    }
    expect(ZAnchor.safeParse({ start: good.start }).success).toBe(false);
    expect(ZAnchor.safeParse("x").success).toBe(false);
  });

  it("refuses positions naming a root type, and reading them adds no root to the doc", () => {
    const { doc, id } = timeline();
    const text = paragraphText(doc, id, 0);
    const good = anchorOf([text, 2], [text, 9]);
    const roots = [...doc.share.keys()];
    // What a client could send: a root of this doc, or any name at all (each would become a new root).
    const named = [...roots, ...Array.from({ length: 1_000 }, (_, i) => `junk-${i}`)].map((tname) =>
      encodeAnchor(Y.createRelativePositionFromJSON({ tname, assoc: 0 }), Y.createRelativePositionFromJSON({ tname, assoc: -1 })),
    );
    for (const anchor of named) {
      expect(decodeAnchor(anchor)).toBeNull();
      expect(ZAnchor.safeParse({ start: good.start, end: anchor.end }).success).toBe(false);
      expect(anchorText(doc, id, anchor)).toBeNull();
      expect(anchorText(doc, id, { start: good.start, end: anchor.end })).toBeNull();
    }
    expect([...doc.share.keys()]).toEqual(roots);
    expect(anchorText(doc, id, good)).toBe(FIRST.slice(2, 9));
  });
});
