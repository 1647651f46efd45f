import { useCallback, useRef, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { metaMap, readMeta, type TMeta } from "@/lib/timeline/schema";

/** The timeline's meta map as plain data, re-read when the map changes. */
export function useMeta(doc: Y.Doc): TMeta {
  const snapshot = useRef<TMeta | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const meta = metaMap(doc);
      const observer = () => {
        snapshot.current = null;
        onChange();
      };
      meta.observeDeep(observer);
      return () => meta.unobserveDeep(observer);
    },
    [doc],
  );
  const getSnapshot = () => (snapshot.current ??= readMeta(doc));
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
