// The TimelineJS3 JSON configuration (PRODUCT.md, "TimelineJS formats"), as plain data: what our TimelineJS
// export writes, what the sheet reader produces from a CSV and what the importer reads. Every object may
// carry keys outside the format (a real file does: `type`, `location`...), so each has an index signature.

export type TJson = string | number | boolean | null | TJson[] | { [key: string]: TJson };

/** JSON as a TypeScript object literal holds it: an optional key may be undefined (and is not written). */
export type TJsonish = string | number | boolean | null | undefined | TJsonish[] | { [key: string]: TJsonish };

/** A TimelineJS date: numbers (a real file may hold "08" or "" instead; readers accept both). */
export type TTlDate = {
  year?: number | string;
  month?: number | string;
  day?: number | string;
  hour?: number | string;
  minute?: number | string;
  second?: number | string;
  millisecond?: number | string;
  display_date?: string;
  [key: string]: TJsonish;
};

export type TTlText = { headline?: string; text?: string; [key: string]: TJsonish };

export type TTlMedia = {
  url?: string;
  caption?: string;
  credit?: string;
  thumbnail?: string;
  alt?: string;
  title?: string;
  link?: string;
  link_target?: string;
  [key: string]: TJsonish;
};

export type TTlBackground = { url?: string; alt?: string; color?: string; opacity?: number; [key: string]: TJsonish };

export type TTlSlide = {
  start_date?: TTlDate;
  end_date?: TTlDate;
  text?: TTlText;
  media?: TTlMedia;
  group?: string;
  display_date?: string;
  background?: TTlBackground;
  autolink?: boolean;
  unique_id?: string;
  /**
   * Not TimelineJS: the cells of a sheet's columns that TimelineJS does not read, by header, in the
   * sheet's column order. Set by the sheet reader, written back by the sheet writer; the JSON export
   * never includes it.
   */
  $sheet?: Record<string, string>;
  [key: string]: TJsonish;
};

export type TTlEra = { start_date?: TTlDate; end_date?: TTlDate; text?: TTlText; [key: string]: TJsonish };

export type TTlTimeline = {
  title?: TTlSlide;
  events: TTlSlide[];
  eras?: TTlEra[];
  scale?: string;
  [key: string]: TJsonish;
};

/** What an import could not take as it was: a field kept in `extra` or changed, or a row left out. */
export type TImportProblem = {
  /** Where, for people: "row 5" for a sheet (the header is row 1), "event 3" / "title" / "era 2" for JSON. */
  at: string;
  /** The sheet row (1-based, header = 1), when read from a sheet. */
  row?: number;
  /** The field as the source names it: "location", "start_date.millisecond", "Media Thumbnail". */
  field?: string;
  message: string;
  /** `kept`: stored in `extra` and written back on export; `changed`: read differently (said how); `skipped`: a row or slide not imported. */
  kind: "kept" | "changed" | "skipped";
};
