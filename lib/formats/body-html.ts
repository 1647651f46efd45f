// Entry bodies to HTML and Markdown, by an allow-list of the Tiptap StarterKit schema as y-prosemirror
// stores it. A body may come from any Yjs client, so nothing is taken on trust: an unknown node keeps its
// text but loses its tag, an unknown mark is dropped, a link must pass safeHref, every string is escaped.
import type * as Y from "yjs";
import { type TAttrValue, type TBodyMark, type TBodyNode, readBody } from "./body-nodes";
import {
  escapeAttr,
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownHeading,
  guardLineStart,
  markdownDestination,
  safeHref,
} from "./escape";

type TInlineMark =
  | { type: "link"; href: string; title?: string }
  | { type: "bold" | "italic" | "strike" | "underline" | "code" };

// Outermost first. Code is innermost so that a Markdown code span never has to hold other markup.
const MARK_ORDER = ["link", "bold", "italic", "strike", "underline", "code"] as const;

// The marks we render, in MARK_ORDER; a link whose href is not safe is dropped and its text kept.
function resolveMarks(marks: TBodyMark[] = []): TInlineMark[] {
  return MARK_ORDER.flatMap((type): TInlineMark[] => {
    const mark = marks.find((m) => m.type === type);
    if (mark === undefined) return [];
    if (type !== "link") return [{ type }];
    const href = typeof mark.attrs?.href === "string" ? safeHref(mark.attrs.href) : null;
    if (href === null) return [];
    const title = mark.attrs?.title;
    return [typeof title === "string" && title !== "" ? { type, href, title } : { type, href }];
  });
}

function sameMark(a: TInlineMark, b: TInlineMark): boolean {
  if (a.type === "link" && b.type === "link") return a.href === b.href && a.title === b.title;
  return a.type === b.type;
}

type TSegment = { text: string; marks: TInlineMark[] };
type TInlineTree = Array<string | { mark: TInlineMark; children: TInlineTree }>;

// Runs of text to nested marks, keeping a mark open across the runs that share it, as ProseMirror's
// serializer does: "<strong>a <em>b</em></strong>", not "<strong>a </strong><strong><em>b</em></strong>".
function nestMarks(segments: TSegment[]): TInlineTree {
  const root: TInlineTree = [];
  const open: Array<{ mark: TInlineMark; children: TInlineTree }> = [];
  for (const { text, marks } of segments) {
    let keep = 0;
    while (keep < open.length && keep < marks.length && sameMark(open[keep].mark, marks[keep])) keep++;
    open.length = keep;
    for (const mark of marks.slice(keep)) {
      const node = { mark, children: [] };
      (open.at(-1)?.children ?? root).push(node);
      open.push(node);
    }
    (open.at(-1)?.children ?? root).push(text);
  }
  return root;
}

const isText = (node: TBodyNode): node is TBodyNode & { text: string } =>
  node.type === "text" && typeof node.text === "string";

function segmentsOf(nodes: TBodyNode[]): TSegment[] {
  return nodes.filter(isText).map((node) => ({ text: node.text, marks: resolveMarks(node.marks) }));
}

function integerAttr(v: TAttrValue | undefined): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

function headingLevel(node: TBodyNode): number {
  return Math.min(6, Math.max(1, integerAttr(node.attrs?.level) ?? 1));
}

// A code block's language becomes a class name: anything but a plain identifier is left out.
function codeLanguage(node: TBodyNode): string | undefined {
  const language = node.attrs?.language;
  return typeof language === "string" && /^[A-Za-z0-9_+#.-]{1,40}$/.test(language) ? language : undefined;
}

// Text of a code block: its text nodes, hard breaks as newlines; marks and other nodes do not apply.
function codeText(nodes: TBodyNode[] = []): string {
  return nodes.map((n) => (isText(n) ? n.text : n.type === "hardBreak" ? "\n" : codeText(n.content))).join("");
}

// HTML

/** The body as an HTML fragment, inert whatever the document holds. */
export function bodyToHtml(fragment: Y.XmlFragment): string {
  return childrenHtml(readBody(fragment).content);
}

function childrenHtml(nodes: TBodyNode[] = []): string {
  let html = "";
  let run: TBodyNode[] = [];
  for (const node of nodes) {
    if (isText(node)) {
      run.push(node);
      continue;
    }
    html += inlineHtml(run) + nodeHtml(node);
    run = [];
  }
  return html + inlineHtml(run);
}

function nodeHtml(node: TBodyNode): string {
  const inner = (): string => childrenHtml(node.content);
  switch (node.type) {
    case "paragraph":
      return `<p>${inner()}</p>`;
    case "heading": {
      const level = headingLevel(node);
      return `<h${level}>${inner()}</h${level}>`;
    }
    case "blockquote":
      return `<blockquote>${inner()}</blockquote>`;
    case "bulletList":
      return `<ul>${inner()}</ul>`;
    case "orderedList":
      return `<ol${orderedListAttrs(node)}>${inner()}</ol>`;
    case "listItem":
      return `<li>${inner()}</li>`;
    case "hardBreak":
      return "<br>";
    case "horizontalRule":
      return "<hr>";
    case "codeBlock": {
      const language = codeLanguage(node);
      const cls = language === undefined ? "" : ` class="language-${escapeAttr(language)}"`;
      return `<pre><code${cls}>${escapeHtml(codeText(node.content))}</code></pre>`;
    }
    default:
      return inner();
  }
}

// Tiptap's orderedList has `start` and `type` ("a", "I"...: the numbering style).
function orderedListAttrs(node: TBodyNode): string {
  const start = integerAttr(node.attrs?.start);
  const type = node.attrs?.type;
  return (
    (start === undefined || start === 1 ? "" : ` start="${start}"`) +
    (typeof type === "string" && ["1", "a", "A", "i", "I"].includes(type) ? ` type="${type}"` : "")
  );
}

const MARK_TAGS = { bold: "strong", italic: "em", strike: "s", underline: "u", code: "code" } as const;

export const LINK_REL = "noopener noreferrer nofollow";

function inlineHtml(nodes: TBodyNode[]): string {
  return treeHtml(nestMarks(segmentsOf(nodes)));
}

function treeHtml(tree: TInlineTree): string {
  return tree
    .map((item) => {
      if (typeof item === "string") return escapeHtml(item);
      const { mark, children } = item;
      if (mark.type !== "link") return `<${MARK_TAGS[mark.type]}>${treeHtml(children)}</${MARK_TAGS[mark.type]}>`;
      const title = mark.title === undefined ? "" : ` title="${escapeAttr(mark.title)}"`;
      return `<a href="${escapeAttr(mark.href)}"${title} rel="${LINK_REL}">${treeHtml(children)}</a>`;
    })
    .join("");
}

// Markdown (CommonMark; strikethrough is GFM's `~~`, and underline has no syntax: its text is kept)

/** The body as CommonMark blocks separated by blank lines, no trailing newline; no raw HTML. */
export function bodyToMarkdown(fragment: Y.XmlFragment): string {
  return blocksMarkdown(readBody(fragment).content);
}

const isInline = (node: TBodyNode): boolean => isText(node) || node.type === "hardBreak";

function blocksMarkdown(nodes: TBodyNode[] = []): string {
  const blocks: string[] = [];
  let inline: TBodyNode[] = [];
  const push = (block: string): void => {
    if (block !== "") blocks.push(block);
  };
  for (const node of nodes) {
    if (isInline(node)) {
      inline.push(node);
      continue;
    }
    push(paragraphMarkdown(inline));
    inline = [];
    push(blockMarkdown(node));
  }
  push(paragraphMarkdown(inline));
  return blocks.join("\n\n");
}

function blockMarkdown(node: TBodyNode): string {
  switch (node.type) {
    case "paragraph":
      return paragraphMarkdown(node.content);
    case "heading": {
      // An ATX heading is one line: hard breaks become spaces.
      const nodes = inlineNodes(node.content).map((n) => (isText(n) ? n : { type: "text", text: " " }));
      return `${"#".repeat(headingLevel(node))} ${inlineMarkdown(nodes, escapeMarkdownHeading)}`.trimEnd();
    }
    case "blockquote":
      return prefixLines(blocksMarkdown(node.content), "> ", "> ");
    case "bulletList":
    case "orderedList":
      return listMarkdown(node);
    case "horizontalRule":
      return "---";
    case "codeBlock":
      return codeBlockMarkdown(node);
    default:
      return blocksMarkdown(node.content);
  }
}

// CommonMark reads at most nine digits as a list number.
const MAX_LIST_NUMBER = 999_999_999;

function listMarkdown(list: TBodyNode): string {
  const items = list.content ?? [];
  const ordered = list.type === "orderedList";
  const first = Math.min(Math.max(integerAttr(list.attrs?.start) ?? 1, 0), MAX_LIST_NUMBER - items.length + 1);
  return items
    .map((item, i) => {
      const marker = ordered ? `${first + i}. ` : "- ";
      const body = blocksMarkdown(item.type === "listItem" ? item.content : [item]);
      return body === "" ? marker.trimEnd() : prefixLines(body, marker, " ".repeat(marker.length));
    })
    .join("\n");
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split("\n")
    .map((line, i) => {
      const prefix = i === 0 ? first : rest;
      return line === "" ? prefix.trimEnd() : prefix + line;
    })
    .join("\n");
}

function longestBacktickRun(s: string): number {
  return Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
}

function codeBlockMarkdown(node: TBodyNode): string {
  const code = codeText(node.content);
  const fence = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
  return [`${fence}${codeLanguage(node) ?? ""}`, ...(code === "" ? [] : [code]), fence].join("\n");
}

// Text and hard breaks of a textblock; an element that has no business there (crafted) gives its text.
function inlineNodes(nodes: TBodyNode[] = []): TBodyNode[] {
  return nodes.flatMap((n) => (isInline(n) ? [n] : inlineNodes(n.content)));
}

// Lines joined by backslash hard breaks; each line guarded, since it starts a line of the output.
function paragraphMarkdown(nodes: TBodyNode[] = []): string {
  const lines: TBodyNode[][] = [[]];
  for (const node of inlineNodes(nodes)) {
    if (isText(node)) lines[lines.length - 1].push(node);
    else lines.push([]);
  }
  const rendered = lines.map((line) => guardLineStart(inlineMarkdown(line, escapeMarkdown)));
  // A backslash ending the paragraph would be a literal backslash, not a break.
  while (rendered.at(-1) === "") rendered.pop();
  return rendered.join("\\\n");
}

const DELIMITERS = { bold: "**", italic: "*", strike: "~~" } as const;
type TDelimited = keyof typeof DELIMITERS;
const isDelimited = (m: TInlineMark): m is { type: TDelimited } => m.type in DELIMITERS;

function inlineMarkdown(nodes: TBodyNode[], escape: (s: string) => string): string {
  const segments = segmentsOf(nodes).map(({ text, marks }) => ({ text: text.replace(/\r\n?|\n/g, " "), marks }));
  return treeMarkdown(nestMarks(expelWhitespace(segments)), escape);
}

// "**" closes emphasis only right after a non-blank ("**bold **" is not bold), so blanks at the edges
// of a delimited mark move outside it, as prosemirror-markdown does.
function expelWhitespace(segments: TSegment[]): TSegment[] {
  const has = (segment: TSegment | undefined, mark: TInlineMark): boolean =>
    segment?.marks.some((m) => sameMark(m, mark)) ?? false;
  return segments.flatMap((segment, i): TSegment[] => {
    const opening = segment.marks.filter((m) => isDelimited(m) && !has(segments[i - 1], m));
    const closing = segment.marks.filter((m) => isDelimited(m) && !has(segments[i + 1], m));
    const without = (drop: TInlineMark[]): TInlineMark[] => segment.marks.filter((m) => !drop.includes(m));
    const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment.text) ?? ["", "", segment.text, ""];
    if (core === "") return [{ text: segment.text, marks: without([...opening, ...closing]) }];
    return [
      ...(lead ? [{ text: lead, marks: without(opening) }] : []),
      { text: core, marks: segment.marks },
      ...(trail ? [{ text: trail, marks: without(closing) }] : []),
    ];
  });
}

function treeMarkdown(tree: TInlineTree, escape: (s: string) => string): string {
  return tree
    .map((item) => {
      if (typeof item === "string") return escape(item);
      const { mark, children } = item;
      switch (mark.type) {
        case "link":
          return `[${treeMarkdown(children, escape)}](${markdownDestination(mark.href)})`;
        case "code":
          return codeSpan(rawText(children));
        case "underline":
          return treeMarkdown(children, escape);
        default:
          return `${DELIMITERS[mark.type]}${treeMarkdown(children, escape)}${DELIMITERS[mark.type]}`;
      }
    })
    .join("");
}

function rawText(tree: TInlineTree): string {
  return tree.map((item) => (typeof item === "string" ? item : rawText(item.children))).join("");
}

// The fence is longer than any backtick run inside. A space pads content that starts or ends with a
// backtick or a space: CommonMark strips one space from each side when both are there.
function codeSpan(code: string): string {
  const fence = "`".repeat(longestBacktickRun(code) + 1);
  const pad = /\S/.test(code) && /^[ `]|[ `]$/.test(code) ? " " : "";
  return `${fence}${pad}${code}${pad}${fence}`;
}
