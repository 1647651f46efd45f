// Test support: the timelines every export is tested on. `sampleTimeline` is an honest two-entry
// timeline; `hostileTimeline` carries the payloads of issue 3 in every string a reader sees, written both
// through ops.ts (which lets free text through) and as a crafted update that bypassed its validation.
import * as Y from "yjs";
import { addEntry, entryBody, initTimeline, setMeta } from "../../timeline/ops";
import { entriesMap, metaMap } from "../../timeline/schema";

export function sampleTimeline(): Y.Doc {
  const doc = new Y.Doc();
  initTimeline(doc, { title: "Idlib: the last offensive", summary: "How the siege unfolded.", language: "en" });
  // Added out of order: exports follow the chronology, not insertion.
  addEntry(
    doc,
    {
      start: "2020-02",
      qualifier: "circa",
      headline: "Talks in Moscow",
      status: "needs-review",
      media: { url: "https://www.youtube.com/watch?v=abc", title: "Press conference" },
    },
    { id: "e2" },
  );
  addEntry(
    doc,
    {
      start: "2019-12-24",
      headline: "Exodus from Maarat al-Nouman",
      body: [{ type: "paragraph", content: [{ text: "Tens of thousands flee " }, { text: "south", bold: true }] }],
      status: "verified",
      group: "Humanitarian",
      tags: ["displacement"],
      sources: [
        {
          url: "https://example.org/un",
          title: "UN OCHA flash update",
          publisher: "OCHA",
          accessed: "2019-12-26",
          quote: "Over 235,000 people displaced",
        },
      ],
      media: { url: "https://example.org/photo.jpg", caption: "Families on the M5", credit: "AFP", alt: "Cars on a highway" },
    },
    { id: "e1" },
  );
  return doc;
}

/** Strings that must reach the reader as text, escaped, wherever they are stored. */
export const PAYLOADS = {
  title: "</title><script>alert(1)</script>",
  summary: '<p onclick="alert(1)">Title slide</p><script>alert(1)</script>',
  headline: "<img src=x onerror=alert(1)>",
  group: '"><svg onload=alert(1)>',
  tag: "<script>alert('tag')</script>",
  sourceTitle: "<script>alert(1)</script>",
  publisher: "<b onmouseover=alert(1)>Le Monde</b>",
  quote: '"</q><script>alert(1)</script>',
  displayDate: "<b onmouseover=alert(1)>c. 2020</b>",
  caption: "Embed <script>alert(1)</script>",
  credit: "<i onclick=alert(1)>AFP</i>",
  craftedHeadline: "<svg/onload=alert(1)>",
  craftedStart: "not a date <script>",
  bodyText: "</p><script>alert('body')</script>",
} as const;

export const EMBED = '<iframe src="https://evil.example/embed" onload="alert(1)"></iframe>';

function yMap(entries: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map(Object.entries(entries));
}

function text(...runs: Array<[string, Record<string, unknown>?]>): Y.XmlText {
  const t = new Y.XmlText();
  t.applyDelta(runs.map(([insert, attributes]) => ({ insert, attributes: attributes ?? {} })));
  return t;
}

// Any attribute value Yjs stores: its typings default to strings, a crafted update sends anything.
type TAnyAttrs = Record<string, NonNullable<unknown> | null>;

function element(name: string, attrs: TAnyAttrs, ...children: Array<Y.XmlElement | Y.XmlText>): Y.XmlElement {
  const el = new Y.XmlElement(name) as unknown as Y.XmlElement<TAnyAttrs>;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.insert(0, children);
  return el as unknown as Y.XmlElement;
}

export function hostileTimeline(): Y.Doc {
  const doc = new Y.Doc();
  initTimeline(doc, { title: PAYLOADS.title, summary: PAYLOADS.summary });
  setMeta(doc, { media: { url: "javascript:alert(1)", caption: PAYLOADS.caption } });
  metaMap(doc).set("language", 'en" onload="alert(1)');

  const a = addEntry(
    doc,
    {
      start: "2019-12-24",
      headline: PAYLOADS.headline,
      status: "verified",
      group: PAYLOADS.group,
      tags: [PAYLOADS.tag, 'x" onclick="alert(1)'],
      media: { url: EMBED, caption: PAYLOADS.caption, credit: PAYLOADS.credit },
      sources: [{ url: "https://example.org/ok", title: PAYLOADS.sourceTitle, publisher: PAYLOADS.publisher, quote: PAYLOADS.quote }],
    },
    { id: '"><script>alert(1)</script>' },
  );
  entryBody(doc, a).insert(0, [
    element("script", {}, text(["alert('script element')"])),
    element("paragraph", { onclick: "alert(1)" }, text([PAYLOADS.bodyText])),
    element(
      "paragraph",
      {},
      text(
        ["js ", { link: { href: "javascript:alert(1)" } }],
        ["tab ", { link: { href: " jav&#x09;ascript:alert(1)" } }],
        ["control ", { link: { href: "java\tscript:alert(1)" } }],
        ["data ", { link: { href: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" } }],
        ["safe", { link: { href: "https://example.org/safe" }, bold: {}, italic: {} }],
      ),
    ),
    element("img", { src: "x", onerror: "alert(1)" }),
  ]);

  const b = addEntry(doc, {
    start: "2020",
    displayDate: PAYLOADS.displayDate,
    headline: "Second",
    media: { url: "javascript:alert(1)", link: "javascript:alert(2)", caption: "c" },
  });
  // Sources ops.ts would refuse.
  const sources = new Y.Array<Y.Map<unknown>>();
  sources.push([
    yMap({ url: "javascript:alert(1)" }),
    yMap({ url: "data:text/html,<script>alert(1)</script>", title: "t", accessed: "<script>alert(1)</script>" }),
    yMap({ url: "//example.org/protocol-relative", title: "pr" }),
  ]);
  entriesMap(doc).get(b)?.set("sources", sources);

  // An entry no op wrote: every field crafted.
  entriesMap(doc).set(
    "crafted",
    yMap({
      start: PAYLOADS.craftedStart,
      title: new Y.Text(PAYLOADS.craftedHeadline),
      status: 'verified" onclick="alert(1)',
      media: yMap({ url: "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", alt: '" onerror="alert(1)' }),
      body: new Y.Text("<script>alert('not a fragment')</script>"),
      tags: new Y.Array(),
    }),
  );

  addEntry(doc, {
    start: "2021",
    headline: "Image",
    media: { url: "https://example.org/a.PNG?size=large", link: "javascript:alert(1)", alt: '" onerror="alert(1)' },
  });
  return doc;
}
