"use client";

import { useState } from "react";
import type * as Y from "yjs";
import { setMeta } from "@/lib/timeline/ops";
import { useMeta } from "../_lib/use-meta";

/** meta.title, edited live; the server copies it to the title the dashboard lists. */
export function TimelineTitle({
  doc,
  userId,
  readOnly,
  fallback,
}: {
  doc: Y.Doc;
  userId: string;
  readOnly: boolean;
  /** Shown until the doc has a title (before the first sync). */
  fallback: string;
}) {
  const { title } = useMeta(doc);
  // While focused the input shows what is typed, even if a colleague renames meanwhile.
  const [draft, setDraft] = useState<string | null>(null);

  return (
    <input
      className="timeline-title"
      aria-label="Timeline title"
      value={draft ?? title}
      placeholder={fallback || "Untitled timeline"}
      onChange={(e) => {
        setDraft(e.target.value);
        setMeta(doc, { title: e.target.value }, { userId });
      }}
      onBlur={() => setDraft(null)}
      onKeyDown={(e) => {
        if (e.key === "Enter") e.currentTarget.blur();
      }}
      disabled={readOnly}
      data-testid="timeline-title"
    />
  );
}
