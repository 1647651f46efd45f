import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addEntry, setEntryStatus, setHeadline, updateEntry } from "./ops";
import { entriesMap, listEntries, readEntry } from "./schema";
import { changesSinceVerified, verifiedView } from "./verification";

const AT = "2019-12-25T09:00:00.000Z";

describe("changesSinceVerified", () => {
  it("is empty for an entry never verified, and for one unchanged since", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { start: "2019-12-24", headline: "Exodus" });
    expect(changesSinceVerified(listEntries(doc)[0])).toEqual([]);
    setEntryStatus(doc, id, { status: "verified", by: "u1", byName: "Hana", at: AT });
    expect(changesSinceVerified(listEntries(doc)[0])).toEqual([]);
  });

  it("gives old → new for each of date, end, qualifier and headline, null where a value is absent", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { start: "2019-12-24", end: "2019-12-31", headline: "Exodus" });
    setEntryStatus(doc, id, { status: "verified", by: "u1", byName: "Hana", at: AT });
    updateEntry(doc, id, { start: "2019-12-23", end: null, qualifier: "circa", displayDate: "Christmas week", group: "Humanitarian" });
    setHeadline(doc, id, "Exodus south");
    expect(changesSinceVerified(listEntries(doc)[0])).toEqual([
      { field: "start", old: "2019-12-24", new: "2019-12-23" },
      { field: "end", old: "2019-12-31", new: null },
      { field: "qualifier", old: null, new: "circa" },
      { field: "headline", old: "Exodus", new: "Exodus south" },
    ]);
  });

  it("reads a verifiedAs a stock client wrote as junk as absent", () => {
    const doc = new Y.Doc();
    const id = addEntry(doc, { start: "2019", headline: "h", status: "verified" });
    const entry = entriesMap(doc).get(id)!;
    for (const junk of ["2019", { start: 2019, headline: "h" }, new Y.Map(), [1]]) {
      entry.set("verifiedAs", junk);
      expect(readEntry(entry, id).verification).toBeUndefined();
      expect(changesSinceVerified(readEntry(entry, id))).toEqual([]);
    }
    entry.set("verifiedAs", { start: "2018", headline: "h", qualifier: "roughly", end: 7 });
    expect(readEntry(entry, id).verification).toEqual({ verifiedAs: { start: "2018", headline: "h" } });
    entry.set("statusAuto", "yes");
    entry.set("statusBy", 42);
    expect(readEntry(entry, id).verification).toEqual({ verifiedAs: { start: "2018", headline: "h" } });
  });
});

describe("verifiedView", () => {
  it("holds exactly the verified fields the entry has", () => {
    const doc = new Y.Doc();
    addEntry(doc, { start: "2019-12-24", headline: "Exodus", group: "g", displayDate: "Christmas Eve" });
    expect(verifiedView(listEntries(doc)[0])).toEqual({ start: "2019-12-24", headline: "Exodus" });
  });
});
