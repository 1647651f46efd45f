// Issue 3, bodies: whatever a Yjs client stored, the HTML is inert and the Markdown holds no raw HTML and
// no unsafe link. Crafted bodies are written with Y types directly, as an update that bypassed ops.ts would.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, entryBody } from "../timeline/ops";
import { bodyToHtml, bodyToMarkdown } from "./body-html";
import { auditHtml, tokenize, visibleText } from "./test-support/html-audit";
import { EVERY_NODE_AND_MARK, editorBody } from "./test-support/starter-kit";

type TChild = Y.XmlElement | Y.XmlText;

function body(...children: TChild[]): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment("body");
  fragment.insert(0, children);
  return fragment;
}

// Any attribute value Yjs stores: its typings default to strings, a crafted update sends anything.
type TAnyAttrs = Record<string, NonNullable<unknown> | null>;

function el(name: string, attrs: TAnyAttrs, ...children: TChild[]): Y.XmlElement {
  const element = new Y.XmlElement(name) as unknown as Y.XmlElement<TAnyAttrs>;
  for (const [k, v] of Object.entries(attrs)) element.setAttribute(k, v);
  element.insert(0, children);
  return element as unknown as Y.XmlElement;
}

function text(...runs: Array<[string, Record<string, unknown>?]>): Y.XmlText {
  const t = new Y.XmlText();
  t.applyDelta(runs.map(([insert, attributes]) => ({ insert, attributes: attributes ?? {} })));
  return t;
}

const p = (...children: TChild[]): Y.XmlElement => el("paragraph", {}, ...children);

/** The href of every link in the HTML. */
function hrefs(html: string): string[] {
  return tokenize(html).flatMap((t) => (t.kind === "start" && t.name === "a" ? t.attrs.filter((a) => a.name === "href").map((a) => a.value) : []));
}

// Markdown links and images: "[text](destination)".
function destinations(md: string): string[] {
  return [...md.matchAll(/\]\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]);
}

// Each `<` in the Markdown, unless backslash-escaped: raw HTML if any.
function unescapedAngles(md: string): number {
  return [...md.matchAll(/(\\*)</g)].filter((m) => m[1].length % 2 === 0).length;
}

describe("bodyToHtml", () => {
  it("renders every StarterKit node and mark as the editor stores them", () => {
    expect(bodyToHtml(editorBody(EVERY_NODE_AND_MARK))).toBe(
      "<h2>Siege of Idlib</h2>" +
        "<p>Plain, <strong>bold</strong>, <em>italic</em>, <s>strike</s>, <code>code()</code>, <u>underline</u>, " +
        '<a href="https://example.org/report?id=1&amp;lang=en" rel="noopener noreferrer nofollow">a link</a><br>after a break</p>' +
        "<blockquote><p>Quoted</p></blockquote>" +
        "<ul><li><p>One</p></li><li><p>Two</p><ul><li><p>Nested</p></li></ul></li></ul>" +
        '<ol start="3"><li><p>Third</p></li><li><p>Fourth</p></li></ol>' +
        '<pre><code class="language-js">if (a &lt; b) {\n  x();\n}</code></pre>' +
        "<hr><p></p>",
    );
  });

  it("renders a body written by ops.ts", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, {
      start: "2019-12-24",
      headline: "h",
      body: [
        { type: "paragraph", content: [{ text: "Line one\nline two " }, { text: "bold link", bold: true, href: "https://example.org/r" }] },
        { type: "bulletList", items: [[{ text: "a", italic: true }], [{ text: "b" }]] },
        { type: "blockquote", content: [{ text: "q" }] },
      ],
    });
    expect(bodyToHtml(entryBody(doc, id))).toBe(
      "<p>Line one<br>line two " +
        '<a href="https://example.org/r" rel="noopener noreferrer nofollow"><strong>bold link</strong></a></p>' +
        "<ul><li><p><em>a</em></p></li><li><p>b</p></li></ul><blockquote><p>q</p></blockquote>",
    );
  });

  it("keeps a mark open across the runs that share it", () => {
    const html = bodyToHtml(body(p(text(["a ", { bold: {} }], ["b", { bold: {}, italic: {} }], [" c", { bold: {} }]))));
    expect(html).toBe("<p><strong>a <em>b</em> c</strong></p>");
  });

  it("renders the text of unknown nodes without their tags, and ignores unknown marks", () => {
    const html = bodyToHtml(
      body(
        el("script", {}, text(["alert(1)"])),
        el("image", { src: "javascript:alert(1)", onerror: "alert(1)" }),
        el("iframe", { src: "https://evil.example", srcdoc: "<script>alert(1)</script>" }, text(["framed"])),
        el('p onclick="alert(1)"', {}, text(["odd name"])),
        p(text(["styled", { textStyle: { color: "red;background:url(javascript:alert(1))" }, highlight: {} }])),
      ),
    );
    expect(html).toBe("alert(1)framedodd name<p>styled</p>");
    expect(auditHtml(html)).toEqual([]);
  });

  it("writes no attribute a crafted element carries", () => {
    const html = bodyToHtml(
      body(
        el("paragraph", { onclick: "alert(1)", style: "x", class: "y", id: "z" }, text(["x"])),
        el("heading", { level: 2, onmouseover: "alert(1)" }, text(["h"])),
        el("blockquote", { cite: "javascript:alert(1)" }, p(text(["q"]))),
      ),
    );
    expect(html).toBe("<p>x</p><h2>h</h2><blockquote><p>q</p></blockquote>");
  });

  it.each([
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    [" jav&#x09;ascript:alert(1)"],
    ["java\tscript:alert(1)"],
    ["\u0001javascript:alert(1)"],
    ["data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["vbscript:msgbox(1)"],
    ["/relative"],
    [42],
    [null],
  ])("renders a link to %j as its text alone", (href) => {
    const html = bodyToHtml(body(p(text(["click me", { link: { href, target: "_blank" } }]))));
    expect(html).toBe("<p>click me</p>");
  });

  it("escapes link attributes and normalizes the URL", () => {
    const html = bodyToHtml(
      body(
        p(
          text(
            ["a", { link: { href: 'https://example.org/"onmouseover="alert(1)', title: '" onmouseover="alert(1)' } }],
            ["b", { link: { href: "//example.org/x" } }],
            ["c", { link: { href: "mailto:desk@example.org" } }],
          ),
        ),
      ),
    );
    expect(auditHtml(html)).toEqual([]);
    expect(hrefs(html)).toEqual(["https://example.org/%22onmouseover=%22alert(1)", "https://example.org/x", "mailto:desk@example.org"]);
    expect(html).toContain('title="&quot; onmouseover=&quot;alert(1)"');
  });

  it("escapes text and keeps character references literal", () => {
    const payload = "<img src=x onerror=alert(1)> </p><script>alert(1)</script> &lt;b&gt;";
    const html = bodyToHtml(body(p(text([payload, { bold: {} }]))));
    expect(html).toBe(
      "<p><strong>&lt;img src=x onerror=alert(1)&gt; &lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;</strong></p>",
    );
    expect(visibleText(html)).toBe(payload);
  });

  it("clamps heading levels and accepts only integer list starts and known list types", () => {
    const html = bodyToHtml(
      body(
        el("heading", { level: 99 }, text(["a"])),
        el("heading", { level: "3" }, text(["b"])),
        el("heading", { level: -2 }, text(["c"])),
        el("heading", { level: '2"><script>' }, text(["d"])),
        el("orderedList", { start: 5, type: "a" }, el("listItem", {}, p(text(["x"])))),
        el("orderedList", { start: '1" onclick="alert(1)', type: 'i" onclick="alert(1)' }, el("listItem", {}, p(text(["y"])))),
        el("orderedList", { start: 1.5 }, el("listItem", {}, p(text(["z"])))),
      ),
    );
    expect(html).toBe(
      "<h6>a</h6><h3>b</h3><h1>c</h1><h1>d</h1>" +
        '<ol start="5" type="a"><li><p>x</p></li></ol><ol><li><p>y</p></li></ol><ol><li><p>z</p></li></ol>',
    );
  });

  it("renders a code block as escaped text whatever it contains", () => {
    const html = bodyToHtml(
      body(
        el("codeBlock", { language: '"><script>alert(1)</script>' }, text(["</code></pre><script>alert(1)</script>", { bold: {} }])),
        el("codeBlock", { language: "typescript" }, text(["a"]), el("hardBreak", {}), el("script", {}, text(["b"]))),
      ),
    );
    expect(html).toBe(
      "<pre><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>" +
        '<pre><code class="language-typescript">a\nb</code></pre>',
    );
  });

  it("takes hashed mark names and marks without attributes", () => {
    const html = bodyToHtml(body(p(text(["x", { "bold--AbCd1234": {}, italic: true, strike: null }]))));
    expect(html).toBe("<p><strong><em>x</em></strong></p>");
  });

  it("survives absurd nesting", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("body");
    doc.transact(() => {
      let parent: Y.XmlFragment = fragment;
      for (let i = 0; i < 10_000; i++) {
        const child = new Y.XmlElement("bulletList");
        parent.insert(0, [child]);
        parent = child;
      }
      parent.insert(0, [text(["<script>alert(1)</script>"])]);
    });
    const html = bodyToHtml(fragment);
    expect(auditHtml(html)).toEqual([]);
    expect(visibleText(html)).toBe("<script>alert(1)</script>");
  });
});

describe("bodyToMarkdown", () => {
  it("writes every StarterKit node and mark as CommonMark", () => {
    expect(bodyToMarkdown(editorBody(EVERY_NODE_AND_MARK))).toBe(
      [
        "## Siege of Idlib",
        "Plain, **bold**, *italic*, ~~strike~~, `code()`, underline, [a link](https://example.org/report?id=1&lang=en)\\\nafter a break",
        "> Quoted",
        "- One\n- Two\n\n  - Nested",
        "3. Third\n4. Fourth",
        "```js\nif (a < b) {\n  x();\n}\n```",
        "---",
      ].join("\n\n"),
    );
  });

  it("nests marks and moves blanks outside delimiters", () => {
    const md = bodyToMarkdown(
      body(p(text(["plain ", {}], ["bold ", { bold: {} }], ["both", { bold: {}, italic: {} }], [" after", {}]))),
    );
    expect(md).toBe("plain **bold *both*** after");
  });

  it("escapes text that would be markup or start a block", () => {
    const md = bodyToMarkdown(
      body(
        p(text(["# not a heading"]), el("hardBreak", {}), text(["1. not a list *or* _emphasis_ [or](link) <b>html</b> &amp;"])),
        p(text(["    not code\n- nor a list"])),
        el("heading", { level: 2 }, text(["C# ##"])),
      ),
    );
    expect(md).toBe(
      [
        "\\# not a heading\\\n1\\. not a list \\*or\\* \\_emphasis\\_ \\[or\\](link) \\<b\\>html\\</b\\> \\&amp;",
        "not code - nor a list",
        "## C\\# \\#\\#",
      ].join("\n\n"),
    );
  });

  it("writes code spans with a fence longer than the backticks inside", () => {
    const md = bodyToMarkdown(body(p(text(["a `b` c", { code: {} }], [" and ", {}], ["`x", { code: {} }]))));
    expect(md).toBe("``a `b` c`` and `` `x ``");
  });

  it("links only to safe URLs, with a destination parentheses cannot end", () => {
    const md = bodyToMarkdown(
      body(
        p(
          text(
            ["bad", { link: { href: "javascript:alert(1)" } }],
            [" ", {}],
            ["also bad", { link: { href: "data:text/html,<script>alert(1)</script>" } }],
            [" ", {}],
            ["good", { link: { href: "https://en.wikipedia.org/wiki/Idlib_(city)" } }],
          ),
        ),
      ),
    );
    expect(md).toBe("bad also bad [good](https://en.wikipedia.org/wiki/Idlib_\\(city\\))");
  });

  it("indents blocks inside lists and quotes", () => {
    const md = bodyToMarkdown(
      body(
        el(
          "orderedList",
          { start: 9 },
          el("listItem", {}, p(text(["nine"])), el("codeBlock", {}, text(["code\n\nmore"]))),
          el("listItem", {}, p(text(["ten"]))),
          el("listItem", {}),
        ),
        el("blockquote", {}, p(text(["a"])), el("bulletList", {}, el("listItem", {}, p(text(["b"]))))),
      ),
    );
    expect(md).toBe(
      ["9. nine\n\n   ```\n   code\n\n   more\n   ```\n10. ten\n11.", "> a\n>\n> - b"].join("\n\n"),
    );
  });

  it("leaves no raw HTML and no unsafe link whatever the body holds", () => {
    const md = bodyToMarkdown(
      body(
        el("script", {}, text(["<script>alert(1)</script>"])),
        p(text(["<img src=x onerror=alert(1)>", { link: { href: " jav&#x09;ascript:alert(1)" } }])),
        el("heading", { level: 1 }, text(["<svg onload=alert(1)>"]), el("hardBreak", {}), text(["x"])),
        el("codeBlock", { language: "```html" }, text(["```\n<script>alert(1)</script>"])),
      ),
    );
    expect(unescapedAngles(md.replace(/````\n[\s\S]*?\n````/, ""))).toBe(0);
    expect(destinations(md)).toEqual([]);
    expect(md).toBe(
      [
        "\\<script\\>alert(1)\\</script\\>",
        "\\<img src=x onerror=alert(1)\\>",
        "# \\<svg onload=alert(1)\\> x",
        "````\n```\n<script>alert(1)</script>\n````",
      ].join("\n\n"),
    );
  });
});
