import { describe, expect, it } from "vitest";
import { parseCondition } from "../condition/condition-parser";
import { makeEvent, ruleSetOf, runIds } from "../test-helpers";
import { requiredAtoms } from "./rule-prefilter";

const atomsOf = (selections: Record<string, unknown>, condition: string): string[] | undefined =>
  requiredAtoms({
    selections: new Map(Object.entries(selections)),
    condition: parseCondition(condition),
    conditionText: condition,
  })?.map((a) => `${a.field}:${a.literal}`);

describe("prefilter atoms", () => {
  it("takes the longest literal of each value, lower-cased", () => {
    expect(atomsOf({ sel: { "Image|endswith": ["/NCAT", "/nc"] } }, "sel")).toEqual([
      "Image:/ncat",
      "Image:/nc",
    ]);
    expect(atomsOf({ sel: { CommandLine: "*a?bcd*ef*" } }, "sel")).toEqual(["CommandLine:bcd"]);
  });
  it("picks the most selective item of an AND and unions an OR", () => {
    expect(atomsOf({ sel: { Image: "/x", CommandLine: "longer literal" } }, "sel")).toEqual([
      "CommandLine:longer literal",
    ]);
    expect(atomsOf({ a: { Image: "/aa" }, b: { Image: "/bb" } }, "a or b")).toEqual([
      "Image:/aa",
      "Image:/bb",
    ]);
    expect(atomsOf({ a: { Image: "/aa" }, b: { Image: "/bbbb" } }, "all of them")).toEqual([
      "Image:/bbbb",
    ]);
  });
  it("gives up on opaque items, negations and ORs with an opaque branch", () => {
    expect(atomsOf({ sel: { "CommandLine|re": "abc" } }, "sel")).toBeUndefined();
    expect(atomsOf({ sel: { Image: "/x" } }, "not sel")).toBeUndefined();
    expect(atomsOf({ a: { Image: "/x" }, b: { "F|exists": true } }, "a or b")).toBeUndefined();
    expect(atomsOf({ a: { Image: "*" } }, "a")).toBeUndefined();
    expect(atomsOf({ a: { Image: null } }, "a")).toBeUndefined();
  });
  it("uses keyword texts for keyword lists", () => {
    expect(atomsOf({ kw: ["Failed password"] }, "kw")).toEqual([":failed password"]);
  });
});

// Prefilter soundness: the indexed detector must report exactly what the naive one reports.
describe("indexed and naive detectors agree", () => {
  const values = ["/bin/sh", "/usr/bin/nc", "curl", "-e", "/tmp/", "ROOT", "wget -O", "base64 -d"];
  const mods = ["", "|contains", "|startswith", "|endswith", "|contains|all", "|re", "|cased"];
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
  const rules: string[] = [];
  for (let i = 0; i < 60; i++) {
    const item = (field = pick(["Image", "CommandLine", "User"])): string => {
      const m = pick(mods);
      const vs = m === "|contains|all" ? [pick(values), pick(values)] : [pick(values)];
      const yamlValues = vs
        .map((v) => `'${m === "|re" ? v.replace(/[/.]/g, "\\$&") : v}'`)
        .join(", ");
      return `    ${field}${m}: [${yamlValues}]`;
    };
    const cond = pick([
      "a",
      "a and b",
      "a or b",
      "a and not b",
      "1 of them",
      "all of them",
      "kw or a",
    ]);
    rules.push(
      `title: r${i}\nid: r${i}\nlogsource: {product: linux, category: process_creation}\ndetection:\n  a:\n${item()}\n  b:\n${item("Image")}\n${item("CommandLine")}\n  kw: ['${pick(values)}']\n  condition: ${cond}\n`,
    );
  }
  const set = ruleSetOf(...rules);
  const events = Array.from({ length: 300 }, () =>
    makeEvent({
      Image: pick(values),
      CommandLine: `${pick(values)} ${pick(values)} ${pick(values)}`,
      User: pick(values),
    }),
  );

  it("compiles the generated rules", () => {
    expect(set.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(set.rules.length).toBe(60);
  });

  it("matches identically", () => {
    const indexed = runIds(set, events);
    expect(indexed.length).toBeGreaterThan(50);
    expect(indexed).toEqual(runIds(set, events, { naive: true }));
  });
});
