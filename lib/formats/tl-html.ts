// The HTML that TimelineJS fields carry (headline, text, caption, credit, the title slide's summary), read
// with parse5, the HTML Living Standard parser, so that what we keep, compare and convert is what a browser
// builds from the same string. TimelineJS puts these strings into its page with innerHTML, so an imported
// file is treated as hostile: the sanitizer keeps running text by an allow-list and reports what it removed.
import { type DefaultTreeAdapterTypes as T, defaultTreeAdapter, html as parse5Html, parseFragment, serialize } from "parse5";
import { MAX_BODY_DEPTH, type TBodyMark, type TBodyNode } from "./body-nodes";
import { escapeAttr, escapeHtml } from "./escape";

type TElement = T.Element;
type TChild = T.ChildNode;
type TParent = T.ParentNode;

const HTML_NS = parse5Html.NS.HTML;

// TimelineJS sets these strings as the innerHTML of an element in the page body (a `<div>` or `<h2>`), so
// they are parsed in that context: a fragment parsed without one would be read as a `<template>`'s content,
// where `<td>` or `<tr>` outside a table survive, unlike in the browser.
function parse(html: string): T.DocumentFragment {
  return parseFragment(defaultTreeAdapter.createElement("div", HTML_NS, []), html, {});
}

const isElement = (node: TChild): node is TElement => "tagName" in node;
const isText = (node: TChild): node is T.TextNode => node.nodeName === "#text";

// Elements whose content is not running text a reader sees (scripts, styles, embedded documents, plugins,
// foreign XML, form controls' values, raw-text elements): they go with their content.
const DROP_WITH_CONTENT = new Set([
  "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
  "param", "svg", "math", "textarea", "select", "datalist", "title", "xmp", "noembed", "noframes",
  "plaintext", "audio", "video", "canvas", "source", "track", "input", "base", "meta", "link", "area",
  "portal", "fencedframe", "head",
]);

// Running text: what TimelineJS's own templates and real timelines use, plus the inert phrasing elements
// of HTML (samp, var, ruby...). Anything else is unwrapped: its children stay, its tag goes.
const ALLOWED_ELEMENTS = new Set([
  "p", "br", "a", "b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "sub", "sup", "small", "mark",
  "code", "pre", "kbd", "samp", "var", "dfn", "q", "cite", "abbr", "bdi", "bdo", "wbr", "ruby", "rt", "rp",
  "span", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "hr",
  "img", "figure", "figcaption", "time", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
  "tr", "th", "td",
]);

const GLOBAL_ATTRIBUTES = new Set(["class", "id", "title", "lang", "dir"]);

// `data-*` names as HTML defines them (no uppercase, XML-name characters): SoundCite reads `data-url`,
// `data-start`... A name with quotes or `<` in it is a parse error that only a crafted string has.
const DATA_ATTRIBUTE = /^data-[-a-z0-9_.\u00b7\u00c0-\uffff]+$/;

type TUrlKind = "link" | "source";
// Attributes by element. A URL attribute names which rule its value must pass.
const ELEMENT_ATTRIBUTES: Record<string, Record<string, TUrlKind | true>> = {
  a: { href: "link", target: true, rel: true, hreflang: true },
  img: { src: "source", alt: true, width: true, height: true },
  time: { datetime: true },
  del: { datetime: true, cite: "link" },
  ins: { datetime: true, cite: "link" },
  q: { cite: "link" },
  blockquote: { cite: "link" },
  ol: { start: true, reversed: true, type: true },
  li: { value: true },
  td: { colspan: true, rowspan: true, headers: true },
  th: { colspan: true, rowspan: true, headers: true, scope: true, abbr: true },
  col: { span: true },
  colgroup: { span: true },
};

const URL_SCHEMES: Record<TUrlKind, readonly string[]> = {
  link: ["http", "https", "mailto"],
  source: ["http", "https"],
};

/**
 * Why a URL attribute may not stay, or null when it may. Read as a browser's URL parser reads it: leading
 * and trailing controls and spaces dropped, tabs and newlines deleted anywhere (so "java\tscript:" is a
 * javascript: URL). No scheme means a relative URL (`/a`, `a.html`, `//host/a`, `#part`), which stays.
 */
function urlProblem(value: string, kind: TUrlKind): string | null {
  const url = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  // No honest URL has a control character left inside; rather than replay what each parser does with one,
  // it is refused.
  if (/[\u0000-\u001f\u007f]/.test(url)) return "a URL with control characters";
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1].toLowerCase();
  if (scheme === undefined || URL_SCHEMES[kind].includes(scheme)) return null;
  return `${scheme}: URL`;
}

/** Whether a link may be followed from our pages: http(s), mailto, or relative (`#part` included). */
function allowedLink(href: string): boolean {
  return urlProblem(href, "link") === null;
}

/** The reason an attribute goes, or null when it stays. */
function attributeProblem(tag: string, attr: { name: string; value: string }): string | null {
  const { name, value } = attr;
  if (GLOBAL_ATTRIBUTES.has(name) || DATA_ATTRIBUTE.test(name)) return null;
  const rule = ELEMENT_ATTRIBUTES[tag]?.[name];
  const what = `${name} attribute on <${tag}>`;
  if (rule === undefined) return what;
  if (rule === true) return null;
  const problem = urlProblem(value, rule);
  return problem === null ? null : `${what} (${problem})`;
}

/** A set of descriptions, in the order first seen. */
class Report {
  private readonly seen = new Set<string>();
  add(what: string): void {
    this.seen.add(what);
  }
  list(): string[] {
    return [...this.seen];
  }
}

function textNode(value: string, parentNode: TParent): T.TextNode {
  return { nodeName: "#text", value, parentNode };
}

const deepMarkup = `markup nested deeper than ${MAX_BODY_DEPTH} levels (its text kept)`;

// Sanitizes `parent`'s children in place.
function sanitizeChildren(parent: TParent, depth: number, report: Report): void {
  const kept: TChild[] = [];
  for (const child of parent.childNodes) {
    if (isText(child)) {
      kept.push(child);
      continue;
    }
    if (!isElement(child)) {
      if (child.nodeName === "#comment") report.add("comment");
      continue;
    }
    const tag = child.tagName;
    if (child.namespaceURI !== HTML_NS || DROP_WITH_CONTENT.has(tag)) {
      report.add(`<${tag}> element`);
      continue;
    }
    // Past this depth nothing is formatting any more; the limit keeps this walk, and every recursive reader
    // of the result (the body readers, TimelineJS's DOM code), far from the stack's end.
    if (depth >= MAX_BODY_DEPTH) {
      report.add(deepMarkup);
      const text = flatText(child);
      if (text !== "") kept.push(textNode(text, parent));
      continue;
    }
    sanitizeChildren(child, depth + 1, report);
    if (!ALLOWED_ELEMENTS.has(tag)) {
      report.add(`<${tag}> element (its content kept)`);
      for (const grandchild of child.childNodes) {
        grandchild.parentNode = parent;
        kept.push(grandchild);
      }
      continue;
    }
    child.attrs = child.attrs.filter((attr) => {
      const problem = attributeProblem(tag, attr);
      if (problem !== null) report.add(problem);
      return problem === null;
    });
    kept.push(child);
  }
  parent.childNodes = kept;
}

// Taking an element out of its parent can let markup mean something else once parsed again ("<p><button>
// <p>" nests a paragraph in a paragraph only because of the button), so the result is parsed and
// sanitized again until parse5 reads back exactly what it wrote. Allow-listed HTML settles in one more
// round; the bound is for safety, never reached by the tests' hostile inputs.
const MAX_ROUNDS = 4;

/**
 * The HTML with only running text left: allow-listed elements and attributes, links http(s), mailto or
 * relative, image sources http(s) or relative; scripts, styles, embedded documents and form controls go
 * with their content, other unknown elements are unwrapped. `style` attributes go too: CSS can cover the
 * page around the timeline or load from anywhere, and TimelineJS styles its text by class. `removed` says,
 * for people, what went ("<script> element", "onclick attribute on <a>"), each once. Serialized by parse5,
 * so it is what a browser reads; sanitizing the result changes nothing.
 */
export function sanitizeTlHtml(html: string): { html: string; removed: string[] } {
  const report = new Report();
  let out = html;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fragment = parse(out);
    sanitizeChildren(fragment, 0, report);
    const next = serialize(fragment);
    if (round > 0 && next === out) break;
    out = next;
  }
  return { html: out, removed: report.list() };
}

/**
 * The HTML as parse5 serializes what it parsed: two strings are the same HTML as a browser reads it when
 * their normalized forms are equal (character references decoded the same way, attributes quoted the same
 * way, an unclosed `<p>` closed). Nothing is removed or trimmed.
 */
export function normalizeHtml(html: string): string {
  return serialize(parse(html));
}

// Elements that start and end a block of text: their edges separate words as a line break would.
const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog", "div", "dl",
  "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "summary", "table",
  "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

// SVG and MathML are dropped whole, so their text is not counted as shown either.
const isShown = (el: TElement): boolean => el.namespaceURI === HTML_NS && !DROP_WITH_CONTENT.has(el.tagName);

// Iterative, unlike the other readers: it is what a too-deep subtree is reduced to, so it must not overflow.
// Blocks and line breaks separate words by a space.
function flatText(root: TElement): string {
  let text = "";
  const stack: Array<TChild | " "> = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (item === " ") text += " ";
    else if (isText(item)) text += item.value;
    else if (isElement(item) && isShown(item)) {
      if (item.tagName === "br") {
        text += " ";
        continue;
      }
      const block = BLOCK_ELEMENTS.has(item.tagName);
      if (block) text += " ";
      if (block) stack.push(" ");
      for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]);
    }
  }
  return text;
}

const collapse = (s: string): string => s.replace(/[\t\n\f\r ]+/g, " ");

/**
 * The text a browser shows: character references decoded, `<br>` and block edges as one space, runs of
 * whitespace (HTML's: space, tab, newlines, form feed; not U+00A0) collapsed to one space, trimmed. What a
 * reader does not see (scripts, styles, `<template>`, `<noscript>`, an iframe's fallback) is left out.
 */
export function htmlText(html: string): string {
  const root = defaultTreeAdapter.createElement("div", HTML_NS, []);
  root.childNodes = parse(html).childNodes;
  return collapse(flatText(root)).replace(/^ | $/g, "");
}

// Headlines

/** A stretch of a headline with one formatting; "\n" is a line break. */
export type TTextRun = { text: string; bold?: true; italic?: true; link?: { href: string; target?: string } };

type TRunFormat = Omit<TTextRun, "text">;

function sameFormat(a: TRunFormat, b: TRunFormat): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.link?.href === b.link?.href &&
    a.link?.target === b.link?.target
  );
}

function runFormat(el: TElement, outer: TRunFormat): TRunFormat {
  switch (el.tagName) {
    case "b":
    case "strong":
      return { ...outer, bold: true };
    case "i":
    case "em":
      return { ...outer, italic: true };
    case "a": {
      const href = attribute(el, "href");
      if (href === undefined || !allowedLink(href)) return outer;
      const target = attribute(el, "target");
      return { ...outer, link: target === undefined ? { href } : { href, target } };
    }
    default:
      return outer;
  }
}

function attribute(el: TElement, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/**
 * A headline's inline formatting as TimelineJS headlines carry it (PRODUCT.md): bold (`<b>`, `<strong>`),
 * italic (`<i>`, `<em>`), links (http(s), mailto or relative, with their target) and line breaks (`<br>`,
 * and the edges of blocks, as "\n"). Other tags keep their text. Whitespace as a browser lays it out:
 * collapsed, none at either end or around a line break. Adjacent runs never share a format, so two
 * headlines that read the same give equal runs.
 */
export function htmlToRuns(html: string): TTextRun[] {
  const pieces: TPiece[] = [];
  const visit = (nodes: TChild[], format: TRunFormat, depth: number): void => {
    for (const node of nodes) {
      if (isText(node)) pieces.push({ text: collapse(node.value), format });
      if (!isElement(node) || !isShown(node)) continue;
      if (node.tagName === "br") {
        pieces.push({ text: "\n", format });
        continue;
      }
      const block = BLOCK_ELEMENTS.has(node.tagName);
      if (block) pieces.push({ text: BLOCK_EDGE, format });
      if (depth >= MAX_BODY_DEPTH) pieces.push({ text: collapse(flatText(node)), format });
      else visit(node.childNodes, runFormat(node, format), depth + 1);
      if (block) pieces.push({ text: BLOCK_EDGE, format });
    }
  };
  visit(parse(html).childNodes, {}, 0);
  return layOutRuns(pieces);
}

type TPiece = { text: string; format: TRunFormat };

// The edge of a block: a line break unless the line is already broken (two blocks meeting break once,
// a block right after a `<br>` adds none), and nothing at the start.
const BLOCK_EDGE = "\u0000";

// Whitespace and line breaks across the pieces as a browser lays them out, character by character so that
// a space can be dropped across two pieces.
function layOutRuns(pieces: TPiece[]): TTextRun[] {
  const out: Array<{ c: string; format: TRunFormat }> = [];
  for (const { text, format } of pieces) {
    for (const c of text) {
      const prev = out.at(-1)?.c;
      if (c === " " && (prev === undefined || prev === " " || prev === "\n")) continue;
      if (c === BLOCK_EDGE && (prev === undefined || prev === "\n")) continue;
      if ((c === "\n" || c === BLOCK_EDGE) && prev === " ") out.pop();
      out.push({ c: c === BLOCK_EDGE ? "\n" : c, format });
    }
  }
  while (out.at(-1)?.c === " " || out.at(-1)?.c === "\n") out.pop();
  const runs: TTextRun[] = [];
  for (const { c, format } of out) {
    const last = runs.at(-1);
    if (last !== undefined && sameFormat(last, format)) last.text += c;
    else runs.push({ ...cloneFormat(format), text: c });
  }
  return runs;
}

function cloneFormat(format: TRunFormat): TRunFormat {
  const out: TRunFormat = {};
  if (format.bold) out.bold = true;
  if (format.italic) out.italic = true;
  if (format.link) out.link = { ...format.link };
  return out;
}

/**
 * Runs back to HTML: `<a href target>` outermost, then `<strong>`, then `<em>`, one element kept open across
 * the runs that share it; "\n" as `<br>`; text escaped. A link that would not pass the import's rules
 * (the runs may come from any Yjs client) keeps its text only.
 */
export function runsToHtml(runs: TTextRun[]): string {
  type TOpen = { key: string; close: string };
  const open: TOpen[] = [];
  let html = "";
  for (const run of runs) {
    const wanted: Array<TOpen & { openTag: string }> = [];
    if (run.link !== undefined && allowedLink(run.link.href)) {
      const target = run.link.target === undefined ? "" : ` target="${escapeAttr(run.link.target)}"`;
      const openTag = `<a href="${escapeAttr(run.link.href)}"${target}>`;
      wanted.push({ key: openTag, openTag, close: "</a>" });
    }
    if (run.bold) wanted.push({ key: "b", openTag: "<strong>", close: "</strong>" });
    if (run.italic) wanted.push({ key: "i", openTag: "<em>", close: "</em>" });
    let keep = 0;
    while (keep < open.length && keep < wanted.length && open[keep].key === wanted[keep].key) keep++;
    while (open.length > keep) html += open.pop()?.close ?? "";
    for (const tag of wanted.slice(keep)) {
      html += tag.openTag;
      open.push({ key: tag.key, close: tag.close });
    }
    html += run.text.split("\n").map(escapeHtml).join("<br>");
  }
  while (open.length > 0) html += open.pop()?.close ?? "";
  return html;
}

// Bodies

// Marks in the StarterKit schema's order (its toJSON lists them so), of which `code` excludes all others.
const MARK_RANK = ["link", "bold", "code", "italic", "strike", "underline"];

const INLINE_MARKS: Record<string, string> = {
  strong: "bold", b: "bold", em: "italic", i: "italic", s: "strike", strike: "strike", del: "strike",
  u: "underline", code: "code",
};

type TTextblock = { type: "paragraph" } | { type: "heading"; attrs: { level: number } };
type TSink = { blocks: TBodyNode[]; inline: TBodyNode[]; textblock: TTextblock };

const newSink = (): TSink => ({ blocks: [], inline: [], textblock: { type: "paragraph" } });

function sameMarks(a: TBodyMark[] = [], b: TBodyMark[] = []): boolean {
  return a.length === b.length && a.every((m, i) => m.type === b[i].type && JSON.stringify(m.attrs) === JSON.stringify(b[i].attrs));
}

// As ProseMirror's DOMParser reads whitespace outside `<pre>`: collapsed, none at the start of a textblock
// or after a space or a line break, none at its end.
function addText(sink: TSink, raw: string, marks: TBodyMark[]): void {
  let text = collapse(raw);
  const last = sink.inline.at(-1);
  const afterSpace = last === undefined || last.type === "hardBreak" || (last.text ?? "").endsWith(" ");
  if (afterSpace && text.startsWith(" ")) text = text.slice(1);
  if (text === "") return;
  // Each piece stays its own node until the textblock is done: appending to one string and asking for
  // its end again would flatten it every time, quadratic in a long text of many small elements.
  sink.inline.push(marks.length > 0 ? { type: "text", text, marks } : { type: "text", text });
}

// Adjacent texts with the same marks as one node, as ProseMirror holds them.
function mergeTexts(inline: TBodyNode[]): TBodyNode[] {
  const out: TBodyNode[] = [];
  let parts: string[] = [];
  const close = () => {
    const last = out.at(-1);
    if (last?.type === "text" && parts.length > 1) last.text = parts.join("");
    parts = [];
  };
  for (const node of inline) {
    const last = out.at(-1);
    if (node.type === "text" && last?.type === "text" && sameMarks(last.marks, node.marks)) {
      parts.push(node.text ?? "");
      continue;
    }
    close();
    out.push({ ...node });
    if (node.type === "text") parts = [node.text ?? ""];
  }
  close();
  return out;
}

// The textblock that the inline content so far forms; `force` makes one even when it is empty (an
// explicit `<p></p>` is an empty paragraph, whitespace between two blocks is nothing).
function flush(sink: TSink, force = false): void {
  const last = sink.inline.at(-1);
  if (last?.type === "text" && last.text?.endsWith(" ")) {
    last.text = last.text.slice(0, -1);
    if (last.text === "") sink.inline.pop();
  }
  if (sink.inline.length > 0 || force) {
    const node: TBodyNode = { ...sink.textblock };
    if (sink.textblock.type === "heading") node.attrs = { ...sink.textblock.attrs };
    if (sink.inline.length > 0) node.content = mergeTexts(sink.inline);
    sink.blocks.push(node);
  }
  sink.inline = [];
}

function finish(sink: TSink): TBodyNode[] {
  flush(sink);
  return sink.blocks;
}

type TBodyContext = { marks: TBodyMark[]; depth: number; lost: Report };

function withMark(marks: TBodyMark[], mark: TBodyMark, lost: Report): TBodyMark[] {
  if (marks.some((m) => m.type === "code")) {
    lost.add(`${mark.type} inside code (code carries no other formatting)`);
    return marks;
  }
  if (mark.type === "code") {
    if (marks.length > 0) lost.add("formatting around code (code carries no other formatting)");
    return [mark];
  }
  const next = [...marks.filter((m) => m.type !== mark.type), mark];
  return next.sort((a, b) => MARK_RANK.indexOf(a.type) - MARK_RANK.indexOf(b.type));
}

const HEADING = /^h([1-6])$/;

// Attributes the body keeps for each element; any other is reported lost.
const BODY_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href", "target", "rel", "class", "title"],
  ol: ["start", "type"],
};

function reportLostAttributes(el: TElement, lost: Report): void {
  const kept = BODY_ATTRIBUTES[el.tagName] ?? [];
  for (const { name } of el.attrs) if (!kept.includes(name)) lost.add(`${name} attribute on <${el.tagName}>`);
}

function walkBody(nodes: TChild[], sink: TSink, ctx: TBodyContext): void {
  for (const node of nodes) {
    if (isText(node)) addText(sink, node.value, ctx.marks);
    else if (isElement(node)) walkElement(node, sink, ctx);
    else if (node.nodeName === "#comment") ctx.lost.add("comment");
  }
}

function walkElement(el: TElement, sink: TSink, ctx: TBodyContext): void {
  const tag = el.tagName;
  const { lost } = ctx;
  if (!isShown(el)) {
    lost.add(`<${tag}> element`);
    return;
  }
  if (ctx.depth >= MAX_BODY_DEPTH) {
    lost.add(deepMarkup);
    addText(sink, flatText(el), ctx.marks);
    return;
  }
  const inner: TBodyContext = { ...ctx, depth: ctx.depth + 1 };
  const heading = HEADING.exec(tag);
  if (tag !== "pre") reportLostAttributes(el, lost);
  if (tag === "p" || heading !== null) {
    flush(sink);
    const outer = sink.textblock;
    sink.textblock = heading === null ? { type: "paragraph" } : { type: "heading", attrs: { level: Number(heading[1]) } };
    const before = sink.blocks.length;
    walkBody(el.childNodes, sink, inner);
    flush(sink, sink.blocks.length === before);
    sink.textblock = outer;
  } else if (tag === "br") {
    sink.inline.push({ type: "hardBreak" });
  } else if (tag === "hr") {
    flush(sink);
    sink.blocks.push({ type: "horizontalRule" });
  } else if (tag === "pre") {
    flush(sink);
    sink.blocks.push(codeBlock(el, lost));
  } else if (tag === "blockquote") {
    flush(sink);
    sink.blocks.push({ type: "blockquote", content: container(el.childNodes, inner) });
  } else if (tag === "ul" || tag === "ol") {
    flush(sink);
    const list = listNode(el, inner);
    if (list !== null) sink.blocks.push(list);
  } else if (tag in INLINE_MARKS) {
    walkBody(el.childNodes, sink, { ...inner, marks: withMark(ctx.marks, { type: INLINE_MARKS[tag] }, lost) });
  } else if (tag === "a") {
    walkBody(el.childNodes, sink, { ...inner, marks: linkMarks(el, ctx) });
  } else if (BLOCK_ELEMENTS.has(tag)) {
    lost.add(`<${tag}> element (its text kept)`);
    flush(sink);
    walkBody(el.childNodes, sink, inner);
    flush(sink);
  } else {
    lost.add(`<${tag}> element${el.childNodes.length > 0 ? " (its text kept)" : ""}`);
    walkBody(el.childNodes, sink, inner);
  }
}

function linkMarks(el: TElement, ctx: TBodyContext): TBodyMark[] {
  const href = attribute(el, "href");
  if (href === undefined) {
    ctx.lost.add("<a> element without href (its text kept)");
    return ctx.marks;
  }
  const problem = urlProblem(href, "link");
  if (problem !== null) {
    ctx.lost.add(`link with ${problem === "a URL with control characters" ? problem : `a ${problem}`} (its text kept)`);
    return ctx.marks;
  }
  // Every attribute of the Link mark, null where the element has none (Tiptap's toJSON lists them all).
  const attr = (name: string): string | null => attribute(el, name) ?? null;
  const mark = { type: "link", attrs: { href, target: attr("target"), rel: attr("rel"), class: attr("class"), title: attr("title") } };
  return withMark(ctx.marks, mark, ctx.lost);
}

// Blocks of a blockquote or list item; StarterKit wants at least one.
function container(nodes: TChild[], ctx: TBodyContext): TBodyNode[] {
  const sink = newSink();
  walkBody(nodes, sink, ctx);
  const blocks = finish(sink);
  return blocks.length > 0 ? blocks : [{ type: "paragraph" }];
}

function listNode(el: TElement, ctx: TBodyContext): TBodyNode | null {
  const items: TBodyNode[] = [];
  let loose: TChild[] = [];
  // Content of a list outside any `<li>` (a crafted or hand-written list) becomes an item of its own.
  const closeLoose = (): void => {
    const sink = newSink();
    walkBody(loose, sink, ctx);
    const blocks = finish(sink);
    if (blocks.length > 0) items.push(listItem(blocks));
    loose = [];
  };
  for (const child of el.childNodes) {
    if (isElement(child) && child.tagName === "li") {
      closeLoose();
      reportLostAttributes(child, ctx.lost);
      items.push(listItem(container(child.childNodes, { ...ctx, depth: ctx.depth + 1 })));
    } else loose.push(child);
  }
  closeLoose();
  if (items.length === 0) return null;
  if (el.tagName === "ul") return { type: "bulletList", content: items };
  const start = Number.parseInt(attribute(el, "start") ?? "", 10);
  const type = attribute(el, "type");
  return {
    type: "orderedList",
    attrs: { start: Number.isSafeInteger(start) ? start : 1, type: type !== undefined && ["1", "a", "A", "i", "I"].includes(type) ? type : null },
    content: items,
  };
}

// StarterKit's listItem is "paragraph block*".
function listItem(blocks: TBodyNode[]): TBodyNode {
  return { type: "listItem", content: blocks[0]?.type === "paragraph" ? blocks : [{ type: "paragraph" }, ...blocks] };
}

// As Tiptap's codeBlock reads `<pre>`: the language from a `language-…` class of its first child element,
// the text with line breaks as newlines and nothing else.
function codeBlock(pre: TElement, lost: Report): TBodyNode {
  reportLostAttributes(pre, lost);
  const first = pre.childNodes.find(isElement);
  const classes = first === undefined ? [] : (attribute(first, "class") ?? "").split(/[\t\n\f\r ]+/);
  const language = classes.find((c) => c.startsWith("language-"))?.slice("language-".length) || null;
  let text = "";
  const visit = (nodes: TChild[], depth: number): void => {
    for (const node of nodes) {
      if (isText(node)) text += node.value;
      if (!isElement(node) || !isShown(node)) continue;
      if (node.tagName === "br") text += "\n";
      else {
        const isLanguageCode = node === first && node.tagName === "code";
        if (!isLanguageCode) lost.add(`<${node.tagName}> inside <pre> (its text kept)`);
        for (const { name } of node.attrs) {
          if (!(isLanguageCode && name === "class")) lost.add(`${name} attribute on <${node.tagName}>`);
        }
        if (depth >= MAX_BODY_DEPTH) text += flatText(node);
        else visit(node.childNodes, depth + 1);
      }
    }
  };
  visit(pre.childNodes, 1);
  const node: TBodyNode = { type: "codeBlock", attrs: { language } };
  if (text !== "") node.content = [{ type: "text", text }];
  return node;
}

/**
 * An entry body from TimelineJS HTML, as ProseMirror JSON of Tiptap's StarterKit (with Link): what
 * `schema.nodeFromJSON(body).toJSON()` gives back unchanged. Paragraphs, headings, blockquotes, lists,
 * code blocks, rules; bold, italic, strike, underline, code, links (href, target, rel, class, title; only
 * http(s), mailto or relative) and hard breaks. Inline content outside a block is wrapped in a paragraph;
 * other elements keep their text, a block element's as a paragraph of its own. `lost` says what the body
 * cannot hold (classes on paragraphs, `data-*`, images, tables...), each once; empty when the body keeps
 * everything but the choice between synonyms (`<b>` / `<strong>`, `<i>` / `<em>`, `<s>` / `<del>`).
 * A string without any element is plain text: one paragraph per blank-line-separated block.
 */
export function readBodyHtml(html: string): { body: TBodyNode; lost: string[] } {
  const lost = new Report();
  const nodes = parse(html).childNodes;
  if (!nodes.some(isElement)) {
    if (nodes.some((n) => n.nodeName === "#comment")) lost.add("comment");
    const text = nodes.map((n) => (isText(n) ? n.value : "")).join("");
    const content = text
      .split(/\r?\n[\t\f\r ]*\r?\n/)
      .map((block) => collapse(block).trim())
      .filter((block) => block !== "")
      .map((block): TBodyNode => ({ type: "paragraph", content: [{ type: "text", text: block }] }));
    return { body: { type: "doc", content: content.length > 0 ? content : [{ type: "paragraph" }] }, lost: lost.list() };
  }
  return { body: { type: "doc", content: container(nodes, { marks: [], depth: 0, lost }) }, lost: lost.list() };
}

/** `readBodyHtml(html).body`. */
export function htmlToBody(html: string): TBodyNode {
  return readBodyHtml(html).body;
}

/**
 * A field that may hold TimelineJS HTML (a summary, a caption, a credit) as text: what a browser shows
 * of it when it has markup or entities, else the string itself, line breaks and all.
 */
export function fieldText(s: string): string {
  return /[<&]/.test(s) ? htmlText(s) : s;
}
