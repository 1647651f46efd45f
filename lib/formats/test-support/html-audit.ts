// Test support: reads HTML the way a browser's tokenizer does (HTML Living Standard §13.2.5, the parts
// that decide what is a tag, an attribute or text) and reports whatever could make the page active. The
// export tests assert on this rather than on regexes over the raw string, which cannot tell an escaped
// `onerror=` in text from a real attribute.

export type THtmlAttr = { name: string; value: string };
export type THtmlToken =
  | { kind: "start"; name: string; attrs: THtmlAttr[] }
  | { kind: "end"; name: string }
  | { kind: "text"; text: string }
  | { kind: "rawtext"; name: string; text: string }
  | { kind: "comment" | "doctype"; text: string }
  | { kind: "stray"; text: string };

// Elements whose content is not markup: the tokenizer reads on to the matching end tag.
const RAW_TEXT = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"]);
const ESCAPABLE_RAW_TEXT = new Set(["title", "textarea"]);

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0",
  Tab: "\t", NewLine: "\n", colon: ":", lpar: "(", rpar: ")", sol: "/", semi: ";", period: ".", excl: "!",
};

/** Character references as a browser decodes them (numeric ones and the named ones an attack would use). */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+);?|#[xX]([0-9a-fA-F]+);?|([A-Za-z]+);)/g, (ref, dec, hex, name) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number(dec) : parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[name] ?? ref;
  });
}

const SPACE = /[\t\n\f\r ]/;

export function tokenize(html: string): THtmlToken[] {
  const tokens: THtmlToken[] = [];
  let i = 0;
  const text = (raw: string): void => {
    if (raw !== "") tokens.push({ kind: "text", text: decodeEntities(raw) });
  };
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    i = lt;
    const next = html[i + 1] ?? "";
    if (/[A-Za-z]/.test(next)) {
      const tag = readTag(html, i + 1);
      tokens.push({ kind: "start", name: tag.name, attrs: tag.attrs });
      i = tag.end;
      if (RAW_TEXT.has(tag.name) || ESCAPABLE_RAW_TEXT.has(tag.name)) {
        const close = html.toLowerCase().indexOf(`</${tag.name}`, i);
        const end = close === -1 ? html.length : close;
        const content = html.slice(i, end);
        tokens.push({ kind: "rawtext", name: tag.name, text: ESCAPABLE_RAW_TEXT.has(tag.name) ? decodeEntities(content) : content });
        i = end;
      }
    } else if (next === "/" && /[A-Za-z]/.test(html[i + 2] ?? "")) {
      const tag = readTag(html, i + 2);
      tokens.push({ kind: "end", name: tag.name });
      i = tag.end;
    } else if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      tokens.push({ kind: "comment", text: html.slice(i + 4, end === -1 ? html.length : end) });
      i = end === -1 ? html.length : end + 3;
    } else if (next === "!" || next === "?" || next === "/") {
      // A doctype, or a bogus comment running to the next ">".
      const end = html.indexOf(">", i);
      const content = html.slice(i + 1, end === -1 ? html.length : end);
      tokens.push({ kind: /^!doctype/i.test(content) ? "doctype" : "comment", text: content });
      i = end === -1 ? html.length : end + 1;
    } else {
      tokens.push({ kind: "stray", text: "<" });
      i += 1;
    }
  }
  return tokens;
}

function readTag(html: string, from: number): { name: string; attrs: THtmlAttr[]; end: number } {
  let i = from;
  while (i < html.length && !SPACE.test(html[i]) && html[i] !== "/" && html[i] !== ">") i++;
  const name = html.slice(from, i).toLowerCase();
  const attrs: THtmlAttr[] = [];
  for (;;) {
    while (i < html.length && (SPACE.test(html[i]) || html[i] === "/")) i++;
    if (i >= html.length) return { name, attrs, end: i };
    if (html[i] === ">") return { name, attrs, end: i + 1 };
    // The first character of a name may be "=" (§13.2.5.32).
    const nameStart = i;
    i++;
    while (i < html.length && !SPACE.test(html[i]) && !"/>=".includes(html[i])) i++;
    const attrName = html.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < html.length && SPACE.test(html[j])) j++;
    let value = "";
    if (html[j] === "=") {
      j++;
      while (j < html.length && SPACE.test(html[j])) j++;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        const end = close === -1 ? html.length : close;
        value = html.slice(j + 1, end);
        j = end + 1;
      } else {
        const start = j;
        while (j < html.length && !SPACE.test(html[j]) && html[j] !== ">") j++;
        value = html.slice(start, j);
      }
      i = j;
    }
    attrs.push({ name: attrName, value: decodeEntities(value) });
  }
}

/** The text a reader sees (decoded), tags removed; rawtext (style) excluded. */
export function visibleText(html: string): string {
  return tokenize(html)
    .map((t) => (t.kind === "text" ? t.text : ""))
    .join("");
}

const ALLOWED_TAGS = new Set([
  "html", "head", "meta", "title", "style", "body", "header", "main", "section", "article", "footer", "time",
  "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "blockquote", "pre", "code",
  "strong", "em", "s", "u", "a", "img", "figure", "figcaption", "span", "q", "div",
  // What a TimelineJS summary, caption or credit may carry through the import's allow-list.
  "i", "b", "small", "sub", "sup", "mark", "cite", "abbr", "del", "ins",
]);
const ALLOWED_ATTRS = new Set([
  "lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "rel", "title", "src", "alt", "start",
  "type", "datetime", "target",
]);

// A browser drops leading controls and spaces and deletes tabs and newlines before reading a scheme.
function urlAsBrowserReadsIt(value: string): string {
  return value.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "").toLowerCase();
}

/**
 * Every reason the HTML could run code or load from somewhere unexpected: an element or attribute outside
 * what our exports write, an event handler, a link that is not http(s)/mailto, a source that is not http(s),
 * a script or active URL anywhere, a `<` left unescaped in text, a comment. Empty means inert.
 */
export function auditHtml(html: string): string[] {
  const problems: string[] = [];
  for (const token of tokenize(html)) {
    if (token.kind === "stray") problems.push("unescaped < in text");
    if (token.kind === "comment") problems.push(`comment <!${token.text}>`);
    if (token.kind === "rawtext" && token.name !== "style" && token.name !== "title") {
      problems.push(`raw text element <${token.name}>`);
    }
    if (token.kind !== "start") continue;
    if (!ALLOWED_TAGS.has(token.name)) problems.push(`element <${token.name}>`);
    for (const { name, value } of token.attrs) {
      if (name.startsWith("on")) problems.push(`event handler ${name} on <${token.name}>`);
      else if (!ALLOWED_ATTRS.has(name)) problems.push(`attribute ${name} on <${token.name}>`);
      const url = urlAsBrowserReadsIt(value);
      if (/^(javascript|data|vbscript):/.test(url)) problems.push(`active URL in ${name}: ${value}`);
      if (name === "href" && !/^(https?:\/\/|mailto:)/.test(url)) problems.push(`href not http(s)/mailto: ${value}`);
      if (name === "src" && !/^https?:\/\//.test(url)) problems.push(`src not http(s): ${value}`);
      if (name === "http-equiv" && value.toLowerCase() !== "content-security-policy") {
        problems.push(`meta http-equiv ${value}`);
      }
    }
  }
  return problems;
}
