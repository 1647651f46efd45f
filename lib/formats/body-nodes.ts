// An entry body as ProseMirror JSON, read from the y-prosemirror layout that ops.ts describes: what the
// editor would load, without needing its schema. Any Yjs client may write a body, so node and mark names
// and attributes are read as data, never trusted: the renderers allow-list them.
import * as Y from "yjs";

export type TAttrValue = string | number | boolean | null;
export type TAttrs = Record<string, TAttrValue>;
export type TBodyMark = { type: string; attrs?: TAttrs };
export type TBodyNode = { type: string; attrs?: TAttrs; content?: TBodyNode[]; text?: string; marks?: TBodyMark[] };

// Far deeper than anything typed in the editor (a list nested 40 levels is 80), yet a crafted update can
// nest elements a hundred thousand deep, which a recursive reader would answer with a stack overflow.
export const MAX_BODY_DEPTH = 100;

/** The body as a `doc` node. Elements nested deeper than MAX_BODY_DEPTH are reduced to their text. */
export function readBody(fragment: Y.XmlFragment): TBodyNode {
  return { type: "doc", content: readChildren(fragment, 1) };
}

function readChildren(parent: Y.XmlFragment, depth: number): TBodyNode[] {
  return parent.toArray().flatMap((child): TBodyNode[] => {
    if (child instanceof Y.XmlText) return readText(child);
    if (!(child instanceof Y.XmlElement)) return [];
    if (depth > MAX_BODY_DEPTH) {
      const text = flatText(child);
      return text ? [{ type: "text", text }] : [];
    }
    const node: TBodyNode = { type: child.nodeName };
    const attrs = plainAttrs(child.getAttributes());
    if (attrs) node.attrs = attrs;
    const content = readChildren(child, depth + 1);
    if (content.length > 0) node.content = content;
    return [node];
  });
}

function readText(text: Y.XmlText): TBodyNode[] {
  const delta: Array<{ insert: unknown; attributes?: Record<string, unknown> }> = text.toDelta();
  return delta.flatMap(({ insert, attributes }): TBodyNode[] => {
    if (typeof insert !== "string" || insert === "") return [];
    const marks = readMarks(attributes ?? {});
    return [marks.length > 0 ? { type: "text", text: insert, marks } : { type: "text", text: insert }];
  });
}

// y-prosemirror names a mark that may occur several times on one text (`excludes: ""`) "name--<hash>".
const HASHED_MARK_NAME = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

function readMarks(attributes: Record<string, unknown>): TBodyMark[] {
  return Object.entries(attributes).flatMap(([key, value]): TBodyMark[] => {
    // A formatting attribute set to null or false is an absent one; y-prosemirror never writes either.
    if (value === null || value === undefined || value === false) return [];
    const type = HASHED_MARK_NAME.exec(key)?.[1] ?? key;
    const attrs = plainAttrs(value);
    return [attrs ? { type, attrs } : { type }];
  });
}

// Only JSON scalars: a crafted attribute may hold a Y type, binary or a nested object.
function plainAttrs(value: unknown): TAttrs | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter(([, v]) => isAttrValue(v));
  return entries.length > 0 ? (Object.fromEntries(entries) as TAttrs) : undefined;
}

function isAttrValue(v: unknown): v is TAttrValue {
  return v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

// Iterative, unlike everything else here: it is what keeps an absurdly deep element from overflowing. Texts
// are joined with spaces so that words of separate paragraphs do not run together.
function flatText(root: Y.XmlElement): string {
  const parts: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Y.XmlText) parts.push(readText(item).map((n) => n.text).join(""));
    else if (item instanceof Y.XmlElement) {
      const children = item.toArray();
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return parts.filter((p) => p !== "").join(" ");
}
