import { describe, expect, it } from "vitest";
import { commentSegments, mentionMarkup, parseMentions } from "./mentions";

const ids = (body: string) => parseMentions(body).map((m) => [m.name, m.userId]);

describe("parseMentions", () => {
  it("finds each mention with where it stands, the typed name and the id", () => {
    const body = "Ask @[Hana Checker](u1), then @[Ivo](u-2_x).";
    expect(parseMentions(body)).toEqual([
      { index: 4, length: 19, name: "Hana Checker", userId: "u1" },
      { index: 30, length: 13, name: "Ivo", userId: "u-2_x" },
    ]);
    expect(body.slice(4, 4 + 19)).toBe("@[Hana Checker](u1)");
  });

  it("takes a mention right after a broken one whose id runs into a parenthesis", () => {
    expect(ids("@[x](a(@[Bob](id)")).toEqual([["Bob", "id"]]);
    expect(ids("@[x](a(b)")).toEqual([]);
    expect(ids("@[x](a)b)")).toEqual([["x", "a"]]);
  });

  it("reads no mention from a name with a bracket or a line break, or an id with whitespace", () => {
    expect(ids("@[a]b](id)")).toEqual([]);
    expect(ids("@[[Bob]](id)")).toEqual([]);
    expect(ids("@[a [b](id)")).toEqual([]);
    expect(ids("@[Ha\nna](id)")).toEqual([]);
    expect(ids("@[Hana](i d)")).toEqual([]);
    expect(ids("@[Hana]()")).toEqual([]);
    expect(ids("@[Hana] (id)")).toEqual([]);
  });

  it("takes the innermost mention in nested brackets", () => {
    expect(ids("@[see @[Bob](b)](a)")).toEqual([["Bob", "b"]]);
  });

  it("accepts an empty name: the real name is shown anyway", () => {
    expect(ids("@[](u1)")).toEqual([["", "u1"]]);
  });

  it("separates adjacent mentions", () => {
    expect(ids("@[A](a)@[B](b)@[A](a)")).toEqual([
      ["A", "a"],
      ["B", "b"],
      ["A", "a"],
    ]);
  });

  it("parses a long body in linear time, and every mention in it", () => {
    const many = Array.from({ length: 2_000 }, (_, i) => `@[P${i}](id${i})`).join(" ");
    expect(parseMentions(many)).toHaveLength(2_000);
    expect(parseMentions(many).at(-1)).toMatchObject({ name: "P1999", userId: "id1999" });
    // Unclosed openings: a name that may run over the next `@[` makes this take seconds.
    for (const body of ["@[".repeat(50_000), "@[x".repeat(33_000), "@[a](".repeat(20_000)]) {
      const t = performance.now();
      expect(parseMentions(body)).toEqual([]);
      expect(performance.now() - t).toBeLessThan(250);
    }
  });
});

describe("commentSegments", () => {
  it("turns counted mentions into mentions under their real names and leaves the rest as typed", () => {
    const body = "@[Olga, owner: OK to publish](o) and @[Nobody](x) @[Ed](e)!";
    expect(
      commentSegments(body, [
        { userId: "o", name: "Olga" },
        { userId: "e", name: "Eddie" },
      ]),
    ).toEqual([
      { kind: "mention", userId: "o", name: "Olga" },
      { kind: "text", text: " and @[Nobody](x) " },
      { kind: "mention", userId: "e", name: "Eddie" },
      { kind: "text", text: "!" },
    ]);
  });

  it("keeps a body without counted mentions whole, and an empty body empty", () => {
    expect(commentSegments("<img src=x onerror=alert(1)> @[A](a)", [])).toEqual([{ kind: "text", text: "<img src=x onerror=alert(1)> @[A](a)" }]);
    expect(commentSegments("", [])).toEqual([]);
  });
});

describe("mentionMarkup", () => {
  it("writes what parseMentions reads back, whatever the name", () => {
    for (const name of ["Hana", "Olga [owner]", "a]b", "two\nlines", ""]) {
      const [m] = parseMentions(`hi ${mentionMarkup(name, "u1")} there`);
      expect(m?.userId, name).toBe("u1");
    }
  });
});
