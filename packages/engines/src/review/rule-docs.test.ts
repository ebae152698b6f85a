import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleDocPages } from "./rule-docs";

describe("docs/rules", () => {
  it("is up to date with the rule metadata (run npm run docs:rules)", () => {
    const pages = ruleDocPages();
    for (const [name, text] of Object.entries(pages)) {
      const committed = readFileSync(
        new URL(`../../../../docs/rules/${name}`, import.meta.url),
        "utf8",
      );
      expect(committed, name).toBe(text);
    }
  });
});
