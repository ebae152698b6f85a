import { describe, expect, it } from "vitest";
import { REVIEW_FRAMEWORKS, REVIEW_PROVIDERS } from "@infrasec/contracts";
import { FRAMEWORK_LABELS, PROVIDER_LABELS, isInfrasecRuleId } from "./rule-labels";

describe("rule labels", () => {
  it("names every framework and provider of the contract", () => {
    for (const f of REVIEW_FRAMEWORKS) expect(FRAMEWORK_LABELS[f]).toBeTruthy();
    for (const p of REVIEW_PROVIDERS) expect(PROVIDER_LABELS[p]).toBeTruthy();
  });

  it("links only infrasec rule ids to rule pages", () => {
    expect(isInfrasecRuleId("AWS-S3-001")).toBe(true);
    expect(isInfrasecRuleId("K8S-PSS-005")).toBe(true);
    expect(isInfrasecRuleId("DOCKER-USER-001")).toBe(true);
    expect(isInfrasecRuleId("CKV_AWS_20")).toBe(false);
    expect(isInfrasecRuleId("AVD-AWS-0086")).toBe(false);
    expect(isInfrasecRuleId("*")).toBe(false);
  });
});
