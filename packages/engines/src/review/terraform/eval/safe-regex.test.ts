import { describe, expect, it } from "vitest";
import { safeRegExp } from "./safe-regex";
import { EvalError } from "./values";

describe("safeRegExp", () => {
  it("compiles the patterns Terraform modules use", () => {
    expect(
      safeRegExp("^arn:aws:s3:::([a-z0-9.-]+)$", "", "arn:aws:s3:::logs").exec(
        "arn:aws:s3:::logs",
      )?.[1],
    ).toBe("logs");
    expect(safeRegExp("(?P<x>a)".replace("?P", "?"), "", "a").exec("a")?.groups?.x).toBe("a");
    expect(safeRegExp("[0-9]+(\\.[0-9]+)?", "g", "1.2").test("1.2")).toBe(true);
  });

  it("refuses shapes that backtrack catastrophically, and oversized input", () => {
    for (const p of ["(a+)+$", "(\\w*)*x", "(a|aa){2,}b", "(.*a){12}"]) {
      expect(() => safeRegExp(p, "", "aaaa"), p).toThrow(EvalError);
    }
    expect(() => safeRegExp("(a)\\1", "", "aa")).toThrow(/back-references/);
    expect(() => safeRegExp("a(?=b)", "", "ab")).toThrow(/look-around/);
    expect(() => safeRegExp("a".repeat(600), "", "a")).toThrow(/longer than/);
    expect(() => safeRegExp("a", "", "a".repeat(70_000))).toThrow(/subject longer/);
    expect(() => safeRegExp("(", "", "a")).toThrow(/invalid regular expression/);
  });
});
