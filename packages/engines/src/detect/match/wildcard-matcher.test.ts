import { describe, expect, it } from "vitest";
import { compileWildcard, parseWildcard } from "./wildcard-matcher";

// Spec "Escape Character" table (sigma-rules-specification.md) and detection brief §2.2.
describe("wildcard escaping", () => {
  const cases: [pattern: string, value: string, expected: boolean][] = [
    ["C:\\Windows\\System32", "C:\\Windows\\System32", true], // lone backslash is literal
    ["a\\*b", "a*b", true], // \* literal star
    ["a\\*b", "axxb", false],
    ["a\\?b", "a?b", true],
    ["a\\?b", "axb", false],
    ["a\\\\*", "a\\anything", true], // \\* = literal backslash then wildcard
    ["a\\\\*", "a", false],
    ["a\\\\\\*", "a\\*", true], // \\\* = literal \*
    ["a\\\\\\*", "a\\x", false],
    ["a\\\\\\\\", "a\\\\", true], // \\\\ = \\
    ["a\\\\\\", "a\\\\", true], // \\\ = \\
    ["finalescape\\", "finalescape\\", true], // trailing backslash literal
  ];
  it.each(cases)("%s on %s → %s", (pattern, value, expected) => {
    expect(compileWildcard(pattern, false)(value)).toBe(expected);
  });
});

describe("wildcards", () => {
  const cases: [string, string, boolean][] = [
    ["*", "", true],
    ["*", "anything", true],
    ["", "", true],
    ["", "x", false],
    ["abc", "abc", true],
    ["abc", "abcd", false],
    ["ab*", "abXYZ", true],
    ["*yz", "xxyz", true],
    ["*mid*", "a mid b", true],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a*b*c", "a--b--c", true],
    ["a*b*c", "a--c--b", false],
    ["a*b?d*", "aXXbcdYY", true],
    ["*a?c*", "zzabczz", true],
    ["?", "", false],
    ["a**b", "ab", true],
    ["*ab*ab*", "abab", true],
    ["*ab*ab", "ab", false],
  ];
  it.each(cases)("%s on %s → %s", (pattern, value, expected) => {
    expect(compileWildcard(pattern, false)(value)).toBe(expected);
  });

  it("folds the pattern for case-insensitive matching", () => {
    expect(compileWildcard("*CMD.exe", true)("c:\\x\\cmd.exe")).toBe(true);
  });

  it("parses leading and trailing stars", () => {
    expect(parseWildcard("*x*")).toMatchObject({ leadingStar: true, trailingStar: true });
    expect(parseWildcard("x\\*")).toMatchObject({ leadingStar: false, trailingStar: false });
  });
});
