import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { awsRules } from "./aws-rules";
import { azureRules } from "./azure-rules";
import { runFixtures } from "./fixture-harness";
import { gcpRules } from "./gcp-rules";
import type { TfRule } from "./rule-kit";

function fixtures(provider: string): string {
  const dir = join(import.meta.dirname, "../testdata", provider);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".tf"))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}

const table: [string, readonly TfRule[]][] = [
  ["aws", awsRules],
  ["gcp", gcpRules],
  ["azure", azureRules],
];

describe.each(table)("%s Terraform rules", (provider, rules) => {
  const results = runFixtures(rules, fixtures(provider));
  it.each(rules.map((r) => [r.meta.id]))(
    "%s has passing and failing fixtures that behave",
    (id) => {
      const mine = results.filter((x) => x.ruleId === id);
      expect(mine.some((x) => x.expected === "pass")).toBe(true);
      expect(mine.some((x) => x.expected === "fail")).toBe(true);
      for (const x of mine)
        expect({ address: x.address, actual: x.actual }).toEqual({
          address: x.address,
          actual: x.expected,
        });
    },
  );
  it("has unique ids and complete metadata", () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.meta.description.length, r.meta.id).toBeGreaterThan(10);
      expect(r.meta.remediation.length, r.meta.id).toBeGreaterThan(10);
      expect(r.meta.references.length, r.meta.id).toBeGreaterThan(0);
      expect(r.appliesTo.length, r.meta.id).toBeGreaterThan(0);
    }
  });
});
