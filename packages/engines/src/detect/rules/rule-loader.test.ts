import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../runtime/rule-set-loader";
import { ruleSetOf, ruleText } from "../test-helpers";
import { loadRuleDocuments } from "./rule-loader";

const fixture = (name: string): { path: string; text: string } => ({
  path: `testdata/rules/${name}`,
  text: readFileSync(join(import.meta.dirname, "../testdata/rules", name), "utf8"),
});

function errorsOf(text: string): { field: string; message: string }[] {
  return ruleSetOf(text)
    .issues.filter((i) => i.severity === "error")
    .map(({ field, message }) => ({ field, message }));
}

describe("rule loading", () => {
  it("loads a multi-document file with a rule and a correlation", () => {
    const set = loadRuleSet([fixture("ssh-bruteforce.yml")]);
    expect(set.issues).toEqual([]);
    expect(set.rules.map((r) => r.ruleId)).toEqual(["5638f7c0-ac70-491d-8465-2a65075e0d86"]);
    expect(set.correlations.map((c) => c.refs)).toEqual([["5638f7c0-ac70-491d-8465-2a65075e0d86"]]);
  });

  it("skips bad documents, loads the others and names file, document and field", () => {
    const set = loadRuleSet([fixture("bad-rules.yml")]);
    expect(set.rules.map((r) => r.rule.title)).toEqual(["Valid rule"]);
    const errs = set.issues
      .filter((i) => i.severity === "error")
      .map((i) => `${i.file}#${i.document} ${i.field}: ${i.message}`);
    expect(errs).toEqual([
      "testdata/rules/bad-rules.yml#0 detection: is required",
      "testdata/rules/bad-rules.yml#2 level: must be one of informational, low, medium, high, critical",
    ]);
    // Metadata is validated before detections are compiled, so the modifier error shows once the level is fixed.
    expect(
      errorsOf(ruleText("  selection:\n    Image|endswitch: /nc\n  condition: selection")),
    ).toEqual([
      { field: "detection.selection.Image|endswitch", message: "unknown modifier 'endswitch'" },
    ]);
  });

  it("refuses YAML alias bombs without expanding them", () => {
    const out = loadRuleDocuments([fixture("alias-bomb.yml")]);
    expect(out.documents).toEqual([]);
    expect(out.issues[0]).toMatchObject({ field: "(yaml)", severity: "error" });
    expect(out.issues[0]!.message).toMatch(/alias/i);
  });

  it("refuses oversized files and YAML syntax errors", () => {
    expect(
      loadRuleDocuments([{ path: "big.yml", text: "x".repeat(600_000) }]).issues[0]!.message,
    ).toMatch(/larger than/);
    expect(
      loadRuleDocuments([{ path: "bad.yml", text: "title: [unclosed" }]).issues[0],
    ).toMatchObject({ file: "bad.yml", field: "(yaml)" });
    expect(
      loadRuleDocuments([{ path: "dup.yml", text: "title: a\ntitle: b\n" }]).issues[0]!.field,
    ).toBe("(yaml)");
  });

  it.each([
    [
      "title: x\nlogsource: {product: linux}\ndetection: {sel: {a: 1}}\n",
      "detection.condition",
      "is required",
    ],
    [
      "title: x\nlogsource: linux\ndetection: {sel: {a: 1}, condition: sel}\n",
      "logsource",
      "must be a map",
    ],
    [
      "title: x\nlogsource: {definition: d}\ndetection: {sel: {a: 1}, condition: sel}\n",
      "logsource",
      "needs at least one of product, category, service",
    ],
    [
      "logsource: {product: linux}\ndetection: {sel: {a: 1}, condition: sel}\n",
      "title",
      "is required",
    ],
    [
      "title: x\nstatus: done\nlogsource: {product: linux}\ndetection: {sel: {a: 1}, condition: sel}\n",
      "status",
      "must be one of stable, test, experimental, deprecated, unsupported",
    ],
    [
      "title: x\nlogsource: {product: linux}\ndetection: {sel: {a: 1}, condition: sel and}\n",
      "detection.condition",
      "expected an identifier, found 'end' (at offset 7)",
    ],
    [
      "title: x\nlogsource: {product: linux}\ndetection: {sel: {a: 1}, condition: other}\n",
      "detection.condition",
      "condition references unknown identifier 'other'",
    ],
    [
      "title: x\nlogsource: {product: linux}\ndetection: {sel: {a: 1}, condition: 1 of filter*}\n",
      "detection.condition",
      "'filter*' matches no identifier",
    ],
    [
      "title: x\nlogsource: {product: linux}\ndetection: {sel: {a: 1}, condition: sel, timeframe: 5m}\n",
      "detection.timeframe",
      "is obsolete; express time windows with a correlation rule",
    ],
    [
      "title: x\nlogsource: {product: linux}\ndetection: {sel: [], condition: sel}\n",
      "detection.sel",
      "empty selection",
    ],
    [
      "title: x\nlogsource: {product: linux}\ndetection: {sel: [{a: 1}, b], condition: sel}\n",
      "detection.sel",
      "a selection list must hold only maps or only keywords",
    ],
    [
      "title: x\nlogsource: {product: linux}\ndetection: {sel: {a|re: '(?=x)'}, condition: sel}\n",
      "detection.sel.a|re",
      "invalid regex '(?=x)': only '(?:' groups and a leading '(?i)' are supported",
    ],
    [
      "title: x\ntags: [1, {a: b}]\nlogsource: {product: linux}\ndetection: {sel: {a: 1}, condition: sel}\n",
      "tags[1]",
      "must be a string",
    ],
    [
      "action: global\ntitle: x\n",
      "action",
      "Sigma 1.0 rule collections ('action: global') are not supported; split the rules",
    ],
  ])("reports %#: %s → %s", (text, field, message) => {
    expect(errorsOf(text)).toContainEqual({ field, message });
  });

  it("reports duplicate ids and keeps the first rule", () => {
    const r = ruleText("  sel:\n    Image: /bin/sh\n  condition: sel");
    const set = ruleSetOf(r, r);
    expect(set.rules).toHaveLength(1);
    expect(set.issues[0]).toMatchObject({ file: "rule-1.yml", field: "id" });
  });

  it("warns about non-UUID ids and upper-case logsource values", () => {
    const set = ruleSetOf(
      "title: x\nid: abc\nlogsource: {product: Linux}\ndetection: {sel: {a: 1}, condition: sel}\n",
    );
    expect(set.rules).toHaveLength(1);
    expect(set.issues.map((i) => `${i.severity} ${i.field}`)).toEqual([
      "warning id",
      "warning logsource.product",
    ]);
  });
});
