// The history panel's state, shared by the panel (the list, Save version) and the stage that takes the
// timeline's place while a version is open or compared: one list, one action at a time.
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "@/app/_lib/api-client";
import { sentence } from "@/app/_lib/text";
import { listVersions, restoreVersion, saveVersion, type TCompareTarget, type TVersion } from "@/app/_lib/versions-client";

/** What the main area shows instead of the live timeline. */
export type TVersionShown = { kind: "open"; versionId: string } | { kind: "compare"; versionId: string; to: TCompareTarget };

export type TVersionHistory = {
  /** Null until the first answer. */
  versions: TVersion[] | null;
  error: string | null;
  shown: TVersionShown | null;
  show: (shown: TVersionShown | null) => void;
  reload: () => void;
  /** An action under way ("saving", "restoring"); every action button is disabled meanwhile. */
  pending: "saving" | "restoring" | null;
  /** What the last restore did, and which version undoes it. */
  restored: { version: TVersion; preRestore: TVersion } | null;
  save: (name: string) => Promise<boolean>;
  restore: (version: TVersion, entry?: { id: string; headline: string }) => Promise<void>;
};

const LIST_REFRESH_MS = 30_000;

function message(err: unknown): string {
  return err instanceof Error ? sentence(err.message) : "Something went wrong.";
}

export function useVersionHistory(timelineId: string, active: boolean): TVersionHistory {
  const [versions, setVersions] = useState<TVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<TVersionShown | null>(null);
  const [reads, setReads] = useState(0);
  const [pending, setPending] = useState<TVersionHistory["pending"]>(null);
  const [restored, setRestored] = useState<TVersionHistory["restored"]>(null);

  // Read when the panel opens, after each save or restore, and every half minute while it is open:
  // automatic versions, publishes and other editors' saves and restores appear while nobody asks.
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const read = () =>
      listVersions(timelineId).then(
        (list) => {
          if (cancelled) return;
          setVersions(list);
          setError(null);
        },
        (err: unknown) => {
          if (!cancelled) setError(message(err));
        },
      );
    void read();
    const timer = setInterval(() => void read(), LIST_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [timelineId, active, reads]);

  const reload = useCallback(() => setReads((n) => n + 1), []);

  const save = useCallback(
    async (name: string) => {
      setPending("saving");
      setError(null);
      setRestored(null);
      try {
        const version = await saveVersion(timelineId, name);
        setVersions((list) => [version, ...(list ?? []).filter((v) => v.id !== version.id)]);
        // And read again: a list that was on its way when the save ended would otherwise hide it.
        setReads((n) => n + 1);
        return true;
      } catch (err) {
        setError(message(err));
        return false;
      } finally {
        setPending(null);
      }
    },
    [timelineId],
  );

  const restore = useCallback(
    async (version: TVersion, entry?: { id: string; headline: string }) => {
      const what = entry ? `the entry “${entry.headline || "Untitled entry"}” as it was in` : "the whole timeline to";
      const ok = window.confirm(
        `Restore ${what} “${versionLabel(version)}”? Everyone sees it at once; the timeline as it is now is saved first, so this can be undone.`,
      );
      if (!ok) return;
      setPending("restoring");
      setError(null);
      setRestored(null);
      try {
        setRestored(await restoreVersion(timelineId, version.id, entry?.id));
        // Back to the live timeline, where the restore shows as it reaches everyone (unless the user
        // opened something else meanwhile).
        setShown((now) => (now === null || now.versionId === version.id ? null : now));
        setReads((n) => n + 1);
      } catch (err) {
        setError(err instanceof ApiError && err.status === 403 ? "Only owners and editors can restore versions." : message(err));
      } finally {
        setPending(null);
      }
    },
    [timelineId],
  );

  return { versions, error, shown, show: setShown, reload, pending, restored, save, restore };
}

const KIND_LABEL: Record<TVersion["kind"], string> = {
  auto: "Automatic save",
  named: "Named version",
  published: "Published",
  "pre-restore": "Before a restore",
  restore: "Restore",
};

/** A version's name, or for an unnamed (automatic) one what kind it is. */
export function versionLabel(version: TVersion): string {
  return version.name.trim() || KIND_LABEL[version.kind];
}

export function kindLabel(kind: TVersion["kind"]): string {
  return KIND_LABEL[kind];
}
