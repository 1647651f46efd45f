// Issue 3, Markdown export: no raw HTML and no unsafe link reach whatever renderer it is pasted into.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, initTimeline, setMeta } from "../timeline/ops";
import { timelineToMarkdown } from "./markdown";
import { PAYLOADS, hostileTimeline, sampleTimeline } from "./test-support/timelines";

// Link and image destinations: "[text](destination)".
function destinations(md: string): string[] {
  return [...md.matchAll(/\]\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]);
}

// Each `<` not backslash-escaped: raw HTML or an autolink, if any.
function unescapedAngles(md: string): number {
  return [...md.matchAll(/(\\*)</g)].filter((m) => m[1].length % 2 === 0).length;
}

// What a CommonMark reader shows for backslash-escaped text.
const unescape = (md: string): string => md.replace(/\\([!-/:-@[-`{-~])/g, "$1");

describe("timelineToMarkdown", () => {
  it("writes title, summary, year headings, entries, sources and status", () => {
    expect(timelineToMarkdown(sampleTimeline())).toBe(
      [
        "# Idlib: the last offensive",
        "How the siege unfolded.",
        "## 2019",
        "### 24 December 2019 — Exodus from Maarat al-Nouman",
        "Status: verified · Group: Humanitarian · Tags: displacement",
        "Tens of thousands flee **south**",
        "![Cars on a highway](https://example.org/photo.jpg)",
        "Families on the M5 · Credit: AFP",
        "Sources:",
        "- [UN OCHA flash update](https://example.org/un), OCHA, accessed 26 December 2019 “Over 235,000 people displaced”",
        "## 2020",
        "### c. February 2020 — Talks in Moscow",
        "Status: needs review",
        "[Press conference](https://www.youtube.com/watch?v=abc)",
      ].join("\n\n") + "\n",
    );
  });

  it("keeps the summary's line breaks and paragraphs, and guards each line", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "T", summary: "First line\n# not a heading\n\n\n1. not a list\n" });
    setMeta(doc, { media: { url: "https://example.org/a.gif", link: "//example.org/story" } });
    expect(timelineToMarkdown(doc)).toBe(
      "# T\n\nFirst line\\\n\\# not a heading\n\n1\\. not a list\n\n[![](https://example.org/a.gif)](https://example.org/story)\n",
    );
  });

  it("writes an untitled entry's heading as its date alone", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "T" });
    addEntry(doc, { start: "-0043-03-15", headline: "", status: "disputed" });
    expect(timelineToMarkdown(doc)).toBe("# T\n\n## 44 BCE\n\n### 15 March 44 BCE\n\nStatus: disputed\n");
  });

  describe("on a hostile timeline", () => {
    const md = timelineToMarkdown(hostileTimeline());

    it("leaves no raw HTML", () => {
      expect(unescapedAngles(md)).toBe(0);
    });

    it("links only to safe URLs", () => {
      expect(destinations(md)).toEqual([
        "https://example.org/safe",
        "https://example.org/ok",
        "https://example.org/protocol-relative",
        "https://example.org/a.PNG?size=large",
      ]);
      expect(md).not.toMatch(/\]\((javascript|data|vbscript):/i);
    });

    it("shows every payload as text; the fields TimelineJS holds as HTML as the text they show", () => {
      const text = unescape(md);
      const { summary, caption, credit, ...plain } = PAYLOADS;
      for (const payload of Object.values(plain)) expect(text).toContain(payload);
      expect(text).toContain("Title slide");
      expect(text).toContain("Embed");
      expect(text).toContain("Credit: AFP");
      for (const payload of [summary, caption, credit]) expect(text).not.toContain(payload);
      expect(md).toContain("### 24 December 2019 — \\<img src=x onerror=alert(1)\\>");
      expect(md).toContain("js tab control data [***safe***](https://example.org/safe)");
    });

    it("shows an unsafe source URL as text, never as a link", () => {
      expect(md).toContain("Sources:\n\n- javascript:alert(1)\n- t, accessed \\<script\\>alert(1)\\</script\\>\n");
    });
  });
});
