import { describe, expect, it } from "vitest";
import { formatCondition } from "./condition-ast";
import { expandPattern } from "./condition-compiler";
import { ConditionSyntaxError, parseCondition, parseConditionList } from "./condition-parser";

// Rules spec "Condition" section and detection brief §2.4.
describe("condition parser", () => {
  it.each([
    ["selection", "selection"],
    ["a and b", "(a and b)"],
    ["a or b and c", "(a or (b and c))"],
    ["not a and b", "(not a and b)"],
    ["not (a or b)", "not (a or b)"],
    ["(a or b) and c", "((a or b) and c)"],
    ["a and not 1 of filter_*", "(a and not 1 of filter_*)"],
    ["1 of selection*", "1 of selection*"],
    ["any of sel_*", "1 of sel_*"],
    ["all of them", "all of them"],
    ["1 of them", "1 of them"],
    [
      "all of selection_* and not 1 of filter_main_* and not 1 of filter_optional_*",
      "(all of selection_* and not 1 of filter_main_* and not 1 of filter_optional_*)",
    ],
    [
      "selection_execve and (keywords_truncate or (keywords_dd and not keywords_filter))",
      "(selection_execve and (keywords_truncate or (keywords_dd and not keywords_filter)))",
    ],
    ["not not a", "not not a"],
  ])("%s", (text, expected) => {
    expect(formatCondition(parseCondition(text))).toBe(expected);
  });

  it("produces an immutable AST with kind discriminants", () => {
    const ast = parseCondition("a and not b");
    expect(ast.kind).toBe("and");
    expect(Object.isFrozen(ast)).toBe(true);
    if (ast.kind === "and") expect(Object.isFrozen(ast.operands[1])).toBe(true);
  });

  it("ORs a list of conditions", () => {
    expect(formatCondition(parseConditionList(["a", "b and c"]))).toBe("(a or (b and c))");
  });

  it.each([
    ["a and", /expected an identifier/],
    ["(a or b", /expected '\)'/],
    ["a b", /unexpected 'b'/],
    ["2 of a*", /quantifier/],
    ["sel*", /only allowed after/],
    ["a | count() > 5", /obsolete/],
    ["a near b", /obsolete/],
    ["a AND b", /unexpected 'AND'/], // operators are lower case
    ["a & b", /unexpected character '&'/],
    ["1 of", /after 'of'/],
  ])("rejects %s", (text, msg) => {
    expect(() => parseCondition(text)).toThrow(ConditionSyntaxError);
    expect(() => parseCondition(text)).toThrow(msg);
  });

  it("bounds nesting", () => {
    expect(() => parseCondition(`${"(".repeat(100)}a${")".repeat(100)}`)).toThrow(/too deeply/);
  });
});

describe("x of pattern expansion", () => {
  const names = ["selection_a", "selection_b", "filter", "_hidden", "_sel_x"];
  it("them excludes identifiers starting with _", () => {
    expect(expandPattern("them", names)).toEqual(["selection_a", "selection_b", "filter"]);
  });
  it("patterns glob whole identifiers and exclude _ ones", () => {
    expect(expandPattern("selection_*", names)).toEqual(["selection_a", "selection_b"]);
    expect(expandPattern("*", names)).toEqual(["selection_a", "selection_b", "filter"]);
    expect(expandPattern("sel", names)).toEqual([]);
  });
  it("a pattern starting with _ may select _ identifiers", () => {
    expect(expandPattern("_*", names)).toEqual(["_hidden", "_sel_x"]);
  });
});
