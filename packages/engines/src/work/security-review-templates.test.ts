import { describe, expect, it } from "vitest";
import { validateAgainstTemplate } from "./template-validate-fns";
import { SECURITY_REVIEW_TEMPLATE, securityReviewTitle } from "./security-review-templates";
import { TRIGGER_QUESTIONS } from "./risk-scoring-types";

const fieldsOf = (r: ReturnType<typeof validateAgainstTemplate>) =>
  r.ok ? [] : r.errors.map((e) => e.field);

function validReview(): Record<string, unknown> {
  return {
    title: securityReviewTitle("Payments cache"),
    serviceOrFeature: "Payments cache",
    maturity: "Beta",
    roadmapPriority: "P1",
    ...Object.fromEntries(TRIGGER_QUESTIONS.map((q) => [q.key, q.key === "newDataStores"])),
    infrastructureScope: 3,
    environmentCriticality: 5,
    configurationComplexity: 2,
    automationLevel: 1,
    launchTierImpact: 0,
  };
}

describe("security review request", () => {
  it("accepts a complete request", () => {
    expect(validateAgainstTemplate(SECURITY_REVIEW_TEMPLATE, validReview())).toMatchObject({
      ok: true,
    });
  });

  it("names each missing required field", () => {
    const r = validateAgainstTemplate(SECURITY_REVIEW_TEMPLATE, {
      title: "Security Review Request: X",
    });
    expect(fieldsOf(r)).toEqual([
      "serviceOrFeature",
      "maturity",
      "roadmapPriority",
      ...TRIGGER_QUESTIONS.map((q) => q.key),
      "infrastructureScope",
      "environmentCriticality",
      "configurationComplexity",
      "automationLevel",
      "launchTierImpact",
    ]);
    expect(r.ok ? "" : r.errors[0]?.message).toBe("Service or feature is required");
  });

  it("enforces the title prefix and a name after it", () => {
    const v = validReview();
    expect(
      validateAgainstTemplate(SECURITY_REVIEW_TEMPLATE, { ...v, title: "Review please" }),
    ).toEqual({
      ok: false,
      errors: [{ field: "title", message: 'the title must start with "Security Review Request:"' }],
    });
    const r = validateAgainstTemplate(SECURITY_REVIEW_TEMPLATE, {
      ...v,
      title: "Security Review Request:  ",
    });
    expect(r.ok ? "" : r.errors[0]?.message).toContain("needs a name");
  });

  it("checks maturity options, rubric ranges and yes/no answers", () => {
    const r = validateAgainstTemplate(SECURITY_REVIEW_TEMPLATE, {
      ...validReview(),
      maturity: "Alpha",
      launchTierImpact: 4,
      iacChanges: "yes",
      bogus: 1,
    });
    expect(r.ok ? [] : r.errors).toEqual([
      { field: "bogus", message: "unknown field bogus" },
      {
        field: "maturity",
        message: "Maturity level: the value must be one of: Experiment, Beta, GA",
      },
      expect.objectContaining({ field: "iacChanges" }),
      { field: "launchTierImpact", message: "Launch Tier Impact: must be between 0 and 3" },
    ]);
  });

  it("requires reviewers and the Experiment checklists when the review completes", () => {
    const r = validateAgainstTemplate(SECURITY_REVIEW_TEMPLATE, validReview(), {
      status: "completed",
    });
    const fields = fieldsOf(r);
    expect(fields).toContain("requiredReviewers");
    expect(fields).toContain("prrSecurityConsiderations.newResources");
    expect(fields).toContain("prrIdentityAccess.wafCoverage");
    expect(fields).toContain("prrLoggingAuditData.retention");
    expect(fields.some((f) => f.startsWith("prrBetaSecurity"))).toBe(false);
  });

  it("takes an answer with evidence, or N/A with a reason, per checklist question", () => {
    const r = validateAgainstTemplate(SECURITY_REVIEW_TEMPLATE, {
      ...validReview(),
      prrIdentityAccess: {
        newAuthentication: {
          answer: "One OIDC workload identity",
          evidenceUrl: "https://x.test/1",
        },
        leastPrivilege: { answer: "Yes" },
        networkLeastPrivilege: { notApplicable: true },
        wafCoverage: { notApplicable: true, naReason: "No HTTP entry point" },
        extra: { answer: "?" },
      },
    });
    expect(r.ok ? [] : r.errors).toEqual([
      {
        field: "prrIdentityAccess.extra",
        message: "Identity & Access Management: unknown question extra",
      },
      {
        field: "prrIdentityAccess.leastPrivilege.evidenceUrl",
        message: '"Is least privilege applied?" needs an evidence link',
      },
      {
        field: "prrIdentityAccess.networkLeastPrivilege.naReason",
        message:
          '"Are firewalls and Kubernetes network policies least-privilege?" is N/A without a reason',
      },
    ]);
  });

  it("rejects non-http evidence links", () => {
    const r = validateAgainstTemplate(SECURITY_REVIEW_TEMPLATE, {
      ...validReview(),
      prrBetaSecurity: {
        attackerView: { answer: "x", evidenceUrl: "javascript:alert(1)" },
      },
    });
    expect(fieldsOf(r)).toEqual(["prrBetaSecurity.attackerView.evidenceUrl"]);
  });
});
