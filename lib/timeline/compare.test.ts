import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compareTimelines } from "./compare";
import { addEntry, initTimeline, restoreEntry, restoreTimeline, setBody, setHeadline, updateEntry } from "./ops";
import { timelineToJson } from "../formats/json";

function twoStates() {
  const from = new Y.Doc();
  initTimeline(from, { title: "T" });
  const kept = addEntry(from, { start: "2020", headline: "Kept", body: [{ type: "paragraph", content: [{ text: "The old words stay" }] }] });
  const gone = addEntry(from, { start: "2019", headline: "Gone", tags: ["a"] });
  const to = new Y.Doc();
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
  setHeadline(to, kept, "Kept, renamed");
  updateEntry(to, kept, { tags: ["b"], qualifier: "circa" });
  setBody(to, kept, [{ type: "paragraph", content: [{ text: "The new words stay" }] }]);
  updateEntry(to, gone, { group: "x" });
  const added = addEntry(to, { start: "2021", headline: "New" });
  to.getMap("entries").delete(gone);
  return { from, to, kept, gone, added };
}

describe("compareTimelines", () => {
  it("lists entries added and removed, and per changed entry its fields old → new and a word diff of its body", () => {
    const { from, to, kept, gone, added } = twoStates();
    expect(compareTimelines(from, to)).toEqual({
      added: [{ id: added, headline: "New", start: "2021" }],
      removed: [{ id: gone, headline: "Gone", start: "2019" }],
      changed: [
        {
          id: kept,
          headline: "Kept, renamed",
          fields: [
            { field: "qualifier", old: null, new: "circa" },
            { field: "headline", old: "Kept", new: "Kept, renamed" },
            { field: "tags", old: [], new: ["b"] },
          ],
          body: [{ value: "The " }, { value: "old", removed: true }, { value: "new", added: true }, { value: " words stay" }],
        },
      ],
    });
    expect(compareTimelines(to, to)).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe("restoreTimeline and restoreEntry", () => {
  it("make the content equal to the version's, as a change on top of the current state", () => {
    const { from, to, kept } = twoStates();
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(to));
    restoreEntry(live, from, kept);
    expect(timelineToJson(live).entries.find((e) => e.id === kept)).toEqual(timelineToJson(from).entries.find((e) => e.id === kept));
    expect(timelineToJson(live).entries).toHaveLength(2);
    restoreTimeline(live, from);
    expect(timelineToJson(live)).toEqual(timelineToJson(from));
    // Written on top: the old state is still what `to` was, and the two merge.
    Y.applyUpdate(to, Y.encodeStateAsUpdate(live));
    expect(timelineToJson(to)).toEqual(timelineToJson(from));
  });
});
