import { describe, expect, it } from "vitest";
import { isBacktrackingSafe, parseRegex, RegexSyntaxError } from "./regex-ast";
import { compileSigmaRegex, type RegexOptions } from "./regex-matcher";
import { compileVm } from "./regex-vm";

const OPTS: RegexOptions = {
  ignoreCase: false,
  multiline: false,
  dotAll: false,
  anchoring: "search",
};

describe("regex subset parser", () => {
  it.each([
    "[0-9]{1,3}\\.[0-9]{1,3}",
    "(?:\\s-[^-\\s]{0,20}i|\\s--inode\\s)",
    "(.){200,}",
    "-(W|R)\\s?(\\s|\"|')([0-9a-fA-F]{2}\\s?){2,20}(\\s|\"|')",
    "(?i)/lib/python3\\.([5-9]|[0-9]{2})/site-packages/",
    "a{",
    "\\x41\\t\\bword\\b",
  ])("accepts %s", (p) => {
    expect(() => parseRegex(p)).not.toThrow();
  });

  it.each([
    ["(a)\\1", /unsupported escape/],
    ["(?=x)", /only '\(\?:'/],
    ["(?<name>x)", /only/],
    ["a*+", /possessive/],
    ["*a", /nothing to repeat/],
    ["(a", /missing '\)'/],
    ["a)", /unbalanced/],
    ["[a-", /unterminated/],
    ["[z-a]", /out of order/],
    ["a{2000}", /above 1000/],
  ])("rejects %s", (p, msg) => {
    expect(() => parseRegex(p)).toThrow(RegexSyntaxError);
    expect(() => parseRegex(p)).toThrow(msg);
  });

  it("classifies nested repetition as unsafe for backtracking", () => {
    expect(isBacktrackingSafe(parseRegex("(a+)+$").ast)).toBe(false);
    expect(isBacktrackingSafe(parseRegex("(a|aa)*b").ast)).toBe(false);
    expect(isBacktrackingSafe(parseRegex(".*a.*b").ast)).toBe(false);
    expect(isBacktrackingSafe(parseRegex("https://[0-9]{1,3}\\.").ast)).toBe(true);
  });
});

describe("linear-time VM", () => {
  const patterns = [
    "a+b",
    "^abc$",
    "(ab|cd)*e",
    "[^x-z]{2,3}q",
    "\\bfoo\\b",
    "colou?r",
    "\\d+\\.\\d+",
    "(a|b)*c(d|e)?",
    "x.*y.*z",
  ];
  const inputs = [
    "",
    "ab",
    "aab",
    "abc",
    "ababe",
    "cde",
    "aaq",
    "xyq",
    "a foo b",
    "foobar",
    "color",
    "colour",
    "1.25",
    "abbcd",
    "x-y-z",
    "xzy",
  ];
  it("agrees with V8 on every pattern × input", () => {
    for (const p of patterns) {
      const vm = compileVm(parseRegex(p).ast, {
        ignoreCase: false,
        multiline: false,
        dotAll: false,
      });
      const re = new RegExp(p);
      for (const s of inputs) expect([p, s, vm.test(s)]).toEqual([p, s, re.test(s)]);
    }
  });
  it("supports flags", () => {
    const vm = compileVm(parseRegex("^B.c$").ast, {
      ignoreCase: true,
      multiline: true,
      dotAll: true,
    });
    expect(vm.test("a\nb\nc\nz")).toBe(true);
  });
  it("runs catastrophic patterns in linear time instead of hanging", () => {
    const re = compileSigmaRegex("(a+)+$", OPTS);
    expect(re.engine).toBe("linear");
    const evil = `${"a".repeat(50_000)}!`;
    expect(re.test(evil)).toBe(false); // V8 would backtrack for ages here
    expect(re.test("aaa")).toBe(true);
  });
  it("answers a non-matching evil input without backtracking", () => {
    const re = compileSigmaRegex("^(a|aa)+$", OPTS);
    expect(re.test(`${"a".repeat(20_000)}!`)).toBe(false);
    expect(re.test("a".repeat(20_000))).toBe(true);
  });
  it("uses V8 for safe patterns", () => {
    expect(compileSigmaRegex("[0-9]{1,3}\\.[0-9]{1,3}", OPTS).engine).toBe("v8");
  });
});
