import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "./json-error-offset";

describe("JSON error offset", () => {
  it("accepts what JSON.parse accepts", () => {
    for (const ok of [
      '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"],"b":{}}',
      " [ ] ",
      '"s"',
      "0",
    ]) {
      expect(() => {
        JSON.parse(ok);
      }).not.toThrow();
      expect(jsonErrorOffset(ok)).toBeNull();
    }
  });

  it("points at the first wrong character", () => {
    expect(jsonErrorOffset('{"a": Notice}')).toBe(6);
    expect(jsonErrorOffset('{"a":}')).toBe(5);
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset("{'a':1}")).toBe(1);
    expect(jsonErrorOffset('{"a":1}}')).toBe(7);
    expect(jsonErrorOffset('{"a":01}')).toBe(6);
    expect(jsonErrorOffset('"\\x"')).toBe(2);
  });

  it("points at the end of a cut-off text", () => {
    expect(jsonErrorOffset('{"a":1')).toBe(6);
    expect(jsonErrorOffset('{"a":"abc')).toBe(9);
    expect(jsonErrorOffset("")).toBe(0);
  });
});
