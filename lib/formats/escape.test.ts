import { describe, expect, it } from "vitest";
import {
  escapeAttr,
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownHeading,
  guardLineStart,
  markdownDestination,
  safeHref,
  safeSrc,
} from "./escape";

describe("escapeHtml / escapeAttr", () => {
  it("leaves no markup in text", () => {
    expect(escapeHtml("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(escapeHtml("</title><script>alert(1)</script>")).toBe("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("keeps character references literal", () => {
    expect(escapeHtml("AT&amp;T &#60;b&#62;")).toBe("AT&amp;amp;T &amp;#60;b&amp;#62;");
  });

  it("cannot be broken out of in a quoted attribute", () => {
    expect(escapeAttr(`"><svg onload=alert(1)>`)).toBe("&quot;&gt;&lt;svg onload=alert(1)&gt;");
    expect(escapeAttr(`' onmouseover='alert(1)`)).toBe("&#39; onmouseover=&#39;alert(1)");
    expect(escapeAttr("a&b")).toBe("a&amp;b");
  });
});

describe("safeHref", () => {
  it.each([
    ["https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&c=2#d"],
    ["http://example.org", "http://example.org/"],
    ["HTTPS://Example.ORG/Path", "https://example.org/Path"],
    ["  https://example.org/x \n", "https://example.org/x"],
    ["//example.org/x", "https://example.org/x"],
    ["mailto:desk@example.org?subject=Idlib", "mailto:desk@example.org?subject=Idlib"],
    ["MAILTO:desk@example.org", "mailto:desk@example.org"],
    // Quotes and brackets are percent-encoded by normalization, never left to break an attribute.
    ['https://example.org/"onmouseover="alert(1)', "https://example.org/%22onmouseover=%22alert(1)"],
    ["https://example.org/<script>", "https://example.org/%3Cscript%3E"],
  ])("accepts %j as %j", (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\u00a0javascript:alert(1)",
    "\u0001javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "javascript\u0000:alert(1)",
    "\u200bjavascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    " jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "javascript:https://example.org",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "blob:https://example.org/uuid",
    "/relative/path",
    "relative/path",
    "#fragment",
    "?query",
    "\\\\example.org\\share",
    "",
    "   ",
    "https:",
    "https://",
    "http://exa mple.org",
    "https://example.org/a\tb",
    "https://example.org/\u0085",
  ])("rejects %j", (input) => {
    expect(safeHref(input)).toBeNull();
  });
});

describe("safeSrc", () => {
  it("accepts http(s) and protocol-relative sources", () => {
    expect(safeSrc("https://example.org/a.jpg")).toBe("https://example.org/a.jpg");
    expect(safeSrc("http://example.org/a.jpg")).toBe("http://example.org/a.jpg");
    expect(safeSrc("//cdn.example.org/a.png")).toBe("https://cdn.example.org/a.png");
  });

  it.each([
    "mailto:desk@example.org",
    "javascript:alert(1)",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "data:image/png;base64,iVBORw0KGgo=",
    "java\tscript:alert(1)",
    "a.jpg",
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
  ])("rejects %j", (input) => {
    expect(safeSrc(input)).toBeNull();
  });
});

describe("Markdown escaping", () => {
  it("escapes what could start inline markup", () => {
    expect(escapeMarkdown("*a* _b_ [c](d) <e> `f` ~g~ |h| \\i")).toBe(
      "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\~g\\~ \\|h\\| \\\\i",
    );
  });

  it("escapes & only where it would start a character reference", () => {
    expect(escapeMarkdown("AT&T &lt;script&gt; &#60; &#x3C;")).toBe("AT&T \\&lt;script\\&gt; \\&#60; \\&#x3C;");
  });

  it("turns newlines into spaces so text cannot start a block", () => {
    expect(escapeMarkdown("a\n# b\r\n- c")).toBe("a # b - c");
  });

  it("escapes # in headings", () => {
    expect(escapeMarkdownHeading("C# ##")).toBe("C\\# \\#\\#");
  });

  it.each([
    ["# heading", "\\# heading"],
    ["- item", "\\- item"],
    ["+ item", "\\+ item"],
    ["---", "\\---"],
    ["===", "\\==="],
    ["1. item", "1\\. item"],
    ["2019) item", "2019\\) item"],
    ["1234567890. not a list number", "1234567890. not a list number"],
    ["    indented code", "indented code"],
    ["\t# tabbed", "\\# tabbed"],
    ["plain", "plain"],
  ])("guards the line start of %j", (line, expected) => {
    expect(guardLineStart(line)).toBe(expected);
  });

  it("writes a destination that parentheses cannot end early", () => {
    expect(markdownDestination("https://en.wikipedia.org/wiki/Idlib_(city)")).toBe(
      "https://en.wikipedia.org/wiki/Idlib_\\(city\\)",
    );
    expect(markdownDestination("mailto:a b@example.org")).toBe("mailto:a%20b@example.org");
  });
});
