// Text <-> value conversions the entry forms share.
import { QUALIFIERS, STATUSES, type TQualifier, type TStatus } from "@/lib/timeline/schema";

export const QUALIFIER_OPTIONS: ReadonlyArray<{ value: TQualifier | ""; label: string }> = [
  { value: "", label: "None" },
  { value: "circa", label: "Circa (c.)" },
  { value: "before", label: "Before" },
  { value: "after", label: "After" },
];

export const STATUS_OPTIONS: ReadonlyArray<{ value: TStatus; label: string }> = [
  { value: "draft", label: "Draft" },
  { value: "needs-review", label: "Needs review" },
  { value: "verified", label: "Verified" },
  { value: "disputed", label: "Disputed" },
];

export function parseQualifier(value: string): TQualifier | null {
  return QUALIFIERS.find((q) => q === value) ?? null;
}

export function parseStatus(value: string): TStatus | null {
  return STATUSES.find((s) => s === value) ?? null;
}

/** "Syria, Diplomacy, , syria" -> ["Syria", "Diplomacy", "syria"]: empty items dropped, case kept. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))];
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(", ");
}
