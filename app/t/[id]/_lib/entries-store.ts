// A React-facing view of the entries map that re-reads only what a transaction touched. A keystroke
// in one body must not re-read 5,000 entries, and unchanged entries keep their object identity so
// memoised cards skip rendering.
import { useSyncExternalStore } from "react";
import * as Y from "yjs";
import { compareEntries } from "@/lib/timeline/dates";
import { entriesMap, readEntry, type TEntry, type YEntry } from "@/lib/timeline/schema";

/** Fields the card and the order depend on live elsewhere; the body is edited in place by Tiptap. */
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
    let reorder = false;
    for (const event of events) {
      if (event.target === map) {
        for (const id of event.keysChanged) touched.add(id);
        reorder = true;
        continue;
      }
      const [id, child] = event.path;
      if (typeof id !== "string") continue;
      if (child === undefined) {
        // A change to the entry map's own keys (start, status, media replaced...).
        touched.add(id);
        for (const key of event.keysChanged) if (ORDER_FIELDS.has(key)) reorder = true;
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
    sorted = reorder
      ? [...byId.values()].sort(compareEntries)
      : sorted.map((entry) => (touched.has(entry.id) ? (byId.get(entry.id) ?? entry) : entry));
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
