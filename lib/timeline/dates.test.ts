import { describe, expect, it } from "vitest";
import {
  DateError,
  compareEntries,
  comparePartialDates,
  entryDateLabel,
  formatDateLabel,
  formatPartialDate,
  isPartialDate,
  parsePartialDate,
  tryParsePartialDate,
  yearLabel,
  yearOf,
} from "./dates";

describe("parsePartialDate", () => {
  it("reads each form with its precision", () => {
    expect(parsePartialDate("2019")).toEqual({ year: 2019, precision: "year" });
    expect(parsePartialDate("2019-04")).toEqual({ year: 2019, month: 4, precision: "month" });
    expect(parsePartialDate("2019-12-24")).toEqual({ year: 2019, month: 12, day: 24, precision: "day" });
    expect(parsePartialDate("2019-12-24T14:05")).toEqual({
      year: 2019, month: 12, day: 24, hour: 14, minute: 5, precision: "minute",
    });
    expect(parsePartialDate("2019-12-24T14:05:09")).toEqual({
      year: 2019, month: 12, day: 24, hour: 14, minute: 5, second: 9, precision: "second",
    });
  });

  it("reads signed, astronomical and deep-time years", () => {
    expect(parsePartialDate("-0044-03-15")).toEqual({ year: -44, month: 3, day: 15, precision: "day" });
    expect(parsePartialDate("0000")).toEqual({ year: 0, precision: "year" });
    expect(parsePartialDate("-0000").year).toBe(0);
    expect(parsePartialDate("+2019").year).toBe(2019);
    expect(parsePartialDate("-13800000000")).toEqual({ year: -13_800_000_000, precision: "year" });
    expect(parsePartialDate("12019-01-01").year).toBe(12019);
  });

  it("validates the proleptic Gregorian calendar", () => {
    expect(isPartialDate("2020-02-29")).toBe(true);
    expect(isPartialDate("2000-02-29")).toBe(true);
    expect(isPartialDate("2019-02-29")).toBe(false);
    expect(isPartialDate("1900-02-29")).toBe(false);
    expect(isPartialDate("-0004-02-29")).toBe(true);
    expect(isPartialDate("2019-04-31")).toBe(false);
    expect(isPartialDate("2019-13")).toBe(false);
    expect(isPartialDate("2019-00")).toBe(false);
    expect(isPartialDate("2019-01-00")).toBe(false);
    expect(isPartialDate("2019-01-01T24:00")).toBe(false);
    expect(isPartialDate("2019-01-01T23:60")).toBe(false);
    expect(isPartialDate("2019-01-01T23:59:60")).toBe(false);
    expect(isPartialDate("2019-01-01T23:59:59")).toBe(true);
  });

  it("refuses other forms", () => {
    for (const s of ["", " 2019", "19", "2019-4", "2019-04-1", "2019/04/01", "2019-01-01T10", "2019-01-01 10:00",
      "2019-01-01T10:00Z", "2019-01-01T10:00:00.000", "April 2019", "--2019"]) {
      expect(isPartialDate(s), s).toBe(false);
    }
  });

  it("keeps calendar dates within the range of JS Date, and years within safe integers", () => {
    expect(isPartialDate("271820-12-31")).toBe(true);
    expect(isPartialDate("-271820-01-01")).toBe(true);
    expect(isPartialDate("300000-01")).toBe(false);
    expect(isPartialDate("300000")).toBe(true);
    expect(isPartialDate("99999999999999999999")).toBe(false);
  });

  it("explains what is wrong in words a newsroom reads", () => {
    expect(() => parsePartialDate("2019-02-29")).toThrow(DateError);
    expect(() => parsePartialDate("2019-02-29")).toThrow("2019-02-29 is not a date: February 2019 has 28 days");
    expect(tryParsePartialDate("2019-13")).toEqual({ ok: false, error: "2019-13 is not a date: there is no month 13" });
    expect(tryParsePartialDate("2019-01-01T24:00")).toEqual({
      ok: false, error: "2019-01-01T24:00 is not a date: hours run from 00 to 23",
    });
    expect(tryParsePartialDate("24/12/2019")).toEqual({
      ok: false,
      error: '"24/12/2019" is not a date: write it as YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:mm or YYYY-MM-DDTHH:mm:ss',
    });
  });
});

describe("formatPartialDate", () => {
  it("round-trips through parse, in canonical form", () => {
    for (const s of ["2019", "2019-04", "2019-12-24", "2019-12-24T14:05", "2019-12-24T00:00:09", "-0044-03-15",
      "0000", "0001-01-01", "-13800000000", "12019-06"]) {
      expect(formatPartialDate(parsePartialDate(s))).toBe(s);
      const d = parsePartialDate(s);
      expect(parsePartialDate(formatPartialDate(d))).toEqual(d);
    }
    expect(formatPartialDate(parsePartialDate("+2019-01"))).toBe("2019-01");
    expect(formatPartialDate(parsePartialDate("-0000"))).toBe("0000");
  });
});

describe("comparePartialDates", () => {
  it("orders chronologically, less precise before the more precise dates it contains", () => {
    const sorted = ["-13800000000", "-0044-03-15", "0000", "2016", "2019", "2019-01", "2019-01-01",
      "2019-01-01T00:00", "2019-01-01T00:00:00", "2019-01-01T00:01", "2019-01-02", "2019-12", "2020"];
    const shuffled = [...sorted].reverse();
    expect(shuffled.sort(comparePartialDates)).toEqual(sorted);
    expect(comparePartialDates("2019-04", "2019-04")).toBe(0);
  });

  it("throws on an invalid date", () => {
    expect(() => comparePartialDates("2019", "nope")).toThrow(DateError);
  });
});

describe("compareEntries", () => {
  it("orders by start, then end with no end first, then id", () => {
    const entries = [
      { id: "d", start: "2019-04", end: "2019-08" },
      { id: "c", start: "2019-04", end: "2019-06" },
      { id: "b", start: "2019-04" },
      { id: "a", start: "2019-04", end: "2019-08" },
      { id: "e", start: "2019" },
      { id: "z", start: "2018-12-31" },
    ];
    expect(entries.sort(compareEntries).map((e) => e.id)).toEqual(["z", "e", "b", "c", "a", "d"]);
  });

  it("puts entries whose start is not a date last instead of throwing", () => {
    const entries = [
      { id: "x", start: "someday" },
      { id: "b", start: "2019" },
      { id: "y", start: "" },
      { id: "a", start: "2020", end: "garbage" },
    ];
    expect(entries.sort(compareEntries).map((e) => e.id)).toEqual(["b", "a", "y", "x"]);
  });
});

describe("labels", () => {
  it("formats each precision", () => {
    expect(formatDateLabel("2016")).toBe("2016");
    expect(formatDateLabel("2019-04")).toBe("April 2019");
    expect(formatDateLabel("2019-12-24")).toBe("24 December 2019");
    expect(formatDateLabel("2019-12-24T14:05")).toBe("24 December 2019, 14:05");
    expect(formatDateLabel("2019-12-24T14:05:09")).toBe("24 December 2019, 14:05:09");
  });

  it("writes years before 1 as BCE, astronomically", () => {
    expect(formatDateLabel("-0043-03-15")).toBe("15 March 44 BCE");
    expect(formatDateLabel("-0044")).toBe("45 BCE");
    expect(formatDateLabel("0000")).toBe("1 BCE");
    expect(formatDateLabel("0001")).toBe("1");
    expect(yearLabel(-43)).toBe("44 BCE");
    expect(yearLabel(-11_999)).toBe("12,000 BCE");
    expect(yearLabel(12_019)).toBe("12,019");
  });

  it("counts deep time from the present", () => {
    expect(formatDateLabel("-13800000000")).toBe("13.8 billion years ago");
    expect(yearLabel(-66_000_000)).toBe("66 million years ago");
    expect(yearLabel(-1_000_000)).toBe("1 million years ago");
    expect(yearLabel(-999_999_999)).toBe("1 billion years ago");
    expect(yearLabel(-4_543_000_000)).toBe("4.54 billion years ago");
    expect(yearLabel(5_000_000_000)).toBe("5 billion years from now");
    expect(yearLabel(-999_999)).toBe("1,000,000 BCE");
  });

  it("yearOf gives the astronomical year", () => {
    expect(yearOf("2019-12-24")).toBe(2019);
    expect(yearOf("-0044")).toBe(-44);
  });
});

describe("entryDateLabel", () => {
  it("prefers displayDate", () => {
    expect(entryDateLabel({ start: "2016", displayDate: "End of 2016", qualifier: "circa" })).toBe("End of 2016");
  });

  it("prefixes qualifiers", () => {
    expect(entryDateLabel({ start: "2011", qualifier: "circa" })).toBe("c. 2011");
    expect(entryDateLabel({ start: "2019-03", qualifier: "before" })).toBe("before March 2019");
    expect(entryDateLabel({ start: "2018-09", qualifier: "after" })).toBe("after September 2018");
  });

  it("collapses what both ends of a range share", () => {
    const label = (start: string, end: string) => entryDateLabel({ start, end });
    expect(label("2016", "2019")).toBe("2016 – 2019");
    expect(label("2019-04", "2019-08")).toBe("April – August 2019");
    expect(label("2018-11", "2019-02")).toBe("November 2018 – February 2019");
    expect(label("2019-12-24", "2019-12-26")).toBe("24 – 26 December 2019");
    expect(label("2019-11-24", "2019-12-26")).toBe("24 November – 26 December 2019");
    expect(label("2018-12-24", "2019-01-02")).toBe("24 December 2018 – 2 January 2019");
    expect(label("2019-12-24T14:05", "2019-12-24T16:30")).toBe("24 December 2019, 14:05 – 16:30");
    expect(label("2019-12-24T14:05", "2019-12-25T16:30")).toBe("24 December 2019, 14:05 – 25 December 2019, 16:30");
    expect(label("2019", "2020-03")).toBe("2019 – March 2020");
    expect(label("-0043-03", "-0043-05")).toBe("March – May 44 BCE");
    expect(label("2019-04", "2019-04")).toBe("April 2019");
    expect(entryDateLabel({ start: "2019-04", end: "2019-08", qualifier: "circa" })).toBe("c. April – August 2019");
  });

  it("shows stored values that are not dates as written", () => {
    expect(entryDateLabel({ start: "someday" })).toBe("someday");
    expect(entryDateLabel({ start: "2019", end: "later" })).toBe("2019 – later");
  });
});
