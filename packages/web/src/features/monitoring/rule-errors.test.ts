import { describe, expect, it } from "vitest";
import { ApiError } from "@infrasec/contracts";
import { ruleFieldPath, ruleProblems } from "./rule-errors";

describe("rule upload errors", () => {
  it("names the field inside the rule", () => {
    expect(ruleFieldPath("yaml.detection.selection.Image|re")).toBe("detection.selection.Image|re");
    expect(ruleFieldPath("/body/yaml")).toBe("(the rule)");
    expect(ruleFieldPath("body.yaml.level")).toBe("level");
    expect(ruleFieldPath("yaml")).toBe("(the rule)");
    expect(ruleFieldPath(undefined)).toBe("(the rule)");
    expect(ruleFieldPath("enabled")).toBe("enabled");
  });

  it("lists every detail of an API error, nothing for other errors", () => {
    const error = new ApiError(400, "validation_failed", "the rule has errors", [
      { path: "yaml.detection.condition", message: "unknown identifier sel" },
      { path: "yaml.title", message: "required" },
    ]);
    expect(ruleProblems(error)).toEqual([
      { field: "detection.condition", message: "unknown identifier sel" },
      { field: "title", message: "required" },
    ]);
    expect(ruleProblems(new Error("network"))).toEqual([]);
  });
});
