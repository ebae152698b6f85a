import { describe, expect, it } from "vitest";
import { AhoCorasick } from "./aho-corasick";

describe("AhoCorasick", () => {
  const found = (patterns: string[], text: string): number[] => {
    const ids = new Set<number>();
    new AhoCorasick(patterns).search(text, (id) => ids.add(id));
    return [...ids].sort();
  };
  it("finds overlapping and nested patterns", () => {
    expect(found(["he", "she", "his", "hers"], "ushers")).toEqual([0, 1, 3]);
    expect(found(["a", "aa", "aaa"], "aa")).toEqual([0, 1]);
    expect(found(["/bin/sh", "sh -i", "nc"], "/usr/bin/sh -i")).toEqual([0, 1]);
    expect(found(["abc"], "ababc")).toEqual([0]);
    expect(found(["", "x"], "y")).toEqual([]);
  });
  it("agrees with includes on random inputs", () => {
    const patterns = ["ab", "bab", "bb", "abba", "a", "bbb"];
    for (let n = 0; n < 200; n++) {
      let text = "";
      for (let i = 0; i < 12; i++) text += "ab"[(n * 7 + i * i + (n >> i)) % 2];
      const expected = patterns.flatMap((p, i) => (text.includes(p) ? [i] : []));
      expect(found(patterns, text)).toEqual(expected);
    }
  });
});
