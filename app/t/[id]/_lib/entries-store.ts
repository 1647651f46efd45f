// A React-facing view of the entries map that re-reads only what a transaction touched. A keystroke
// in one body must not re-read 5,000 entries, and unchanged entries keep their object identity so
// memoised cards skip rendering.
import { useSyncExternalStore } from "react";
import * as Y from "yjs";
import { compareEntries } from "@/lib/timeline/dates";
import { entriesMap, readEntry, type TEntry, type YEntry } from "@/lib/timeline/schema";

/** Children no reader of this store shows: Tiptap edits the body in place; `extra` is for export only. */
const UNSHOWN_CHILDREN = new Set(["body", "extra"]);
const ORDER_FIELDS = new Set(["start", "end"]);

export type TEntriesStore = {
  subscribe: (onChange: () => void) => () => void;
  /** Chronological, as PRODUCT.md orders entries. */
  getSnapshot: () => readonly TEntry[];
  get: (id: string) => TEntry | undefined;
  destroy: () => void;
};

const EMPTY: readonly TEntry[] = [];

/**
 * Above this many moved entries a full sort is cheaper than placing each one. compareEntries parses
 * both dates on every call, so a full sort of 5,000 entries costs ~100 ms: too slow per keystroke
 * in a start date, fine for the first sync.
 */
const FULL_SORT_THRESHOLD = 64;

/** `sorted` without the `moved` ids, then each moved entry that still exists put in its place. */
function reposition(sorted: readonly TEntry[], moved: ReadonlySet<string>, byId: ReadonlyMap<string, TEntry>): TEntry[] {
  const out = sorted.filter((entry) => !moved.has(entry.id));
  for (const id of moved) {
    const entry = byId.get(id);
    if (!entry) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(out[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, entry);
  }
  return out;
}

export function createEntriesStore(doc: Y.Doc): TEntriesStore {
  const map = entriesMap(doc);
  const byId = new Map<string, TEntry>();
  // Any Yjs client may write the map, so a value that is not an entry is skipped, as listEntries does.
  map.forEach((yentry, id) => {
    if (yentry instanceof Y.Map) byId.set(id, readEntry(yentry, id));
  });
  let sorted: readonly TEntry[] = [...byId.values()].sort(compareEntries);
  const listeners = new Set<() => void>();

  const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const touched = new Set<string>();
    // Entries added, removed or re-dated: their place in the order changes.
    const moved = new Set<string>();
    for (const event of events) {
      if (event.target === map && event instanceof Y.YMapEvent) {
        for (const id of event.keysChanged) {
          touched.add(id);
          moved.add(id);
        }
        continue;
      }
      const [id, child] = event.path;
      if (typeof id !== "string") continue;
      if (child === undefined) {
        // A change to the entry map's own keys (start, status, media replaced...).
        touched.add(id);
        if (event instanceof Y.YMapEvent) {
          for (const key of event.keysChanged) if (ORDER_FIELDS.has(key)) moved.add(id);
        }
      } else if (typeof child === "string" && !UNSHOWN_CHILDREN.has(child)) {
        touched.add(id);
      }
    }
    if (touched.size === 0) return;

    for (const id of touched) {
      const yentry: YEntry | undefined = map.get(id);
      if (yentry instanceof Y.Map) byId.set(id, readEntry(yentry, id));
      else byId.delete(id);
    }
    if (moved.size > FULL_SORT_THRESHOLD) {
      sorted = [...byId.values()].sort(compareEntries);
    } else {
      const updated = sorted.map((entry) => (touched.has(entry.id) ? (byId.get(entry.id) ?? entry) : entry));
      sorted = moved.size === 0 ? updated : reposition(updated, moved, byId);
    }
    for (const listener of listeners) listener();
  };
  map.observeDeep(observer);

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot: () => sorted,
    get: (id) => byId.get(id),
    destroy: () => map.unobserveDeep(observer),
  };
}

export function useEntries(store: TEntriesStore): readonly TEntry[] {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => EMPTY);
}

export function useEntry(store: TEntriesStore, id: string): TEntry | undefined {
  return useSyncExternalStore(
    store.subscribe,
    () => store.get(id),
    () => undefined,
  );
}
