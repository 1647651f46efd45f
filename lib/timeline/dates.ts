// Partial ISO 8601 dates (PRODUCT.md): the written form is the precision, so "2019" means "some time in
// 2019", not 1 January. Years use astronomical numbering, as ISO 8601 does: year 0 is 1 BCE, -0043 is
// 44 BCE. Calendar dates are proleptic Gregorian. Labels are English for now; `meta.language` is not
// consulted yet.
import type { TQualifier } from "./schema";

export type TPrecision = "year" | "month" | "day" | "minute" | "second";

export type TPartialDate = {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  precision: TPrecision;
};

export class DateError extends Error {
  override name = "DateError";
}

// Every calendar date within this range converts to a JS Date (valid from -271821-04-20 to
// 275760-09-13), which renderers and exporters rely on. Year-only dates have no such limit: deep time.
export const MAX_CALENDAR_YEAR = 271_820;

// Four or more year digits, as ISO 8601 expanded years: "44" is far more often a typo than year 44.
const DATE_RE = /^([+-]?)(\d{4,})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$/;

const FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:mm or YYYY-MM-DDTHH:mm:ss";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function parsePartialDate(s: string): TPartialDate {
  if (s.trim() === "") throw new DateError("A date is required");
  const m = DATE_RE.exec(s);
  if (!m) throw new DateError(`"${s}" is not a date: write it as ${FORMS}`);
  const [, sign, digits, mo, d, h, mi, se] = m;
  // `|| 0` turns -0 ("-0000") into year 0.
  const year = Number(`${sign}${digits}`) || 0;
  if (!Number.isSafeInteger(year)) throw new DateError(`${s} is not a date: the year is too large`);
  if (mo === undefined) return { year, precision: "year" };

  const fail = (why: string): never => {
    throw new DateError(`${s} is not a date: ${why}`);
  };
  if (Math.abs(year) > MAX_CALENDAR_YEAR) {
    fail(`a year with a month must be between -${MAX_CALENDAR_YEAR} and ${MAX_CALENDAR_YEAR}`);
  }
  const month = Number(mo);
  if (month < 1 || month > 12) fail(`there is no month ${mo}`);
  if (d === undefined) return { year, month, precision: "month" };

  const day = Number(d);
  const monthDays = daysInMonth(year, month);
  if (day < 1 || day > monthDays) {
    fail(`${MONTHS[month - 1]} ${yearLabel(year)} has ${monthDays} days`);
  }
  if (h === undefined || mi === undefined) return { year, month, day, precision: "day" };

  const hour = Number(h);
  const minute = Number(mi);
  if (hour > 23) fail("hours run from 00 to 23");
  if (minute > 59) fail("minutes run from 00 to 59");
  if (se === undefined) return { year, month, day, hour, minute, precision: "minute" };

  const second = Number(se);
  if (second > 59) fail("seconds run from 00 to 59");
  return { year, month, day, hour, minute, second, precision: "second" };
}

export function tryParsePartialDate(s: string): { ok: true; date: TPartialDate } | { ok: false; error: string } {
  try {
    return { ok: true, date: parsePartialDate(s) };
  } catch (e) {
    if (e instanceof DateError) return { ok: false, error: e.message };
    throw e;
  }
}

export function isPartialDate(s: string): boolean {
  return tryParsePartialDate(s).ok;
}

const pad2 = (n: number | undefined): string => String(n ?? 0).padStart(2, "0");

/** The canonical string: no "+" sign, years zero-padded to four digits. */
export function formatPartialDate(d: TPartialDate): string {
  const year = `${d.year < 0 ? "-" : ""}${String(Math.abs(d.year)).padStart(4, "0")}`;
  switch (d.precision) {
    case "year":
      return year;
    case "month":
      return `${year}-${pad2(d.month)}`;
    case "day":
      return `${year}-${pad2(d.month)}-${pad2(d.day)}`;
    case "minute":
      return `${year}-${pad2(d.month)}-${pad2(d.day)}T${pad2(d.hour)}:${pad2(d.minute)}`;
    case "second":
      return `${year}-${pad2(d.month)}-${pad2(d.day)}T${pad2(d.hour)}:${pad2(d.minute)}:${pad2(d.second)}`;
  }
}

// A missing part counts as -1, before any real value, so a date sorts before the more precise dates it
// contains: "2019" < "2019-01" < "2019-01-01".
function sortKey(d: TPartialDate): number[] {
  return [d.year, d.month ?? -1, d.day ?? -1, d.hour ?? -1, d.minute ?? -1, d.second ?? -1];
}

/** Chronological order of two valid dates; throws DateError if either is not one. */
export function comparePartialDates(a: string, b: string): number {
  const ka = sortKey(parsePartialDate(a));
  const kb = sortKey(parsePartialDate(b));
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  }
  return 0;
}

/**
 * Entry order of PRODUCT.md: start, then end (no end first), then id. Total, because entries may come
 * from any Yjs client: entries whose start is not a date sort last, by their raw start; an unreadable end
 * sorts like a missing one.
 */
export function compareEntries(
  a: { id: string; start: string; end?: string },
  b: { id: string; start: string; end?: string },
): number {
  const aValid = isPartialDate(a.start);
  const bValid = isPartialDate(b.start);
  if (aValid !== bValid) return aValid ? -1 : 1;
  const byStart = aValid ? comparePartialDates(a.start, b.start) : compareStrings(a.start, b.start);
  if (byStart !== 0) return byStart;
  const aEnd = a.end !== undefined && isPartialDate(a.end) ? a.end : undefined;
  const bEnd = b.end !== undefined && isPartialDate(b.end) ? b.end : undefined;
  if (aEnd !== bEnd) {
    if (aEnd === undefined) return -1;
    if (bEnd === undefined) return 1;
    const byEnd = comparePartialDates(aEnd, bEnd);
    if (byEnd !== 0) return byEnd;
  }
  return compareStrings(a.id, b.id);
}

// Code-unit order, not localeCompare: every replica must sort identically whatever its locale.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(s: string): number {
  return parsePartialDate(s).year;
}

const DEEP_TIME = 1_000_000;

/**
 * A year for people: "2019", "44 BCE" (astronomical year -43; year 0 is "1 BCE"), "12,000 BCE".
 * From a million years away it counts from the present, rounded to three significant digits:
 * "13.8 billion years ago", "66 million years ago", "5 billion years from now". At that scale the two
 * thousand years between year 0 and today are far below the rounding.
 */
export function yearLabel(year: number): string {
  if (Math.abs(year) >= DEEP_TIME) return `${deepTimeAmount(Math.abs(year))} ${year < 0 ? "ago" : "from now"}`;
  return year > 0 ? grouped(year) : `${grouped(1 - year)} BCE`;
}

function deepTimeAmount(years: number): string {
  const billions = Number((years / 1e9).toPrecision(3));
  if (billions >= 1) return `${billions} billion years`;
  const millions = Number((years / 1e6).toPrecision(3));
  // 999,999,999 rounds to 1000 million: say 1 billion instead.
  return millions >= 1000 ? "1 billion years" : `${millions} million years`;
}

// Four-digit years stay bare ("2019"), as in running text; longer ones get separators ("12,000").
function grouped(n: number): string {
  return n < 10_000 ? String(n) : String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

function timeLabel(d: TPartialDate): string {
  if (d.hour === undefined || d.minute === undefined) return "";
  const seconds = d.second === undefined ? "" : `:${pad2(d.second)}`;
  return `${pad2(d.hour)}:${pad2(d.minute)}${seconds}`;
}

function monthName(d: TPartialDate): string {
  return MONTHS[(d.month ?? 1) - 1];
}

function labelOf(d: TPartialDate): string {
  const year = yearLabel(d.year);
  if (d.month === undefined) return year;
  const month = monthName(d);
  if (d.day === undefined) return `${month} ${year}`;
  const time = timeLabel(d);
  return `${d.day} ${month} ${year}${time ? `, ${time}` : ""}`;
}

/** "2016", "April 2019", "24 December 2019", "24 December 2019, 14:05:09", "15 March 44 BCE". Throws DateError. */
export function formatDateLabel(s: string): string {
  return labelOf(parsePartialDate(s));
}

// A range label drops what both ends share: "April – August 2019", "24 – 26 December 2019",
// "24 December 2019, 14:05 – 16:30". Ends of different precisions are written out in full.
function rangeLabel(a: TPartialDate, b: TPartialDate): string {
  const full = `${labelOf(a)} – ${labelOf(b)}`;
  if (a.precision !== b.precision || a.year !== b.year) return full;
  const year = yearLabel(a.year);
  switch (a.precision) {
    case "year":
      return full;
    case "month":
      return `${monthName(a)} – ${monthName(b)} ${year}`;
    case "day":
      if (a.month !== b.month) return `${a.day} ${monthName(a)} – ${labelOf(b)}`;
      return `${a.day} – ${b.day} ${monthName(b)} ${year}`;
    case "minute":
    case "second":
      if (a.month !== b.month || a.day !== b.day) return full;
      return `${labelOf(a)} – ${timeLabel(b)}`;
  }
}

const QUALIFIER_PREFIX: Record<TQualifier, string> = { circa: "c. ", before: "before ", after: "after " };

/**
 * The date shown for an entry: its displayDate if set, else a label derived from start, end and
 * qualifier ("c. 2011", "April – August 2019"). Never throws: a stored date that is not valid (written
 * by another client) is shown as written.
 */
export function entryDateLabel(e: { start: string; end?: string; qualifier?: TQualifier; displayDate?: string }): string {
  if (e.displayDate) return e.displayDate;
  const prefix = e.qualifier ? QUALIFIER_PREFIX[e.qualifier] : "";
  const start = tryParsePartialDate(e.start);
  const end = e.end === undefined ? undefined : tryParsePartialDate(e.end);
  if (!start.ok) return `${prefix}${e.end ? `${e.start} – ${e.end}` : e.start}`;
  if (end === undefined) return `${prefix}${labelOf(start.date)}`;
  if (!end.ok) return `${prefix}${labelOf(start.date)} – ${e.end}`;
  if (formatPartialDate(start.date) === formatPartialDate(end.date)) return `${prefix}${labelOf(start.date)}`;
  return `${prefix}${rangeLabel(start.date, end.date)}`;
}
