// What changed between two states of a timeline, entry by entry: what the history panel's "Compare"
// shows and what a version's summary counts. Reads only (schema.ts readers), writes nothing.
import { diffWords } from "diff";
import * as Y from "yjs";
import { bodyToPlainText } from "./ops";
import { entriesMap, listEntries, type TEntry } from "./schema";

/** The fields Compare shows old → new; the body is shown as a word diff instead. */
export const COMPARED_FIELDS = [
  "start",
  "end",
  "qualifier",
  "displayDate",
  "headline",
  "status",
  "group",
  "tags",
  "sources",
  "media",
  "background",
] as const;
export type TComparedField = (typeof COMPARED_FIELDS)[number];

export type TEntryRef = { id: string; headline: string; start: string };
/** A field's value as plain JSON; null when the entry has none. */
export type TFieldChange = { field: TComparedField; old: unknown; new: unknown };
export type TWordChange = { value: string; added?: true; removed?: true };
export type TEntryComparison = { id: string; headline: string; fields: TFieldChange[]; body?: TWordChange[] };
export type TComparison = { added: TEntryRef[]; removed: TEntryRef[]; changed: TEntryComparison[] };

/**
 * Entries of `to` that `from` lacks (added), of `from` that `to` lacks (removed), and the entries of both
 * whose compared fields or body differ, each in chronological order. `changed` names the entry by its
 * headline in `to`. A body whose text is the same but whose structure or formatting changed is
 * changed too, with a word diff that shows no insertion or deletion.
 */
export function compareTimelines(from: Y.Doc, to: Y.Doc): TComparison {
  const before = new Map(listEntries(from).map((e) => [e.id, e]));
  const after = listEntries(to);
  const afterIds = new Set(after.map((e) => e.id));
  const ref = (e: TEntry): TEntryRef => ({ id: e.id, headline: e.headline, start: e.start });

  const changed: TEntryComparison[] = [];
  for (const entry of after) {
    const old = before.get(entry.id);
    if (!old) continue;
    const fields = COMPARED_FIELDS.flatMap((field): TFieldChange[] => {
      const a = plain(old[field]);
      const b = plain(entry[field]);
      return stableJson(a) === stableJson(b) ? [] : [{ field, old: a, new: b }];
    });
    const oldBody = bodyOf(from, entry.id);
    const newBody = bodyOf(to, entry.id);
    const bodyChanged = oldBody.xml !== newBody.xml;
    if (fields.length === 0 && !bodyChanged) continue;
    changed.push({
      id: entry.id,
      headline: entry.headline,
      fields,
      ...(bodyChanged ? { body: wordDiff(oldBody.text, newBody.text) } : {}),
    });
  }
  return {
    added: after.filter((e) => !before.has(e.id)).map(ref),
    removed: [...before.values()].filter((e) => !afterIds.has(e.id)).map(ref),
    changed,
  };
}

export function wordDiff(oldText: string, newText: string): TWordChange[] {
  return diffWords(oldText, newText).map((c) => ({
    value: c.value,
    ...(c.added ? { added: true as const } : {}),
    ...(c.removed ? { removed: true as const } : {}),
  }));
}

// The body's text for the word diff, and its XML (text, structure and marks) to tell whether it changed.
function bodyOf(doc: Y.Doc, id: string): { text: string; xml: string } {
  const entry = entriesMap(doc).get(id);
  const body = entry instanceof Y.Map ? entry.get("body") : undefined;
  if (!(body instanceof Y.XmlFragment)) return { text: "", xml: "" };
  return { text: bodyToPlainText(body), xml: body.toString() };
}

function plain(v: unknown): unknown {
  if (v === undefined) return null;
  if (Array.isArray(v) && v.length === 0) return [];
  return v;
}

// JSON with object keys sorted, so two equal values read back in another key order compare equal.
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
