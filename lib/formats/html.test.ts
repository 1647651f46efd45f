// Issue 3, HTML export: a hostile timeline renders inert, its payloads shown as text.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, initTimeline } from "../timeline/ops";
import { EXPORT_CSP, timelineToHtml } from "./html";
import { auditHtml, tokenize, visibleText, type THtmlToken } from "./test-support/html-audit";
import { EMBED, PAYLOADS, hostileTimeline, sampleTimeline } from "./test-support/timelines";

// Line breaks between tags are layout of the source, not of the page.
const structure = (html: string): string => html.replace(/>\s*\n\s*</g, "><").trim();

function attrValues(html: string, attr: string): string[] {
  return tokenize(html).flatMap((t) => (t.kind === "start" ? t.attrs.filter((a) => a.name === attr).map((a) => a.value) : []));
}

function startTags(html: string, name: string): Array<Extract<THtmlToken, { kind: "start" }>> {
  return tokenize(html).flatMap((t) => (t.kind === "start" && t.name === name ? [t] : []));
}

describe("timelineToHtml on a hostile timeline", () => {
  const html = timelineToHtml(hostileTimeline(), { generatedAt: new Date("2024-05-01T12:34:56Z") });

  it("is inert: only our elements and attributes, no handler, no active URL", () => {
    expect(auditHtml(html)).toEqual([]);
    expect(html).not.toMatch(/<(script|iframe|svg|object|embed)/i);
  });

  it("shows every payload as escaped text; the fields TimelineJS holds as HTML as their allowed HTML", () => {
    const text = visibleText(html);
    const { summary, caption, credit, ...plain } = PAYLOADS;
    for (const payload of Object.values(plain)) expect(text).toContain(payload);
    // The summary, captions and credits may be a TimelineJS file's HTML: shown as such, nothing live kept.
    expect(text).toContain("Title slide");
    expect(text).toContain("Embed");
    expect(text).toContain("AFP");
    for (const payload of [summary, caption, credit]) expect(text).not.toContain(payload);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>");
    // The embed is neither injected nor shown; its caption is.
    expect(text).not.toContain("evil.example");
    expect(html).not.toContain("evil.example");
  });

  it("links only to safe URLs, and loads only the safe image", () => {
    expect(attrValues(html, "href")).toEqual([
      "https://example.org/safe",
      "https://example.org/ok",
      "https://example.org/protocol-relative",
    ]);
    expect(startTags(html, "img").map((t) => t.attrs)).toEqual([
      [
        { name: "src", value: "https://example.org/a.PNG?size=large" },
        { name: "alt", value: '" onerror="alert(1)' },
      ],
    ]);
  });

  it("keeps safe formatting in a crafted body", () => {
    expect(html).toContain(
      'js tab control data <a href="https://example.org/safe" rel="noopener noreferrer nofollow"><strong><em>safe</em></strong></a>',
    );
  });

  it("keeps attribute values inside their quotes", () => {
    expect(startTags(html, "html")[0].attrs).toEqual([{ name: "lang", value: "en" }]);
    expect(startTags(html, "article").map((t) => t.attrs.map((a) => a.name))).toEqual([["class", "id"], ["class", "id"], ["class", "id"], ["class", "id"]]);
    expect(attrValues(html, "id")).toContain('entry-"><script>alert(1)</script>');
    // A status outside the four is read as draft, so it never reaches a class name.
    expect(attrValues(html, "class").filter((c) => c.startsWith("status "))).toEqual([
      "status status-verified",
      "status status-draft",
      "status status-draft",
      "status status-draft",
    ]);
  });

  it("puts the unreadable date last, shown as written", () => {
    const years = tokenize(html).flatMap((t, i, all) => {
      const next = all[i + 1];
      return t.kind === "start" && t.name === "h2" && next?.kind === "text" ? [next.text] : [];
    });
    expect(years).toEqual(["2019", "2020", "2021", "Undated"]);
    expect(visibleText(html)).toContain(PAYLOADS.craftedStart);
  });
});

describe("timelineToHtml", () => {
  it("writes a standalone page with a strict policy and no scripts", () => {
    const html = timelineToHtml(sampleTimeline());
    expect(auditHtml(html)).toEqual([]);
    const head = structure(html.slice(0, html.indexOf("<style>")));
    expect(head).toBe(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
        `<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP.replace(/'/g, "&#39;")}">` +
        '<meta name="referrer" content="no-referrer">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        "<title>Idlib: the last offensive</title>",
    );
    expect(EXPORT_CSP.startsWith("default-src 'none'; style-src 'unsafe-inline'; img-src https: http:")).toBe(true);
    expect(html).not.toContain("<footer");
    expect(html.endsWith("</body>\n</html>\n")).toBe(true);
  });

  it("renders entries in chronological order, grouped by year", () => {
    const html = timelineToHtml(sampleTimeline(), { generatedAt: new Date("2024-05-01T12:34:56Z") });
    const body = structure(html.slice(html.indexOf("<body>")));
    expect(body).toBe(
      "<body><header><h1>Idlib: the last offensive</h1><div class=\"summary\">How the siege unfolded.</div></header><main>" +
        '<section class="year"><h2>2019</h2>' +
        '<article class="entry" id="entry-e1"><p class="date">24 December 2019</p><h3>Exodus from Maarat al-Nouman</h3>' +
        '<p class="meta"><span class="status status-verified">verified</span> · <span class="group">Group: Humanitarian</span>' +
        ' · <span class="tags">Tags: displacement</span></p>' +
        '<div class="body"><p>Tens of thousands flee <strong>south</strong></p></div>' +
        '<figure class="media"><img src="https://example.org/photo.jpg" alt="Cars on a highway">' +
        '<figcaption><span class="caption">Families on the M5</span> <span class="credit">AFP</span></figcaption></figure>' +
        '<section class="sources"><h4>Sources</h4><ul><li><a href="https://example.org/un" rel="noopener noreferrer nofollow">UN OCHA flash update</a>' +
        ', <span class="publisher">OCHA</span>, accessed 26 December 2019 <q>Over 235,000 people displaced</q></li></ul></section>' +
        "</article></section>" +
        '<section class="year"><h2>2020</h2>' +
        '<article class="entry" id="entry-e2"><p class="date">c. February 2020</p><h3>Talks in Moscow</h3>' +
        '<p class="meta"><span class="status status-needs-review">needs review</span></p>' +
        '<figure class="media"><a href="https://www.youtube.com/watch?v=abc" rel="noopener noreferrer nofollow">Press conference</a></figure>' +
        "</article></section></main>" +
        '<footer><p>Exported from Dateline on <time datetime="2024-05-01T12:34:56.000Z">1 May 2024, 12:34 UTC</time></p></footer>' +
        "</body></html>",
    );
  });

  it("shows media as an image, a link or its caption alone", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Media" });
    const media = [
      { url: "https://example.org/a.jpeg", link: "https://example.org/story", alt: "A" },
      { url: "https://example.org/page", caption: "Not an image path" },
      { url: EMBED, caption: "Embedded video" },
      { url: "data:image/png;base64,iVBORw0KGgo=", caption: "Data image" },
      { url: "mailto:desk@example.org" },
      { url: "javascript:alert(1)" },
    ];
    media.forEach((m, i) => addEntry(doc, { start: `${2000 + i}`, headline: `m${i}`, media: m }));
    const figures = structure(timelineToHtml(doc))
      .match(/<figure class="media">.*?<\/figure>/g);
    expect(figures).toEqual([
      '<figure class="media"><a href="https://example.org/story" rel="noopener noreferrer nofollow"><img src="https://example.org/a.jpeg" alt="A"></a></figure>',
      '<figure class="media"><a href="https://example.org/page" rel="noopener noreferrer nofollow">https://example.org/page</a><figcaption><span class="caption">Not an image path</span></figcaption></figure>',
      '<figure class="media"><figcaption><span class="caption">Embedded video</span></figcaption></figure>',
      '<figure class="media"><figcaption><span class="caption">Data image</span></figcaption></figure>',
      '<figure class="media"><a href="mailto:desk@example.org" rel="noopener noreferrer nofollow">mailto:desk@example.org</a></figure>',
    ]);
  });

  it("falls back to a title, and to en for a language that is not a tag", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "", language: "fr-CA" });
    expect(timelineToHtml(doc)).toContain('<html lang="fr-CA">');
    expect(timelineToHtml(doc)).toContain("<h1>Untitled timeline</h1>");
  });
});
