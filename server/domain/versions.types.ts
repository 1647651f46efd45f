// What the versions routes answer (issue 15, PRODUCT.md "Versions").
import type { TComparison } from "../../lib/timeline/compare.ts";

export const VERSION_KINDS = ["auto", "named", "published", "pre-restore", "restore"] as const;
export type TVersionKind = (typeof VERSION_KINDS)[number];

/** Entry counts against the previous version of the timeline. */
export type TVersionSummary = { added: number; removed: number; changed: number };

export type TPerson = { id: string; name: string };

export type TVersion = {
  id: string;
  name: string;
  kind: TVersionKind;
  createdAt: string;
  /** Null for automatic versions and once the account is gone. */
  createdBy: TPerson | null;
  /** Who changed entries between the previous version and this one. */
  contributors: TPerson[];
  summary: TVersionSummary;
  /** What the version takes in the database: the whole state, or the diff against its base. */
  sizeBytes: number;
};

export type TRestoreResult = { version: TVersion; preRestore: TVersion };

export type { TComparison };
