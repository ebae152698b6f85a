import type { FieldChange, WorkItem } from "./work-item-types";
import type { GuardId, StatusModel } from "./work-status-types";
import { STATUS_MODELS } from "./work-status-types";
import type { WorkTemplate } from "./template-types";
import type { LabelChange } from "./label-fns";
import { applyLabels, removeLabelScopes } from "./label-fns";
import { validateAgainstTemplate } from "./template-validate-fns";
import {
  reviewApprovalState,
  changeApprovalRequirements,
  changeApprovalState,
} from "./approval-fns";
import { CRITICALITIES } from "./change-request-templates";
import type { Criticality } from "./change-request-templates";
import { riskAnswersFrom, scoreRisk } from "./risk-scoring-fns";
import { BAND_OUTPUTS } from "./risk-scoring-types";

/** What a transition needs besides the item: the time, and what the guards read. */
export interface TransitionContext {
  now: Date;
  actor?: string;
  /** Why; required by the `reason` guard (cancel, abort, reject). */
  reason?: string;
  /** The item's template; the `required_fields` guard cannot pass without it. */
  template?: WorkTemplate;
  /** Lets failing guards pass; the caller checks permission and audits the override. */
  override?: { reason: string };
  /** A status model other than the kind's default (e.g. an admin-edited one). */
  model?: StatusModel;
}

/** A guard that did not hold, and why. */
export interface GuardFailure {
  guard: GuardId;
  reasons: string[];
}

/** The outcome of `transition()`: the changed item, or a refusal that explains itself. */
export type TransitionResult =
  | {
      ok: true;
      item: WorkItem;
      changes: FieldChange[];
      labelChange: LabelChange | null;
      overridden: GuardFailure[];
    }
  | {
      ok: false;
      code: "unknown_status" | "not_allowed" | "guard_failed" | "no_change";
      reasons: string[];
      failures: GuardFailure[];
      allowed: string[];
    };

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

type Guard = (item: WorkItem, to: string, ctx: TransitionContext) => string[];

/** Guard implementations: each returns the reasons it fails (empty when it holds). */
const GUARDS: Readonly<Record<GuardId, Guard>> = {
  required_fields(item, to, ctx) {
    if (!ctx.template) return ["no template was supplied to check the required fields"];
    const values = ctx.template.titlePrefix ? { ...item.fields, title: item.title } : item.fields;
    const r = validateAgainstTemplate(ctx.template, values, { status: to });
    return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
  },
  all_reviewers_approved(item) {
    const reviewers = item.requiredReviewers ?? stringList(item.fields.requiredReviewers);
    // A security review approves one maturity level: verdicts for another level do not count.
    const level =
      item.kind === "security_review_request" && typeof item.fields.maturity === "string"
        ? item.fields.maturity
        : undefined;
    const s = reviewApprovalState(reviewers, item.verdicts ?? [], level);
    return s.approved ? [] : [`not approved: ${s.reason}`];
  },
  change_approvals(item) {
    const c = item.fields.criticality;
    if (typeof c !== "string" || !(CRITICALITIES as readonly string[]).includes(c)) {
      return ["the change has no criticality (C1–C4)"];
    }
    const req = changeApprovalRequirements(c as Criticality, item.fields.touchesDatabase === true);
    const tech =
      typeof item.fields.changeTechnician === "string" ? item.fields.changeTechnician : null;
    const s = changeApprovalState(req.approvals, item.changeApprovals ?? [], tech);
    return s.missing.map((m) => `missing ${m}`);
  },
  due_date(item) {
    return item.dueDate || typeof item.fields.scheduledFor === "string"
      ? []
      : ["no due date is set"];
  },
  assignee(item) {
    return item.assignees.length > 0 ? [] : ["nobody is assigned"];
  },
  risk_scored(item) {
    const r = scoreRisk(riskAnswersFrom(item.fields));
    return r.complete ? [] : [`the risk score is incomplete: ${r.explanation.join("; ")}`];
  },
  self_service_band(item) {
    const r = scoreRisk(riskAnswersFrom(item.fields));
    if (!r.complete) return ["the risk score is incomplete"];
    return BAND_OUTPUTS[r.band].selfService
      ? []
      : [`a ${r.band} request is reviewed by InfraSec, not self-service`];
  },
  superseded_by_link(item) {
    return item.links.some((l) => l.type === "superseded_by")
      ? []
      : ["link the record that supersedes this one (superseded_by)"];
  },
  reason(_item, _to, ctx) {
    return ctx.reason?.trim() ? [] : ["give a reason"];
  },
};

/** The statuses an item may move to from its current status (guards not evaluated). */
export function allowedTargets(item: WorkItem, model?: StatusModel): string[] {
  const m = model ?? STATUS_MODELS[item.kind];
  return m.transitions.filter((t) => t.from.includes(item.status)).map((t) => t.to);
}

/** Whether a status counts as closed (done) in the item's model. */
export function isClosedStatus(
  item: Pick<WorkItem, "kind" | "status">,
  model?: StatusModel,
): boolean {
  const m = model ?? STATUS_MODELS[item.kind];
  return m.statuses.find((s) => s.id === item.status)?.closed ?? false;
}

/**
 * Moves an item to another status when the model allows it and every guard holds. A refusal
 * names the guard and the reasons (missing fields by name, pending reviewers, missing approvals).
 * Entering a status applies its label effects (closing removes `InfraSec::WIP` and the
 * `InfraSecStatus::` labels). Pure: the item is copied, never changed.
 */
export function transition(item: WorkItem, to: string, ctx: TransitionContext): TransitionResult {
  const model = ctx.model ?? STATUS_MODELS[item.kind];
  const allowed = allowedTargets(item, model);
  const refuse = (
    code: "unknown_status" | "not_allowed" | "guard_failed" | "no_change",
    reasons: string[],
    failures: GuardFailure[] = [],
  ): TransitionResult => ({ ok: false, code, reasons, failures, allowed });
  if (!model.statuses.some((s) => s.id === to)) {
    return refuse("unknown_status", [`${to} is not a status of ${model.id} items`]);
  }
  if (to === item.status) return refuse("no_change", [`the item is already ${to}`]);
  const def = model.transitions.find((t) => t.to === to && t.from.includes(item.status));
  if (!def) {
    const options = allowed.length > 0 ? allowed.join(", ") : "nothing (final status)";
    return refuse("not_allowed", [`cannot move from ${item.status} to ${to}; allowed: ${options}`]);
  }
  const failures: GuardFailure[] = [];
  for (const g of def.guards ?? []) {
    const reasons = GUARDS[g](item, to, ctx);
    if (reasons.length > 0) failures.push({ guard: g, reasons });
  }
  const overridable = ctx.override?.reason.trim() ? failures : [];
  if (failures.length > 0 && overridable.length === 0) {
    return refuse(
      "guard_failed",
      failures.flatMap((f) => f.reasons),
      failures,
    );
  }
  const nowIso = ctx.now.toISOString();
  const wasClosed = isClosedStatus(item, model);
  const willClose = model.statuses.find((s) => s.id === to)?.closed ?? false;
  const changes: FieldChange[] = [{ field: "status", from: item.status, to }];
  let closedAt = item.closedAt ?? null;
  if (willClose && !wasClosed) closedAt = nowIso;
  if (!willClose && wasClosed) closedAt = null;
  if (closedAt !== (item.closedAt ?? null)) {
    changes.push({ field: "closedAt", from: item.closedAt ?? null, to: closedAt });
  }
  const effects = model.effects?.[to];
  let labelChange: LabelChange | null = null;
  if (effects) {
    const afterScopes = removeLabelScopes(item.labels, effects.removeLabelScopes ?? []);
    const after = applyLabels(afterScopes.labels, [], effects.removeLabels ?? []);
    const removed = item.labels.filter((l) => !after.labels.includes(l));
    if (removed.length > 0) {
      labelChange = { labels: after.labels, added: [], removed, notes: [] };
      changes.push({ field: "labels", from: [...item.labels], to: after.labels });
    }
  }
  return {
    ok: true,
    item: {
      ...item,
      status: to,
      closedAt,
      updatedAt: nowIso,
      labels: labelChange ? labelChange.labels : item.labels,
    },
    changes,
    labelChange,
    overridden: failures,
  };
}
