import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import {
  assertValidAgainstTemplate,
  isEmptyValue,
  templateFields,
  validateAgainstTemplate,
} from "./template-validate-fns";
import { parseTemplate } from "./template-define-fns";
import { SECURITY_REVIEW_TEMPLATE } from "./security-review-templates";
import { CHANGE_REQUEST_TEMPLATE, changeTimeEstimate } from "./change-request-templates";
import { BAU_REQUEST_TEMPLATE, DECISION_TEMPLATE, DESIGN_DOC_TEMPLATE } from "./record-templates";

const fieldsOf = (r: ReturnType<typeof validateAgainstTemplate>) =>
  r.ok ? [] : r.errors.map((e) => e.field);

describe("templates are serializable data", () => {
  it.each([
    SECURITY_REVIEW_TEMPLATE,
    CHANGE_REQUEST_TEMPLATE,
    BAU_REQUEST_TEMPLATE,
    DECISION_TEMPLATE,
    DESIGN_DOC_TEMPLATE,
  ])("$id round-trips through JSON and parses again", (t) => {
    const again = parseTemplate(JSON.parse(JSON.stringify(t)));
    expect(again).toEqual({ ok: true, template: t });
  });

  it("rejects a template with duplicate keys, a reserved key or a dangling condition", () => {
    const r = parseTemplate({
      id: "x",
      version: 1,
      kind: "task",
      name: "X",
      sections: [
        {
          id: "a",
          title: "A",
          fields: [
            { key: "a", type: "text", label: "A" },
            { key: "title", type: "text", label: "T" },
            { key: "b", type: "text", label: "B", requiredWhen: { field: "nope", in: [true] } },
          ],
        },
        { id: "b", title: "B", fields: [{ key: "a", type: "yes_no", label: "A again" }] },
      ],
    });
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      "title is reserved",
      "duplicate field key a",
      "requiredWhen refers to unknown field nope",
    ]);
  });

  it("rejects an unknown field type with its path", () => {
    const r = parseTemplate({
      id: "x",
      version: 1,
      kind: "task",
      name: "X",
      sections: [{ id: "a", title: "A", fields: [{ key: "a", type: "colour", label: "A" }] }],
    });
    expect(r.ok ? [] : r.errors[0]?.field).toBe("template.sections[0].fields[0].type");
  });
});

function validChange(): Record<string, unknown> {
  return {
    changeSummary: "Resize the Redis cluster",
    servicesImpacted: ["redis-cache"],
    criticality: "C3",
    touchesDatabase: false,
    changeTechnician: "alice",
    scheduledFor: "2026-12-01",
    steps: [
      { phase: "pre-change", description: "Snapshot", estimateMinutes: 10 },
      { phase: "change", description: "Resize", estimateMinutes: 20 },
      { phase: "rollback", description: "Restore snapshot", estimateMinutes: 15 },
    ],
    rollbackPlan: "Restore the snapshot",
    metrics: [{ metric: "p99 latency", rollbackTrigger: "> 200 ms for 5 min" }],
  };
}

describe("infrastructure change request", () => {
  it("accepts a complete change", () => {
    expect(validateAgainstTemplate(CHANGE_REQUEST_TEMPLATE, validChange()).ok).toBe(true);
  });

  it("needs a due date for C1–C3 but not for C4, and a downtime note for C1", () => {
    const { scheduledFor: _, ...noDate } = validChange();
    expect(fieldsOf(validateAgainstTemplate(CHANGE_REQUEST_TEMPLATE, noDate))).toEqual([
      "scheduledFor",
    ]);
    expect(
      validateAgainstTemplate(CHANGE_REQUEST_TEMPLATE, { ...noDate, criticality: "C4" }).ok,
    ).toBe(true);
    expect(
      fieldsOf(validateAgainstTemplate(CHANGE_REQUEST_TEMPLATE, { ...noDate, criticality: "C1" })),
    ).toEqual(["scheduledFor", "downtime"]);
  });

  it("names the row and column of a bad step", () => {
    const r = validateAgainstTemplate(CHANGE_REQUEST_TEMPLATE, {
      ...validChange(),
      steps: [
        { phase: "change", description: "Resize", estimateMinutes: 20 },
        { phase: "during", description: "", estimateMinutes: -1, owner: "bob" },
      ],
      metrics: [],
      rollbackPlan: " ",
    });
    expect(fieldsOf(r)).toEqual([
      "steps[1].owner",
      "steps[1].phase",
      "steps[1].description",
      "steps[1].estimateMinutes",
      "rollbackPlan",
      "metrics",
    ]);
  });

  it("sums the time estimate per phase, rollback included", () => {
    expect(changeTimeEstimate(validChange().steps as never)).toEqual({
      byPhase: { "pre-change": 10, change: 20, "post-change": 0, rollback: 15 },
      totalMinutes: 45,
      withoutRollbackMinutes: 30,
    });
  });

  it("throws validation_failed with field paths", () => {
    try {
      assertValidAgainstTemplate(CHANGE_REQUEST_TEMPLATE, {});
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe("validation_failed");
      expect(isAppError(e) && e.details.map((d) => d.path)).toContain("rollbackPlan");
    }
  });
});

describe("decision, design doc and BAU request", () => {
  const decision = {
    question: "Which secrets manager?",
    context: "We run two",
    dri: "alice",
    options: [
      { title: "Vault", pros: "Mature", cons: "Ops cost", supportingData: "3 outages/yr" },
      { title: "Cloud KMS", pros: "Managed", cons: "Lock-in", supportingData: "$200/mo" },
    ],
  };
  it("needs two options, each with pros, cons and supporting data", () => {
    expect(validateAgainstTemplate(DECISION_TEMPLATE, decision).ok).toBe(true);
    const r = validateAgainstTemplate(DECISION_TEMPLATE, {
      ...decision,
      options: [{ title: "Vault", pros: "Mature", cons: "Ops cost" }],
    });
    expect(fieldsOf(r)).toEqual(["options", "options[0].supportingData"]);
  });
  it("needs the decision, consequences and date once accepted", () => {
    expect(
      fieldsOf(validateAgainstTemplate(DECISION_TEMPLATE, decision, { status: "accepted" })),
    ).toEqual(["decision", "consequences", "decisionDate"]);
  });
  it("needs every design-doc section and at least one reviewer", () => {
    expect(
      fieldsOf(validateAgainstTemplate(DESIGN_DOC_TEMPLATE, { requiredReviewers: [] })),
    ).toEqual([
      "problem",
      "goals",
      "proposal",
      "alternatives",
      "securityConsiderations",
      "rollout",
      "requiredReviewers",
    ]);
  });
  it("asks a reason for a high-urgency BAU request", () => {
    const bau = { request: "Rotate keys", requestingTeam: "SRE", urgency: "high" };
    expect(fieldsOf(validateAgainstTemplate(BAU_REQUEST_TEMPLATE, bau))).toEqual(["urgencyReason"]);
  });
});

describe("helpers", () => {
  it("treats blank text and empty lists as empty", () => {
    expect([undefined, null, "", "  ", []].every(isEmptyValue)).toBe(true);
    expect([0, false, "x", [1]].some(isEmptyValue)).toBe(false);
  });
  it("lists fields across sections in order", () => {
    expect(templateFields(DESIGN_DOC_TEMPLATE).map((f) => f.key)[0]).toBe("problem");
  });
});
