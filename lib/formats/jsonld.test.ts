// Issue 14, JSON-LD export: a schema.org ItemList of Events that a real JSON-LD processor expands
// offline, with every entry's dates at their precision, and a script element safe in any page's head.
// @ts-expect-error -- jsonld ships no type declarations and @types/jsonld is not a dependency.
import jsonld from "jsonld";
import { parse, type DefaultTreeAdapterTypes } from "parse5";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, initTimeline, setMeta } from "../timeline/ops";
import { entriesMap } from "../timeline/schema";
import { jsonLdScript, timelineToJsonLd, type TJsonLdObject } from "./jsonld";
import { PAYLOADS, hostileTimeline, sampleTimeline } from "./test-support/timelines";
import type { TJson } from "./timelinejs-types";

type TNode = { [key: string]: TJson };
type TExpandOptions = { documentLoader: (url: string) => Promise<never>; safe: boolean };
const jsonldExpand = jsonld.expand as (input: TJson, options: TExpandOptions) => Promise<TNode[]>;

const PAGE = "https://dateline.example/p/idlib";

/**
 * Expands as a linked-data reader would, with nothing to fetch: any remote context would reach the loader
 * and fail. Safe mode makes the processor throw where it would otherwise drop a term it cannot map.
 */
function expand(ld: TJsonLdObject): Promise<TNode[]> {
  return jsonldExpand(ld, {
    documentLoader: (url) => Promise.reject(new Error(`Expansion tried to fetch ${url}`)),
    safe: true,
  });
}

const S = "https://schema.org/";

function objects(node: TNode, property: string): TNode[] {
  const v = node[S + property];
  return Array.isArray(v) ? (v as TNode[]) : [];
}

// A property's values as plain data: literals by value, IRIs by IRI, nodes read recursively.
function read(node: TNode): Record<string, TJson> {
  const out: Record<string, TJson> = {};
  if (node["@id"] !== undefined) out["@id"] = node["@id"];
  if (Array.isArray(node["@type"])) out["@type"] = node["@type"].map((t) => String(t).replace(S, ""));
  for (const [key, values] of Object.entries(node)) {
    if (!key.startsWith(S) || !Array.isArray(values)) continue;
    out[key.slice(S.length)] = (values as TNode[]).map((v) => {
      if ("@value" in v) return v["@value"];
      if (Object.keys(v).length === 1 && "@id" in v) return v["@id"];
      return read(v);
    });
  }
  return out;
}

/** The expanded list's events, in list order, with their positions. */
function expandedEvents(expanded: TNode[]): Array<Record<string, TJson>> {
  expect(expanded).toHaveLength(1);
  return objects(expanded[0], "itemListElement").map((listItem) => {
    const [item] = objects(listItem, "item");
    return { position: read(listItem).position, ...read(item) };
  });
}

function datesTimeline(): Y.Doc {
  const doc = new Y.Doc();
  initTimeline(doc, { title: "Every precision", scale: "cosmological" });
  // Added out of order: the list follows the chronology.
  addEntry(doc, { start: "2011-03-15T14:30:05", headline: "To the second" }, { id: "second" });
  addEntry(doc, { start: "2011-03", headline: "To the month" }, { id: "month" });
  addEntry(doc, { start: "-13800000000", headline: "Big Bang" }, { id: "deep" });
  addEntry(doc, { start: "2011-03-15T14:30", headline: "To the minute" }, { id: "minute" });
  addEntry(doc, { start: "2011", headline: "To the year" }, { id: "year" });
  addEntry(doc, { start: "-0043-03-15", headline: "Ides of March" }, { id: "bce" });
  addEntry(doc, { start: "2011-03-15", headline: "To the day" }, { id: "day" });
  addEntry(doc, { start: "2019-04", end: "2019-08", headline: "A span of months" }, { id: "span" });
  return doc;
}

describe("timelineToJsonLd", () => {
  it("writes the timeline as an ItemList of Events, in chronological order", () => {
    expect(timelineToJsonLd(sampleTimeline(), { url: PAGE })).toEqual({
      "@context": { "@vocab": "https://schema.org/", url: { "@type": "@id" }, itemListOrder: { "@type": "@id" } },
      "@type": "ItemList",
      "@id": PAGE,
      url: PAGE,
      name: "Idlib: the last offensive",
      description: "How the siege unfolded.",
      itemListOrder: "https://schema.org/ItemListOrderAscending",
      numberOfItems: 2,
      itemListElement: [
        {
          "@type": "ListItem",
          position: 1,
          item: {
            "@type": "Event",
            "@id": `${PAGE}#entry-e1`,
            url: `${PAGE}#entry-e1`,
            name: "Exodus from Maarat al-Nouman",
            startDate: "2019-12-24",
            description: "Tens of thousands flee south",
            image: { "@type": "ImageObject", url: "https://example.org/photo.jpg", caption: "Families on the M5", creditText: "AFP" },
            keywords: ["displacement"],
            citation: [
              {
                "@type": "CreativeWork",
                url: "https://example.org/un",
                name: "UN OCHA flash update",
                publisher: { "@type": "Organization", name: "OCHA" },
                text: "Over 235,000 people displaced",
              },
            ],
          },
        },
        {
          "@type": "ListItem",
          position: 2,
          item: {
            "@type": "Event",
            "@id": `${PAGE}#entry-e2`,
            url: `${PAGE}#entry-e2`,
            name: "Talks in Moscow",
            startDate: "2020-02",
            // The qualifier has no schema.org property: the label says it. A video page is not an image.
            description: "c. February 2020",
          },
        },
      ],
    });
  });

  it("expands offline, with every entry's name and dates at their precision", async () => {
    const events = expandedEvents(await expand(timelineToJsonLd(datesTimeline(), { url: PAGE })));
    expect(events.map(({ position, name, startDate, endDate }) => ({ position, name, startDate, endDate }))).toEqual([
      { position: [1], name: ["Big Bang"], startDate: ["-13800000000"], endDate: undefined },
      { position: [2], name: ["Ides of March"], startDate: ["-0043-03-15"], endDate: undefined },
      { position: [3], name: ["To the year"], startDate: ["2011"], endDate: undefined },
      { position: [4], name: ["To the month"], startDate: ["2011-03"], endDate: undefined },
      { position: [5], name: ["To the day"], startDate: ["2011-03-15"], endDate: undefined },
      { position: [6], name: ["To the minute"], startDate: ["2011-03-15T14:30"], endDate: undefined },
      { position: [7], name: ["To the second"], startDate: ["2011-03-15T14:30:05"], endDate: undefined },
      { position: [8], name: ["A span of months"], startDate: ["2019-04"], endDate: ["2019-08"] },
    ]);
    expect(events.map((e) => [e["@type"], e["@id"], e.url])).toContainEqual([
      ["Event"],
      `${PAGE}#entry-bce`,
      [`${PAGE}#entry-bce`],
    ]);
    // Exact dates say everything: no label is added to them.
    expect(events.every((e) => e.description === undefined)).toBe(true);
  });

  it("expands sources to citations, tags to keywords and image media to an ImageObject", async () => {
    const [expanded] = await expand(timelineToJsonLd(sampleTimeline(), { url: PAGE }));
    expect(read(expanded)).toMatchObject({
      "@type": ["ItemList"],
      "@id": PAGE,
      url: [PAGE],
      name: ["Idlib: the last offensive"],
      itemListOrder: ["https://schema.org/ItemListOrderAscending"],
      numberOfItems: [2],
    });
    const [first] = expandedEvents([expanded]);
    expect(first).toMatchObject({
      keywords: ["displacement"],
      image: [{ "@type": ["ImageObject"], url: ["https://example.org/photo.jpg"], caption: ["Families on the M5"], creditText: ["AFP"] }],
      citation: [
        {
          "@type": ["CreativeWork"],
          url: ["https://example.org/un"],
          name: ["UN OCHA flash update"],
          publisher: [{ "@type": ["Organization"], name: ["OCHA"] }],
          text: ["Over 235,000 people displaced"],
        },
      ],
    });
  });

  it("cites sources with only some of their fields, and every source of an entry", async () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Sources" });
    addEntry(doc, {
      start: "2020-01-05",
      headline: "Three sources",
      sources: [{ publisher: "Reuters" }, { url: "https://example.org/a" }, { title: "Interview", accessed: "2020-01-06" }],
    });
    const [event] = expandedEvents(await expand(timelineToJsonLd(doc)));
    expect(event.citation).toEqual([
      { "@type": ["CreativeWork"], publisher: [{ "@type": ["Organization"], name: ["Reuters"] }] },
      { "@type": ["CreativeWork"], url: ["https://example.org/a"] },
      { "@type": ["CreativeWork"], name: ["Interview"] },
    ]);
  });

  it("says qualifiers and display dates in the description, before the body", async () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Labels" });
    addEntry(doc, { start: "2011", qualifier: "circa", headline: "Circa" });
    addEntry(doc, { start: "2019-03", qualifier: "before", headline: "Before" });
    addEntry(doc, {
      start: "2020-06",
      end: "2020-09",
      qualifier: "after",
      headline: "After",
      body: [{ type: "paragraph", content: [{ text: "First paragraph." }] }, { type: "paragraph", content: [{ text: "Second." }] }],
    });
    addEntry(doc, { start: "2021-05-01", displayDate: "Spring 2021", headline: "Worded" });
    const events = expandedEvents(await expand(timelineToJsonLd(doc)));
    expect(events.map((e) => [e.startDate, e.endDate, e.description])).toEqual([
      [["2011"], undefined, ["c. 2011"]],
      [["2019-03"], undefined, ["before March 2019"]],
      [["2020-06"], ["2020-09"], ["after June – September 2020 — First paragraph.\nSecond."]],
      [["2021-05-01"], undefined, ["Spring 2021"]],
    ]);
  });

  it("writes an empty timeline as an empty list", async () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "" });
    const ld = timelineToJsonLd(doc);
    expect(ld).toEqual({
      "@context": ld["@context"],
      "@type": "ItemList",
      itemListOrder: "https://schema.org/ItemListOrderAscending",
      numberOfItems: 0,
      itemListElement: [],
    });
    const [expanded] = await expand(ld);
    expect(read(expanded)).toEqual({ "@type": ["ItemList"], itemListOrder: [ld.itemListOrder], numberOfItems: [0], itemListElement: [] });
  });

  it("gives nodes no @id without a page URL, and the page's entry anchors with one", async () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Ids" });
    setMeta(doc, { media: { url: "https://example.org/cover.webp", alt: "Cover" } });
    addEntry(doc, { start: "2020", headline: "Imported" }, { id: 'slide 1 "a"' });
    const { "@context": context, ...withoutPage } = timelineToJsonLd(doc);
    expect(context).toBeDefined();
    expect(withoutPage).toEqual({
      "@type": "ItemList",
      name: "Ids",
      image: { "@type": "ImageObject", url: "https://example.org/cover.webp" },
      itemListOrder: "https://schema.org/ItemListOrderAscending",
      numberOfItems: 1,
      itemListElement: [{ "@type": "ListItem", position: 1, item: { "@type": "Event", name: "Imported", startDate: "2020" } }],
    });

    const [event] = expandedEvents(await expand(timelineToJsonLd(doc, { url: PAGE })));
    const anchor = new URL(String(event["@id"]));
    expect(anchor.href).toBe(`${PAGE}#entry-slide%201%20%22a%22`);
    // A browser looks the fragment up decoded: it finds the element whose id is "entry-" + the entry id.
    expect(decodeURIComponent(anchor.hash.slice(1))).toBe('entry-slide 1 "a"');
  });

  it("keeps a hostile timeline's payloads as data, with no unsafe URL and no date that is not one", async () => {
    const ld = timelineToJsonLd(hostileTimeline(), { url: PAGE });
    const expanded = await expand(ld);
    expect(read(expanded[0]).name).toEqual([PAYLOADS.title]);
    const events = expandedEvents(expanded);
    expect(events.map((e) => e.name)).toEqual([[PAYLOADS.headline], ["Second"], ["Image"], [PAYLOADS.craftedHeadline]]);
    expect(events[0].keywords).toEqual([PAYLOADS.tag, 'x" onclick="alert(1)']);
    expect(events[1].description).toEqual([PAYLOADS.displayDate]);
    // javascript: and data: sources are not links; the protocol-relative one is, made https.
    expect(events[1].citation).toEqual([
      { "@type": ["CreativeWork"], name: ["javascript:alert(1)"] },
      { "@type": ["CreativeWork"], name: ["t"] },
      { "@type": ["CreativeWork"], url: ["https://example.org/protocol-relative"], name: ["pr"] },
    ]);
    // Embed HTML and javascript: media are no image; the safe image is.
    expect(events.map((e) => (Array.isArray(e.image) ? e.image.length : 0))).toEqual([0, 0, 1, 0]);
    // The crafted start is not a date: no startDate, and its label, as written, leads the description.
    expect(events[3].startDate).toBeUndefined();
    expect(events[3].description).toEqual([PAYLOADS.craftedStart]);
  });
});

function elements(node: DefaultTreeAdapterTypes.Node, name: string): DefaultTreeAdapterTypes.Element[] {
  const here = "tagName" in node && node.tagName === name ? [node] : [];
  const children = "childNodes" in node ? node.childNodes : [];
  return [...here, ...children.flatMap((c) => elements(c, name))];
}

function scriptText(script: DefaultTreeAdapterTypes.Element): string {
  return script.childNodes.map((c) => ("value" in c ? c.value : "")).join("");
}

describe("jsonLdScript", () => {
  it("is one inert script element whose content a browser reads back as the same JSON", () => {
    const doc = hostileTimeline();
    const id = addEntry(doc, { start: "2022", headline: "</script><script>alert(1)</script> <!-- & \u2028\u2029 -->" });
    entriesMap(doc).get(id)?.set("displayDate", "</SCRIPT >");
    const ld = timelineToJsonLd(doc, { url: PAGE });
    const script = jsonLdScript(ld);

    const page = parse(`<!DOCTYPE html><html><head>${script}</head><body><p>after</p></body></html>`);
    const scripts = elements(page, "script");
    expect(scripts).toHaveLength(1);
    expect(scripts[0].attrs).toEqual([{ name: "type", value: "application/ld+json" }]);
    expect(JSON.parse(scriptText(scripts[0]))).toEqual(ld);
    // Nothing escaped the element: the body is the page's own.
    expect(elements(page, "p").map((p) => scriptText(p))).toEqual(["after"]);

    const json = script.slice('<script type="application/ld+json">'.length, -"</script>".length);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u003c!-- \\u0026 \\u2028\\u2029 --\\u003e");
  });

  it("writes an empty timeline's list", () => {
    const doc = new Y.Doc();
    initTimeline(doc, { title: "Empty" });
    expect(jsonLdScript(timelineToJsonLd(doc))).toBe(
      '<script type="application/ld+json">{"@context":{"@vocab":"https://schema.org/","url":{"@type":"@id"},"itemListOrder":{"@type":"@id"}},' +
        '"@type":"ItemList","name":"Empty","itemListOrder":"https://schema.org/ItemListOrderAscending","numberOfItems":0,"itemListElement":[]}</script>',
    );
  });
});
