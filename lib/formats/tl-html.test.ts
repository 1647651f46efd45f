// Issue 14, the HTML of TimelineJS fields: real fragments from ../shared/timelinejs-samples/ keep what a
// reader sees (classes, data-* attributes, link targets, entities), hostile ones come out inert with a
// report, and bodies are StarterKit JSON that the editor accepts and our HTML export renders back.
import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { bodyToHtml } from "./body-html";
import { MAX_BODY_DEPTH, type TBodyNode } from "./body-nodes";
import { tokenize } from "./test-support/html-audit";
import { editorBody, schema } from "./test-support/starter-kit";
import { htmlText, htmlToBody, htmlToRuns, normalizeHtml, readBodyHtml, runsToHtml, sanitizeTlHtml, type TTextRun } from "./tl-html";

const SAMPLES = new URL("../../../shared/timelinejs-samples/", import.meta.url);
const sample = (name: string): string => readFileSync(new URL(name, SAMPLES), "utf8");

type TSampleField = { where: string; html: string };

// Every field of the samples that TimelineJS renders as HTML. media.url is not one of them: it may hold
// embed HTML, which PRODUCT.md keeps verbatim and shows only in a sandboxed iframe.
function sampleFields(): TSampleField[] {
  const fields: TSampleField[] = [];
  for (const file of ["all-media-types.json", "cosmo-mixed.json", "eras.json", "houston.json", "marktwain.json"]) {
    const json = JSON.parse(sample(file)) as { title?: TSlide; events: TSlide[]; eras?: TSlide[] };
    const slides = [...(json.title ? [json.title] : []), ...json.events, ...(json.eras ?? [])];
    slides.forEach((slide, i) => {
      for (const [key, value] of [
        ["headline", slide.text?.headline],
        ["text", slide.text?.text],
        ["caption", slide.media?.caption],
        ["credit", slide.media?.credit],
      ] as const) {
        if (typeof value === "string" && value !== "") fields.push({ where: `${file} slide ${i} ${key}`, html: value });
      }
    });
  }
  for (const file of ["women-in-computing.csv", "eras-sheet.csv"]) {
    const rows = parseCsv(sample(file), { columns: true, bom: true }) as Array<Record<string, string>>;
    rows.forEach((row, i) => {
      for (const key of ["Headline", "Text", "Media Caption", "Media Credit"]) {
        if (row[key]) fields.push({ where: `${file} row ${i + 2} ${key}`, html: row[key] });
      }
    });
  }
  return fields;
}
type TSlide = { text?: { headline?: unknown; text?: unknown }; media?: { caption?: unknown; credit?: unknown } };

const FIELDS = sampleFields();
const field = (where: string): string => {
  const found = FIELDS.find((f) => f.where === where);
  if (found === undefined) throw new Error(`no sample field ${where}`);
  return found.html;
};

/** Start tags with their attributes, as a browser's tokenizer reads the HTML. */
function startTags(html: string): Array<{ name: string; attrs: Record<string, string> }> {
  return tokenize(html).flatMap((t) =>
    t.kind === "start" ? [{ name: t.name, attrs: Object.fromEntries(t.attrs.map((a) => [a.name, a.value])) }] : [],
  );
}

/** Whatever in the HTML could run code or load a document: empty means inert. */
function liveParts(html: string): string[] {
  return tokenize(html).flatMap((t): string[] => {
    if (t.kind === "rawtext" || t.kind === "comment") return [`<${t.kind}>`];
    if (t.kind !== "start") return [];
    const problems: string[] = [];
    if (["script", "style", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link"].includes(t.name)) problems.push(`<${t.name}>`);
    for (const { name, value } of t.attrs) {
      if (name.startsWith("on") || name === "style" || name === "srcdoc" || name === "formaction") problems.push(`${name}=`);
      const url = value.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "").toLowerCase();
      if (/^(javascript|data|vbscript):/.test(url)) problems.push(`${name}=${value}`);
    }
    return problems;
  });
}

describe("sanitizeTlHtml on the samples", () => {
  it("keeps every HTML field of every sample as a browser reads it, removing nothing", () => {
    expect(FIELDS.length).toBeGreaterThan(150);
    for (const { where, html } of FIELDS) {
      const result = sanitizeTlHtml(html);
      expect({ where, ...result }).toEqual({ where, html: normalizeHtml(html), removed: [] });
    }
  });

  it("keeps the SoundCite span with its data-* attributes, <code> and a link with target _self", () => {
    const { html } = sanitizeTlHtml(field("all-media-types.json slide 0 text"));
    const tags = startTags(html);
    expect(tags).toContainEqual({
      name: "span",
      attrs: {
        class: "soundcite",
        "data-url": "https://soundcite.knightlab.com/media/bach-cello-suite.mp3",
        "data-start": "0",
        "data-end": "164000",
        "data-plays": "1",
      },
    });
    expect(tags).toContainEqual({ name: "a", attrs: { target: "_self", href: "#wikipedia-images" } });
    expect(html).toContain("<code>soundcite</code>");
  });

  it("closes the unclosed <p> of women-in-computing and keeps class lead and tl-note", () => {
    const unclosed = FIELDS.find((f) => f.where.startsWith("women-in-computing.csv") && /[^>]\s*<p>[^]*$/.test(f.html) && !f.html.trimEnd().endsWith("</p>"));
    expect(unclosed).toBeDefined();
    const { html } = sanitizeTlHtml(unclosed?.html ?? "");
    expect(html.endsWith("</p>")).toBe(true);
    expect(sanitizeTlHtml(field("women-in-computing.csv row 2 Text")).html).toMatch(/^<p class="lead">In this sample timeline/);
    expect(startTags(sanitizeTlHtml(field("women-in-computing.csv row 3 Text")).html)).toContainEqual({ name: "span", attrs: { class: "tl-note" } });
  });

  it("writes entities as the characters they stand for", () => {
    expect(sanitizeTlHtml("Don&#39;t &mdash; Tom &amp; Jerry &lt;3").html).toBe("Don't — Tom &amp; Jerry &lt;3");
  });
});

describe("sanitizeTlHtml on hostile input", () => {
  const cases: Array<[string, string, string[]]> = [
    ["<p>a<script>alert(1)</script>b</p>", "<p>ab</p>", ["<script> element"]],
    ['<a href="javascript:alert(1)" onclick="x()">go</a>', "<a>go</a>", ["href attribute on <a> (javascript: URL)", "onclick attribute on <a>"]],
    ['<a href=" JaVa&#x09;ScRiPt&colon;alert(1)">go</a>', "<a>go</a>", ["href attribute on <a> (javascript: URL)"]],
    ['<a href="vbscript:x">v</a><a href="data:text/html,x">d</a>', "<a>v</a><a>d</a>", ["href attribute on <a> (vbscript: URL)", "href attribute on <a> (data: URL)"]],
    ['<img src="data:image/png;base64,AA" onerror="alert(1)" alt="x">', '<img alt="x">', ["src attribute on <img> (data: URL)", "onerror attribute on <img>"]],
    ['<img src="//upload.wikimedia.org/a.jpg" srcset="x 2x">', '<img src="//upload.wikimedia.org/a.jpg">', ["srcset attribute on <img>"]],
    ['<iframe srcdoc="<script>alert(1)</script>" src="https://x"></iframe>t', "t", ["<iframe> element"]],
    ["<style>body{display:none}</style><p style=\"position:fixed\">s</p>", "<p>s</p>", ["<style> element", "style attribute on <p>"]],
    ['<form action="https://evil"><input name="q"><button formaction="https://evil">Send</button></form>', "Send", ["<input> element", "<button> element (its content kept)", "<form> element (its content kept)"]],
    ['<svg><a href="javascript:alert(1)"><text>x</text></a></svg><math><mi>y</mi></math>', "", ["<svg> element", "<math> element"]],
    ['<object data="x.swf"></object><embed src="x.swf"><base href="https://evil/"><meta http-equiv="refresh" content="0;url=https://evil"><link rel="stylesheet" href="https://evil/s.css">', "", ["<object> element", "<embed> element", "<base> element", "<meta> element", "<link> element"]],
    ["<font color=red>red</font> <!-- note -->", "red ", ["<font> element (its content kept)", "comment"]],
    ['<template><img src=x onerror=alert(1)></template><noscript><img src=x onerror=alert(1)></noscript>ok', "ok", ["<template> element", "<noscript> element"]],
    ['<span data-x="1" data-bad"name="2">s</span>', '<span data-x="1">s</span>', ['data-bad"name attribute on <span>']],
    ['<a href="ftp://x/y" ping="https://track">f</a>', "<a>f</a>", ["href attribute on <a> (ftp: URL)", "ping attribute on <a>"]],
  ];
  it.each(cases)("%s", (input, html, removed) => {
    expect(sanitizeTlHtml(input)).toEqual({ html, removed });
  });

  it("keeps links a reader may follow: http(s), mailto, protocol-relative, relative and #fragments", () => {
    const input = ["https://a.example/x", "http://a.example", "mailto:desk@example.org", "//cdn.example/a", "/p/x", "page.html", "#part", "?q=1"]
      .map((href) => `<a href="${href}" target="_blank" rel="noopener">x</a>`)
      .join("");
    expect(sanitizeTlHtml(input)).toEqual({ html: input, removed: [] });
  });

  it("lists each kind of removal once", () => {
    expect(sanitizeTlHtml('<b onclick="a">1</b><b onclick="b">2</b>').removed).toEqual(["onclick attribute on <b>"]);
  });

  // Each reads differently once an unwrapped or dropped element is gone, or tries to break out of the
  // parse5 serializer's quoting.
  const tricky = [
    "<p><button><p>x</p></button></p>",
    "<h1><button><h2>x</h2></button></h1>",
    "<a href=1><marquee><a href=2>y</a></marquee></a>",
    "<table><tr><td><form><tr><td>x</td></tr></form></td></tr></table>",
    "<table><font>foster</font><tr><td>x</td></tr></table>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<select><option><img src=x onerror=alert(1)></option></select>",
    '<a title="&quot;><script>alert(1)</script>">x</a>',
    "<b><p>x</b>y</p>",
    "<li>a<li>b<dd>c<dt>d",
    "<listing>\nx</listing><pre>\n\ny</pre>",
  ];
  it.each(tricky)("is inert and idempotent: %s", (input) => {
    const once = sanitizeTlHtml(input);
    expect(liveParts(once.html)).toEqual([]);
    expect(sanitizeTlHtml(once.html)).toEqual({ html: once.html, removed: [] });
    expect(normalizeHtml(once.html)).toBe(once.html);
  });

  it("reduces markup nested past the depth limit to its text", () => {
    const depth = 20_000;
    const { html, removed } = sanitizeTlHtml(`${"<span>".repeat(depth)}deep<b onclick="x">text</b>${"</span>".repeat(depth)}`);
    expect(htmlText(html)).toBe("deeptext");
    expect(html.match(/<span>/g)).toHaveLength(MAX_BODY_DEPTH);
    expect(removed).toEqual([`markup nested deeper than ${MAX_BODY_DEPTH} levels (its text kept)`]);
  });
});

describe("normalizeHtml", () => {
  it("gives one form to what a browser reads the same way", () => {
    expect(normalizeHtml("<a href='x' target=_self>Tom &amp; Jerry&#39;s</a>")).toBe(normalizeHtml('<a href="x" target="_self">Tom &#38; Jerry\'s</a>'));
    expect(normalizeHtml("text <p class=lead>more")).toBe('text <p class="lead">more</p>');
    expect(normalizeHtml("Whitney Houston<br/> 1963 - 2012")).toBe("Whitney Houston<br> 1963 - 2012");
    expect(normalizeHtml("&mdash;&nbsp;")).toBe("—&nbsp;");
  });

  it("keeps differences a reader would see, and removes nothing", () => {
    expect(normalizeHtml("<i>a</i>")).not.toBe(normalizeHtml("<em>a</em>"));
    expect(normalizeHtml(" a  b ")).toBe(" a  b ");
    expect(normalizeHtml("<!-- c --><script>x</script>")).toBe("<!-- c --><script>x</script>");
  });
});

describe("htmlText", () => {
  it("is the text a reader sees, line breaks and block edges as spaces", () => {
    expect(htmlText(field("houston.json slide 0 headline"))).toBe("Whitney Houston 1963 - 2012");
    expect(htmlText("<p>One</p><p>Two&nbsp;three</p>\n  <ul><li>a</li><li>b</li></ul>")).toBe("One Two\u00a0three a b");
    expect(htmlText("Euclid's <i>Optica</i>")).toBe("Euclid's Optica");
    expect(htmlText("Don&#39;t <b>st</b>op")).toBe("Don't stop");
  });

  it("leaves out what is not shown", () => {
    expect(htmlText("a<script>alert(1)</script><style>p{}</style><template>t</template><svg><text>s</text></svg>b")).toBe("ab");
    expect(htmlText("")).toBe("");
  });
});

describe("htmlToRuns and runsToHtml", () => {
  it("reads a headline's line break, italic, bold and links", () => {
    expect(htmlToRuns(field("houston.json slide 0 headline"))).toEqual([{ text: "Whitney Houston\n1963 - 2012" }]);
    expect(htmlToRuns(FIELDS.find((f) => f.html === "Euclid's <i>Optica</i>")?.html ?? "")).toEqual([{ text: "Euclid's " }, { text: "Optica", italic: true }]);
    expect(htmlToRuns('<b>Bold <i>both</i></b> <a href="https://x.example/" target="_blank">link</a>')).toEqual([
      { text: "Bold ", bold: true },
      { text: "both", bold: true, italic: true },
      { text: " " },
      { text: "link", link: { href: "https://x.example/", target: "_blank" } },
    ]);
  });

  it("keeps the text of other tags, of unsafe links and of blocks, and none of hidden content", () => {
    expect(htmlToRuns('<span class="x">a</span> <a href="javascript:alert(1)">b</a><script>c</script>')).toEqual([{ text: "a b" }]);
    expect(htmlToRuns("<p>One</p><p>Two</p>")).toEqual([{ text: "One\nTwo" }]);
    expect(htmlToRuns("a<br><br>b")).toEqual([{ text: "a\n\nb" }]);
  });

  it("lays whitespace out as a browser does", () => {
    expect(htmlToRuns("  a \n <b> b </b>  c  <br>  d  ")).toEqual([{ text: "a " }, { text: "b ", bold: true }, { text: "c\nd" }]);
  });

  it("writes runs as <a>, <strong>, <em> and <br>, escaped", () => {
    const runs: TTextRun[] = [
      { text: "A <tag> & ", link: { href: "https://x.example/?a=1&b=2", target: "_self" } },
      { text: "bold", bold: true, link: { href: "https://x.example/?a=1&b=2", target: "_self" } },
      { text: "\nboth", bold: true, italic: true },
    ];
    expect(runsToHtml(runs)).toBe(
      '<a href="https://x.example/?a=1&amp;b=2" target="_self">A &lt;tag&gt; &amp; <strong>bold</strong></a><strong><em><br>both</em></strong>',
    );
    expect(htmlToRuns(runsToHtml(runs))).toEqual(runs);
  });

  it("writes an unsafe link as its text", () => {
    expect(runsToHtml([{ text: "x", link: { href: "javascript:alert(1)" } }])).toBe("x");
  });

  it("gives back the runs of every sample headline", () => {
    for (const { where, html } of FIELDS.filter((f) => /headline|Headline/.test(f.where))) {
      const runs = htmlToRuns(html);
      expect({ where, runs: htmlToRuns(runsToHtml(runs)) }).toEqual({ where, runs });
      expect({ where, text: htmlText(runsToHtml(runs)) }).toEqual({ where, text: htmlText(html) });
    }
  });
});

// The JSON the editor's schema accepts, exactly: nodeFromJSON checks the content expressions and toJSON
// writes every attribute and orders marks by the schema.
function expectStarterKitJson(body: TBodyNode): void {
  const node = schema.nodeFromJSON(body);
  node.check();
  expect(node.toJSON()).toEqual(body);
}

const text = (t: string, ...marks: object[]): object => (marks.length > 0 ? { type: "text", text: t, marks } : { type: "text", text: t });
const link = (href: string, attrs: object = {}): object => ({ type: "link", attrs: { href, target: null, rel: null, class: null, title: null, ...attrs } });

describe("htmlToBody", () => {
  it("is StarterKit JSON for every sample field", () => {
    for (const { where, html } of FIELDS) {
      const body = htmlToBody(html);
      expect(body.type, where).toBe("doc");
      expectStarterKitJson(body);
    }
  });

  it("reads the media-types title text: code, a span's text, a link with its target", () => {
    expect(readBodyHtml(field("all-media-types.json slide 0 text"))).toEqual({
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              text("TimelineJS supports many media types. This provides a simple way to test them all. This page tests a simple image on a remote server. Also, if the Timeline was created with the "),
              text("soundcite", { type: "code" }),
              text(" option set to "),
              text("true", { type: "code" }),
              text(" then this should be an active SoundCite player."),
            ],
          },
          { type: "paragraph", content: [text("click to jump to Wikipedia Images", link("#wikipedia-images", { target: "_self" }))] },
        ],
      },
      lost: [
        "class attribute on <span>",
        "data-url attribute on <span>",
        "data-start attribute on <span>",
        "data-end attribute on <span>",
        "data-plays attribute on <span>",
        "<span> element (its text kept)",
      ],
    });
  });

  it("wraps bare text before an unclosed <p> in a paragraph of its own", () => {
    expect(readBodyHtml('Plain <b>start</b> <p class="lead">then a paragraph')).toEqual({
      body: { type: "doc", content: [{ type: "paragraph", content: [text("Plain "), text("start", { type: "bold" })] }, { type: "paragraph", content: [text("then a paragraph")] }] },
      lost: ["class attribute on <p>"],
    });
  });

  it("reads houston's <br> as a hard break", () => {
    expect(htmlToBody(field("houston.json slide 0 headline"))).toEqual({
      type: "doc",
      content: [{ type: "paragraph", content: [text("Whitney Houston"), { type: "hardBreak" }, text("1963 - 2012")] }],
    });
  });

  it("reads every StarterKit node and mark without loss", () => {
    const html = [
      "<h2>Siege</h2>",
      '<p>Plain, <strong>bold</strong>, <i>italic</i>, <s>strike</s>, <code>code()</code>, <u>under</u>, <a href="https://example.org/r?id=1&amp;lang=en" title="T" class="c" rel="nofollow" target="_blank">a link</a><br>after</p>',
      "<blockquote><p>Quoted</p></blockquote>",
      "<ul><li><p>One</p></li><li>Two<ul><li>Nested</li></ul></li></ul>",
      '<ol start="3" type="a"><li>Third</li></ol>',
      '<pre><code class="language-js">if (a &lt; b) {\n  x();\n}</code></pre>',
      "<hr><p></p>",
    ].join("\n");
    const { body, lost } = readBodyHtml(html);
    expect(lost).toEqual([]);
    expectStarterKitJson(body);
    expect(body.content).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [text("Siege")] },
      {
        type: "paragraph",
        content: [
          text("Plain, "), text("bold", { type: "bold" }), text(", "), text("italic", { type: "italic" }), text(", "),
          text("strike", { type: "strike" }), text(", "), text("code()", { type: "code" }), text(", "), text("under", { type: "underline" }), text(", "),
          text("a link", link("https://example.org/r?id=1&lang=en", { title: "T", class: "c", rel: "nofollow", target: "_blank" })),
          { type: "hardBreak" }, text("after"),
        ],
      },
      { type: "blockquote", content: [{ type: "paragraph", content: [text("Quoted")] }] },
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [{ type: "paragraph", content: [text("One")] }] },
          { type: "listItem", content: [{ type: "paragraph", content: [text("Two")] }, { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("Nested")] }] }] }] },
        ],
      },
      { type: "orderedList", attrs: { start: 3, type: "a" }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("Third")] }] }] },
      { type: "codeBlock", attrs: { language: "js" }, content: [text("if (a < b) {\n  x();\n}")] },
      { type: "horizontalRule" },
      { type: "paragraph" },
    ]);
  });

  it("is rendered back by bodyToHtml as the same text and structure", () => {
    const html = '<h3>Head</h3><p>Tom &amp; <em>Jerry</em><br>next</p><ul><li>a</li></ul><pre><code class="language-js">x &lt; y</code></pre>';
    expect(bodyToHtml(editorBody(htmlToBody(html)))).toBe(html.replace("<li>a</li>", "<li><p>a</p></li>"));
  });

  it("gives code no other formatting, as StarterKit's code mark excludes all others", () => {
    const { body, lost } = readBodyHtml('<p><b><code>x</code></b> <code><i>y</i></code> <a href="https://a.example/"><code>z</code></a></p>');
    expectStarterKitJson(body);
    expect(body.content?.[0].content).toEqual([text("x", { type: "code" }), text(" "), text("y", { type: "code" }), text(" "), text("z", { type: "code" })]);
    expect(lost).toEqual(["formatting around code (code carries no other formatting)", "italic inside code (code carries no other formatting)"]);
  });

  it("makes valid StarterKit JSON of awkward and hostile HTML", () => {
    const inputs = [
      "",
      "<ul></ul><ol>loose<li></li></ol><blockquote></blockquote>",
      "<li><h2>heading first</h2></li><ul><li><ul><li>x</li></ul></li></ul>",
      "<h1>a<ul><li>b</li></ul>c</h1>",
      '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)><script>y</script><table><tr><td>cell</td></tr></table>',
      "<span><p>in span</p></span><div>div <b>text</b></div>",
      `${"<blockquote>".repeat(300)}deep${"</blockquote>".repeat(300)}`,
    ];
    for (const input of inputs) expectStarterKitJson(htmlToBody(input));
    expect(htmlToBody("")).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    expect(readBodyHtml('<a href="javascript:alert(1)">x</a>').lost).toEqual(["link with a javascript: URL (its text kept)"]);
  });

  it("reads plain text as one paragraph per blank-line-separated block", () => {
    expect(htmlToBody("First line\nstill first.\r\n\r\n  Second &amp; last.  \n\n\n")).toEqual({
      type: "doc",
      content: [{ type: "paragraph", content: [text("First line still first.")] }, { type: "paragraph", content: [text("Second & last.")] }],
    });
  });
});
