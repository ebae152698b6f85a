import { describe, expect, it } from "vitest";
import { allowedTargets, isClosedStatus, transition } from "./work-status-fns";
import { makeWorkItem } from "./work-fixtures-fns";
import { STATUS_MODELS } from "./work-status-types";
import { WORK_ITEM_KINDS } from "./work-item-types";
import { DECISION_TEMPLATE, DESIGN_DOC_TEMPLATE } from "./record-templates";
import { CHANGE_REQUEST_TEMPLATE } from "./change-request-templates";
import { SECURITY_REVIEW_TEMPLATE, securityReviewTitle } from "./security-review-templates";
import { TRIGGER_QUESTIONS } from "./risk-scoring-types";

const now = new Date("2026-02-01T10:00:00.000Z");

describe("status models", () => {
  it.each(WORK_ITEM_KINDS)("%s has a consistent model", (kind) => {
    const m = STATUS_MODELS[kind];
    const ids = m.statuses.map((s) => s.id);
    expect(ids).toContain(m.initial);
    for (const t of m.transitions) {
      expect(ids).toContain(t.to);
      for (const f of t.from) expect(ids).toContain(f);
    }
  });
  it("names the published statuses", () => {
    expect(STATUS_MODELS.decision.statuses.map((s) => s.id)).toEqual([
      "proposed",
      "accepted",
      "rejected",
      "superseded",
    ]);
    expect(STATUS_MODELS.design_doc.statuses.map((s) => s.id)).toEqual([
      "draft",
      "in-review",
      "approved",
      "rejected",
      "superseded",
    ]);
    expect(STATUS_MODELS.change_request.statuses.map((s) => s.id)).toEqual([
      "unscheduled",
      "scheduled",
      "in-progress",
      "done",
      "aborted",
    ]);
    expect(STATUS_MODELS.task.statuses.map((s) => s.id)).toEqual(["open", "closed"]);
  });
});

describe("generic items", () => {
  it("close with closedAt and lose InfraSec::WIP and InfraSecStatus:: labels", () => {
    const item = makeWorkItem({
      kind: "task",
      labels: ["Department::InfraSec", "InfraSec::WIP", "InfraSecStatus::ongoing", "priority::2"],
    });
    const r = transition(item, "closed", { now });
    if (!r.ok) throw new Error(r.reasons.join());
    expect(r.item.labels).toEqual(["Department::InfraSec", "priority::2"]);
    expect(r.item.closedAt).toBe(now.toISOString());
    expect(r.labelChange?.removed).toEqual(["InfraSec::WIP", "InfraSecStatus::ongoing"]);
    expect(r.changes.map((c) => c.field)).toEqual(["status", "closedAt", "labels"]);
    expect(item.status).toBe("open");
  });
  it("reopen and clear closedAt", () => {
    const item = makeWorkItem({ kind: "epic", status: "closed", closedAt: "2026-01-10T00:00:00Z" });
    const r = transition(item, "open", { now });
    expect(r.ok && r.item.closedAt).toBeNull();
  });
  it("explain refusals", () => {
    const item = makeWorkItem({ kind: "task" });
    expect(transition(item, "open", { now })).toMatchObject({ ok: false, code: "no_change" });
    expect(transition(item, "done", { now })).toMatchObject({
      ok: false,
      code: "unknown_status",
      reasons: ["done is not a status of generic items"],
    });
  });
});

const decisionFields = {
  question: "Which secrets manager?",
  context: "We run two",
  dri: "alice",
  options: [
    { title: "Vault", pros: "Mature", cons: "Ops cost", supportingData: "3 outages/yr" },
    { title: "KMS", pros: "Managed", cons: "Lock-in", supportingData: "$200/mo" },
  ],
};

describe("decisions", () => {
  it("need the decision, consequences and date to be accepted", () => {
    const d = makeWorkItem({ kind: "decision", fields: decisionFields });
    const r = transition(d, "accepted", { now, template: DECISION_TEMPLATE });
    expect(r).toMatchObject({ ok: false, code: "guard_failed" });
    expect(r.ok ? [] : r.reasons).toEqual([
      "decision: Decision is required",
      "consequences: Consequences is required",
      "decisionDate: Decision date is required",
    ]);
    const full = {
      ...decisionFields,
      decision: "KMS",
      consequences: "Migrate",
      decisionDate: "2026-02-01",
    };
    expect(
      transition({ ...d, fields: full }, "accepted", { now, template: DECISION_TEMPLATE }).ok,
    ).toBe(true);
  });
  it("refuse to check required fields without the template", () => {
    const d = makeWorkItem({ kind: "decision", fields: decisionFields });
    expect(transition(d, "rejected", { now })).toMatchObject({
      ok: false,
      reasons: ["no template was supplied to check the required fields"],
    });
  });
  it("are superseded only with a link to what supersedes them", () => {
    const d = makeWorkItem({ kind: "decision", status: "accepted" });
    expect(transition(d, "superseded", { now })).toMatchObject({
      ok: false,
      failures: [{ guard: "superseded_by_link" }],
    });
    const linked = { ...d, links: [{ type: "superseded_by" as const, targetId: "d2" }] };
    expect(transition(linked, "superseded", { now }).ok).toBe(true);
  });
  it("cannot go back from rejected", () => {
    const d = makeWorkItem({ kind: "decision", status: "rejected" });
    expect(transition(d, "accepted", { now })).toMatchObject({
      ok: false,
      code: "not_allowed",
      reasons: ["cannot move from rejected to accepted; allowed: nothing (final status)"],
    });
  });
});

const designFields = {
  problem: "p",
  goals: ["g"],
  proposal: "x",
  alternatives: [{ title: "a", tradeOffs: "t" }],
  securityConsiderations: "s",
  rollout: "r",
  requiredReviewers: ["bob", "carol"],
};

describe("design docs", () => {
  const doc = makeWorkItem({ kind: "design_doc", status: "in-review", fields: designFields });
  const ctx = { now, template: DESIGN_DOC_TEMPLATE };
  it("are approved only when every required reviewer approved", () => {
    const one = {
      ...doc,
      verdicts: [{ reviewer: "bob", verdict: "approved" as const, at: "2026-01-20T00:00:00Z" }],
    };
    expect(transition(one, "approved", ctx)).toMatchObject({
      ok: false,
      reasons: ["not approved: waiting for carol"],
    });
    const both = {
      ...one,
      verdicts: [
        ...one.verdicts,
        { reviewer: "carol", verdict: "approved" as const, at: "2026-01-21T00:00:00Z" },
      ],
    };
    expect(transition(both, "approved", ctx).ok).toBe(true);
  });
  it("need a reason to be rejected", () => {
    expect(transition(doc, "rejected", ctx)).toMatchObject({ reasons: ["give a reason"] });
    expect(transition(doc, "rejected", { ...ctx, reason: "out of scope" }).ok).toBe(true);
  });
  it("can be overridden with a reason, and the override is reported", () => {
    const r = transition(doc, "approved", { ...ctx, override: { reason: "reviewer left" } });
    expect(r.ok && r.overridden.map((o) => o.guard)).toEqual(["all_reviewers_approved"]);
    expect(transition(doc, "approved", { ...ctx, override: { reason: " " } }).ok).toBe(false);
  });
});

const changeFields = {
  changeSummary: "Resize the primary database",
  servicesImpacted: ["patroni"],
  criticality: "C2",
  touchesDatabase: true,
  changeTechnician: "alice",
  scheduledFor: "2026-02-10",
  steps: [{ phase: "change", description: "Resize", estimateMinutes: 30 }],
  rollbackPlan: "Resize back",
  metrics: [{ metric: "replication lag", rollbackTrigger: "> 60 s" }],
};

describe("change requests", () => {
  const change = makeWorkItem({ kind: "change_request", fields: changeFields });
  const ctx = { now, template: CHANGE_REQUEST_TEMPLATE };
  it("are scheduled only with the approvals their criticality needs", () => {
    const r = transition(change, "scheduled", ctx);
    expect(r.ok ? [] : r.reasons).toEqual([
      "missing Manager approval (manager_approved) by a Manager or above",
      "missing EOC approval (eoc_approved)",
      "missing DBRE review",
    ]);
    const approved = {
      ...change,
      changeApprovals: [
        {
          requirement: "manager_approved" as const,
          by: "mia",
          capacity: "manager" as const,
          at: "x",
        },
        { requirement: "eoc_approved" as const, by: "eve", capacity: "eoc" as const, at: "x" },
        { requirement: "dbre_review" as const, by: "dan", capacity: "dbre" as const, at: "x" },
      ],
    };
    expect(transition(approved, "scheduled", ctx).ok).toBe(true);
  });
  it("C4 needs nothing, and aborting needs a reason", () => {
    const c4 = {
      ...change,
      fields: { ...changeFields, criticality: "C4", touchesDatabase: false },
    };
    expect(transition(c4, "scheduled", ctx).ok).toBe(true);
    expect(transition(c4, "aborted", { now })).toMatchObject({ reasons: ["give a reason"] });
  });
  it("lists where an item may go", () => {
    expect(allowedTargets(change)).toEqual(["scheduled", "aborted"]);
    expect(isClosedStatus({ kind: "change_request", status: "aborted" })).toBe(true);
  });
});

function reviewFields(scope: number) {
  return {
    serviceOrFeature: "Cache",
    maturity: "Beta",
    roadmapPriority: "P2",
    ...Object.fromEntries(TRIGGER_QUESTIONS.map((q) => [q.key, true])),
    infrastructureScope: scope,
    environmentCriticality: 1,
    configurationComplexity: 1,
    automationLevel: 1,
    launchTierImpact: 0,
    requiredReviewers: ["bob"],
  };
}

describe("security review requests", () => {
  const base = { kind: "security_review_request" as const, title: securityReviewTitle("Cache") };
  const ctx = { now, template: SECURITY_REVIEW_TEMPLATE };
  it("go to self-service only in a self-service band", () => {
    const low = makeWorkItem({ ...base, fields: reviewFields(1) });
    expect(transition(low, "self-service", ctx).ok).toBe(true);
    const high = makeWorkItem({
      ...base,
      fields: { ...reviewFields(5), environmentCriticality: 5, configurationComplexity: 4 },
    });
    expect(transition(high, "self-service", ctx)).toMatchObject({
      reasons: ["a Critical request is reviewed by InfraSec, not self-service"],
    });
  });
  it("need an assignee to start and approvals for the maturity level to complete", () => {
    const planned = makeWorkItem({ ...base, status: "planned", fields: reviewFields(3) });
    expect(transition(planned, "ongoing", ctx)).toMatchObject({ reasons: ["nobody is assigned"] });
    const ongoing = {
      ...planned,
      status: "ongoing",
      verdicts: [{ reviewer: "bob", verdict: "approved" as const, at: "x", level: "Experiment" }],
    };
    const r = transition(ongoing, "completed", ctx);
    expect(r.ok ? [] : r.reasons).toContain("not approved: Beta: waiting for bob");
  });
});

describe("refusals and overrides", () => {
  const ctx = { now, template: SECURITY_REVIEW_TEMPLATE };
  const fresh = makeWorkItem({
    kind: "security_review_request",
    title: securityReviewTitle("Cache"),
    fields: { serviceOrFeature: "Cache", infrastructureScope: 2 },
  });
  it("needs a complete risk score and the intake fields to plan a request", () => {
    const r = transition(fresh, "planned", ctx);
    expect(r.ok ? [] : r.failures.map((f) => f.guard)).toEqual(["risk_scored", "required_fields"]);
    expect(r.ok ? "" : r.reasons[0]).toContain("Waiting for: Environment Criticality");
  });
  it("cannot override a move the model does not allow", () => {
    expect(
      transition(fresh, "completed", { ...ctx, override: { reason: "urgent" } }),
    ).toMatchObject({
      ok: false,
      code: "not_allowed",
      allowed: [
        "pending-triage-answers",
        "pending-risk-answers",
        "planned",
        "self-service",
        "cancelled",
      ],
    });
  });
  it("cancels with a reason and strips work labels", () => {
    const wip = { ...fresh, labels: ["InfraSec::WIP", "SecurityReview::Requested"] };
    const r = transition(wip, "cancelled", { now, reason: "duplicate" });
    expect(r.ok && r.item.labels).toEqual(["SecurityReview::Requested"]);
    expect(r.ok && r.item.closedAt).toBe(now.toISOString());
  });
});
