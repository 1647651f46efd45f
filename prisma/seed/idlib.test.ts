import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compareEntries } from "../../lib/timeline/dates";
import { bodyToPlainText, entryBody } from "../../lib/timeline/ops";
import { listEntries, readMeta } from "../../lib/timeline/schema";
import { IDLIB_ENTRIES, IDLIB_SUMMARY, IDLIB_TITLE, buildIdlibTimeline } from "./idlib";

// The article the demo is written from (../shared, beside the repository, as PRODUCT.md's samples are).
const ARTICLE = readFileSync(new URL("../../../shared/source-article.txt", import.meta.url), "utf8");

const NOW = new Date("2019-12-25T12:00:00.000Z");

function build(): Y.Doc {
  const doc = new Y.Doc();
  buildIdlibTimeline(doc, { userId: "seed", now: NOW });
  return doc;
}

describe("the Idlib demo timeline", () => {
  const doc = build();
  const entries = listEntries(doc);
  const text = entries
    .map((e) => [e.headline, e.displayDate ?? "", bodyToPlainText(entryBody(doc, e.id))].join("\n"))
    .join("\n");

  it("has its title, summary and at least ten entries", () => {
    expect(readMeta(doc)).toMatchObject({ title: IDLIB_TITLE, summary: IDLIB_SUMMARY, language: "en", scale: "human" });
    expect(entries.length).toBeGreaterThanOrEqual(10);
    expect(entries.length).toBe(IDLIB_ENTRIES.length);
  });

  it("keeps stable ids, listed in chronological order", () => {
    expect(entries.map((e) => e.id)).toEqual([
      "idlib-2011-uprising",
      "idlib-2016-east-aleppo",
      "idlib-2018-sochi-agreement",
      "idlib-2018-sochi-violated",
      "idlib-2019-khan-cheikhoun-offensive",
      "idlib-2019-fragile-truce",
      "idlib-2019-assad-visits-front",
      "idlib-2019-m5-offensive",
      "idlib-2019-130000-displaced",
      "idlib-2019-civilian-deaths",
      "idlib-2019-maarat-exodus",
      "idlib-2019-maarat-ghost-town",
      "idlib-2019-40-villages",
    ]);
    expect(IDLIB_ENTRIES.map((e) => e.id)).toEqual(entries.map((e) => e.id));
    for (let i = 1; i < entries.length; i++) expect(compareEntries(entries[i - 1], entries[i])).toBeLessThan(0);
  });

  it("builds the same timeline every time", () => {
    expect(listEntries(build())).toEqual(entries);
  });

  it("cites a source for every entry, quoting the article verbatim", () => {
    for (const e of entries) {
      expect(e.sources.length, e.id).toBeGreaterThanOrEqual(1);
      for (const s of e.sources) if (s.quote) expect(ARTICLE, `${e.id}: ${s.quote}`).toContain(s.quote);
    }
  });

  it("credits the UN and the SOHR for their figures", () => {
    const publishers = (id: string) => entries.find((e) => e.id === id)?.sources.map((s) => s.publisher);
    expect(publishers("idlib-2019-130000-displaced")).toContain("United Nations (UN)");
    expect(publishers("idlib-2019-civilian-deaths")).toContain("Syrian Observatory for Human Rights");
  });

  it("carries the article's figures", () => {
    for (const figure of ["130,000", "100 civilians", "40 villages", "4 km", "15 to 20 km", "70%"]) {
      expect(text).toContain(figure);
    }
  });

  it("uses honest precision, groups and statuses", () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get("idlib-2016-east-aleppo")).toMatchObject({ start: "2016", displayDate: "End of 2016" });
    expect(byId.get("idlib-2019-khan-cheikhoun-offensive")).toMatchObject({ start: "2019-04", end: "2019-08" });
    expect(byId.get("idlib-2019-40-villages")).toMatchObject({ start: "2019-12-25", status: "verified" });
    expect(new Set(entries.map((e) => e.group))).toEqual(new Set(["Politics", "Military", "Diplomacy", "Humanitarian"]));
    expect(entries.filter((e) => e.status === "needs-review").length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.status === "verified").length).toBeGreaterThan(entries.length / 2);
    for (const e of entries) expect(e).toMatchObject({ createdBy: "seed", createdAt: NOW.toISOString() });
  });

  it("refuses to seed twice into the same doc", () => {
    expect(() => buildIdlibTimeline(doc, {})).toThrow(/already an entry/);
  });
});
