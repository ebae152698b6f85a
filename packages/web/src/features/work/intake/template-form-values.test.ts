import { describe, expect, it } from "vitest";
import { ApiError } from "@infrasec/contracts";
import {
  CHANGE_REQUEST_TEMPLATE,
  DECISION_TEMPLATE,
  DESIGN_DOC_TEMPLATE,
  RISK_DIMENSIONS,
  SECURITY_REVIEW_TEMPLATE,
  TRIGGER_QUESTIONS,
} from "@infrasec/engines/work";
import {
  changedFields,
  cleanValues,
  errorsUnder,
  itemTitle,
  sectionIndexOf,
  serverFieldErrors,
  templateFromView,
  validateForm,
  valuesFromFields,
} from "./template-form-values";
import { createBody } from "./intake-submit";

const completeReview = () => ({
  serviceOrFeature: "  Payments API ",
  maturity: "Beta",
  roadmapPriority: "P1",
  background: "",
  featureIssue: "   ",
  ...Object.fromEntries(TRIGGER_QUESTIONS.map((q, i) => [q.key, i === 0])),
  ...Object.fromEntries(RISK_DIMENSIONS.map((d) => [d.key, d.max])),
});

describe("form values → template fields", () => {
  it("drops blanks and trims text, keeping markdown as typed", () => {
    const cleaned = cleanValues(SECURITY_REVIEW_TEMPLATE, {
      ...completeReview(),
      background: "  indented\n\n    code",
      requiredReviewers: [" alice ", "", "bob"],
    });
    expect(cleaned.serviceOrFeature).toBe("Payments API");
    expect(cleaned).not.toHaveProperty("featureIssue");
    expect(cleaned.background).toBe("  indented\n\n    code");
    expect(cleaned.requiredReviewers).toEqual(["alice", "bob"]);
    expect(cleaned.infrastructureScope).toBe(5);
  });

  it("cleans checklist answers: N/A drops the answer, blank questions disappear", () => {
    const cleaned = cleanValues(SECURITY_REVIEW_TEMPLATE, {
      prrIdentityAccess: {
        leastPrivilege: { answer: "yes", evidenceUrl: " https://x.example/iam " },
        wafCoverage: { answer: "typed first", notApplicable: true, naReason: " internal only " },
        newAuthentication: { answer: "  ", evidenceUrl: "" },
      },
      prrBetaSecurity: {},
    });
    expect(cleaned.prrIdentityAccess).toEqual({
      leastPrivilege: { answer: "yes", evidenceUrl: "https://x.example/iam" },
      wafCoverage: { notApplicable: true, naReason: "internal only" },
    });
    expect(cleaned).not.toHaveProperty("prrBetaSecurity");
  });

  it("cleans list rows: numbers from inputs, blank rows dropped", () => {
    const cleaned = cleanValues(CHANGE_REQUEST_TEMPLATE, {
      steps: [
        { phase: "change", description: " Resize the node pool ", estimateMinutes: "30" },
        { phase: "", description: "", estimateMinutes: "" },
        { phase: "rollback", description: "Scale back", estimateMinutes: 15 },
      ],
    });
    expect(cleaned.steps).toEqual([
      { phase: "change", description: "Resize the node pool", estimateMinutes: 30 },
      { phase: "rollback", description: "Scale back", estimateMinutes: 15 },
    ]);
  });

  it("builds security review titles from the prefix and the service", () => {
    const t = SECURITY_REVIEW_TEMPLATE;
    expect(itemTitle(t, "", { serviceOrFeature: " Payments API " })).toBe(
      "Security Review Request: Payments API",
    );
    expect(itemTitle(t, "Security Review Request: Other", {})).toBe(
      "Security Review Request: Other",
    );
    expect(itemTitle(DECISION_TEMPLATE, "  Pick a WAF ", {})).toBe("Pick a WAF");
    expect(itemTitle(null, " A task ", {})).toBe("A task");
  });
});

describe("validation with the engine", () => {
  it("passes a complete security review request", () => {
    const values = completeReview();
    const title = itemTitle(SECURITY_REVIEW_TEMPLATE, "", values);
    expect(validateForm(SECURITY_REVIEW_TEMPLATE, values, { title })).toEqual({});
  });

  it("names every missing required field by path", () => {
    const values: Record<string, unknown> = { ...completeReview(), maturity: "" };
    delete values.automationLevel;
    values.newDataStores = undefined;
    const errors = validateForm(SECURITY_REVIEW_TEMPLATE, values, {
      title: itemTitle(SECURITY_REVIEW_TEMPLATE, "", values),
    });
    expect(Object.keys(errors).sort()).toEqual(["automationLevel", "maturity", "newDataStores"]);
    expect(errors.maturity).toBe("Maturity level is required");
  });

  it("applies stage requirements: checklists are required at completion", () => {
    const values = completeReview();
    const title = itemTitle(SECURITY_REVIEW_TEMPLATE, "", values);
    const errors = validateForm(SECURITY_REVIEW_TEMPLATE, values, { title, status: "completed" });
    expect(errors["prrSecurityConsiderations.newResources"]).toMatch(/needs an answer or N\/A/);
    const na = validateForm(
      SECURITY_REVIEW_TEMPLATE,
      { ...values, prrIdentityAccess: { wafCoverage: { notApplicable: true } } },
      { title },
    );
    expect(na["prrIdentityAccess.wafCoverage.naReason"]).toMatch(/N\/A without a reason/);
  });

  it("rejects a score outside its rubric range and a non-http evidence link", () => {
    const values = {
      ...completeReview(),
      launchTierImpact: 7,
      prrBetaSecurity: { attackerView: { answer: "x", evidenceUrl: "javascript:alert(1)" } },
    };
    const errors = validateForm(SECURITY_REVIEW_TEMPLATE, values, {
      title: itemTitle(SECURITY_REVIEW_TEMPLATE, "", values),
    });
    expect(errors.launchTierImpact).toMatch(/between 0 and 3/);
    expect(errors["prrBetaSecurity.attackerView.evidenceUrl"]).toMatch(/http/);
  });

  it("validates list rows and the minimum row count of decisions", () => {
    const errors = validateForm(DECISION_TEMPLATE, {
      question: "Which WAF?",
      context: "ctx",
      dri: "alice",
      options: [{ title: "Cloud WAF", pros: "managed" }],
    });
    expect(errors.options).toMatch(/at least 2/);
    expect(errors["options[0].cons"]).toBe("Cons is required");
    expect(Object.keys(errorsUnder(errors, "options"))).toEqual(
      expect.arrayContaining(["options", "options[0].cons", "options[0].supportingData"]),
    );
  });
});

describe("server errors and edits", () => {
  it("maps server details onto fields, item inputs and the rest", () => {
    const err = new ApiError(400, "validation_failed", "2 problems", [
      { path: "fields.maturity", message: "Maturity level is required" },
      { path: "/body/fields/steps/0/phase", message: "Phase is required" },
      { path: "assignees[1]", message: "unknown user nobody" },
      { message: "something else" },
    ]);
    const r = serverFieldErrors(err, CHANGE_REQUEST_TEMPLATE);
    expect(r.fields).toEqual({
      maturity: "Maturity level is required",
      "steps[0].phase": "Phase is required",
    });
    expect(r.item).toEqual({ "assignees[1]": "unknown user nobody" });
    expect(r.other).toEqual(["something else"]);
    expect(serverFieldErrors(new Error("x"), null)).toEqual({ fields: {}, item: {}, other: [] });
  });

  it("finds the section of a field path", () => {
    expect(sectionIndexOf(SECURITY_REVIEW_TEMPLATE, "environmentCriticality")).toBe(2);
    expect(sectionIndexOf(SECURITY_REVIEW_TEMPLATE, "prrIdentityAccess.wafCoverage.answer")).toBe(
      3,
    );
    expect(sectionIndexOf(SECURITY_REVIEW_TEMPLATE, "title")).toBe(0);
  });

  it("sends only changed fields, with null for a cleared one", () => {
    const stored = cleanValues(SECURITY_REVIEW_TEMPLATE, {
      ...completeReview(),
      featureIssue: "https://gitlab.example/f/1",
    });
    const form = valuesFromFields(SECURITY_REVIEW_TEMPLATE, { ...stored, stray: 1 });
    expect(form).not.toHaveProperty("stray");
    expect(changedFields(SECURITY_REVIEW_TEMPLATE, stored, form)).toBeUndefined();
    const edited = { ...form, environmentCriticality: 2, featureIssue: "" };
    expect(changedFields(SECURITY_REVIEW_TEMPLATE, stored, edited)).toEqual({
      environmentCriticality: 2,
      featureIssue: null,
    });
  });

  it("reads a catalogue definition, falling back to the shipped template", () => {
    expect(templateFromView({ id: "decision", definition: { ...DECISION_TEMPLATE } }).name).toBe(
      "Decision",
    );
    expect(templateFromView({ id: "security-review", definition: { bad: true } }).id).toBe(
      "security-review",
    );
    expect(() => templateFromView({ id: "custom", definition: {} })).toThrow(/invalid/);
  });
});

describe("create body", () => {
  it("carries the template, cleaned fields, reviewers and the built title", () => {
    const body = createBody(
      "design_doc",
      DESIGN_DOC_TEMPLATE,
      "Central egress proxy",
      { title: "Central egress proxy", description: "", confidential: false, dueDate: "" },
      { problem: "p", requiredReviewers: ["alice", " bob "], epic: "  " },
    );
    expect(body).toEqual({
      kind: "design_doc",
      templateId: "design-doc",
      fields: { problem: "p", requiredReviewers: ["alice", "bob"] },
      requiredReviewers: ["alice", "bob"],
      title: "Central egress proxy",
      description: "",
      confidential: false,
    });
    const plain = createBody(
      "task",
      null,
      "Rotate keys",
      { title: "Rotate keys", description: "d", confidential: true, dueDate: "2026-12-01" },
      {},
      true,
    );
    expect(plain).toEqual({
      kind: "task",
      title: "Rotate keys",
      description: "d",
      confidential: true,
      dueDate: "2026-12-01",
      draft: true,
    });
  });
});
