import type { Criticality } from "./change-request-templates";
import type {
  ApproverCapacity,
  ChangeApproval,
  ChangeApprovalId,
  ReviewVerdict,
} from "./work-item-types";
import { MATURITY_LEVELS } from "./security-review-templates";
import type { MaturityLevel } from "./security-review-templates";

/** Where a set of required reviewers stands. */
export interface ReviewApprovalState {
  approved: boolean;
  approvedBy: string[];
  refusedBy: string[];
  pending: string[];
  reason: string;
}

/** The latest verdict per reviewer: later `at` wins, and on equal times the later entry. */
function latestVerdicts(verdicts: readonly ReviewVerdict[], level?: string) {
  const latest = new Map<string, ReviewVerdict>();
  for (const v of verdicts) {
    if (level !== undefined && v.level !== level) continue;
    const prev = latest.get(v.reviewer);
    if (!prev || Date.parse(v.at) >= Date.parse(prev.at)) latest.set(v.reviewer, v);
  }
  return latest;
}

/**
 * A review (a design doc, or one PRR maturity level when `level` is given) is approved only when
 * every required reviewer's latest verdict is "approved". Verdicts of people who are not
 * required reviewers do not count, and an empty reviewer list approves nothing: "approved by
 * nobody" must never read as approved.
 */
export function reviewApprovalState(
  requiredReviewers: readonly string[],
  verdicts: readonly ReviewVerdict[],
  level?: string,
): ReviewApprovalState {
  const required = [...new Set(requiredReviewers)];
  const latest = latestVerdicts(verdicts, level);
  const approvedBy = required.filter((r) => latest.get(r)?.verdict === "approved");
  const refusedBy = required.filter((r) => latest.get(r)?.verdict === "refused");
  const pending = required.filter((r) => !latest.has(r));
  const at = level ? `${level}: ` : "";
  let reason: string;
  if (required.length === 0) reason = `${at}no required reviewers are set`;
  else if (refusedBy.length > 0) reason = `${at}refused by ${refusedBy.join(", ")}`;
  else if (pending.length > 0) reason = `${at}waiting for ${pending.join(", ")}`;
  else reason = `${at}approved by every required reviewer (${approvedBy.join(", ")})`;
  return {
    approved: required.length > 0 && approvedBy.length === required.length,
    approvedBy,
    refusedBy,
    pending,
    reason,
  };
}

/**
 * Per PRR maturity level, the approval state, and the highest level approved in order
 * (Experiment → Beta → GA): a later level does not count while an earlier one is unapproved.
 */
export function maturityApprovals(
  requiredReviewers: Readonly<Partial<Record<MaturityLevel, readonly string[]>>>,
  verdicts: readonly ReviewVerdict[],
): { levels: Record<MaturityLevel, ReviewApprovalState>; highestApproved: MaturityLevel | null } {
  const levels = {} as Record<MaturityLevel, ReviewApprovalState>;
  let highestApproved: MaturityLevel | null = null;
  let chainIntact = true;
  for (const level of MATURITY_LEVELS) {
    const state = reviewApprovalState(requiredReviewers[level] ?? [], verdicts, level);
    levels[level] = state;
    if (chainIntact && state.approved) highestApproved = level;
    else chainIntact = false;
  }
  return { levels, highestApproved };
}

/** One approval a change needs, with who may give it and why. */
export interface ChangeApprovalRequirement {
  id: ChangeApprovalId;
  label: string;
  accepts: readonly ApproverCapacity[];
  why: string;
}

/** What a criticality requires before the change starts. */
export interface ChangeRule {
  approvals: readonly ChangeApprovalRequirement[];
  /** Whether a database change adds a DBRE review. */
  databaseReview: boolean;
  preconditions: readonly string[];
  autoLabels: readonly string[];
}

const SR_MANAGER_OR_ABOVE: ApproverCapacity[] = ["senior_manager", "director", "vp"];
const MANAGER_OR_ABOVE: ApproverCapacity[] = ["manager", ...SR_MANAGER_OR_ABOVE];
const EOC: ChangeApprovalRequirement = {
  id: "eoc_approved",
  label: "EOC approval (eoc_approved)",
  accepts: ["eoc"],
  why: "the engineer on call is informed and approves",
};
const C1_C2_PRECONDITIONS = [
  "Due date and production calendar entry",
  "Downtime communicated",
  "EOC informed and change announced in the production channel",
  "Verbal go in a live situation room",
  "EOC engaged throughout the change",
];
const BLOCKING_LABELS = ["blocks deploys", "blocks feature-flags"];

/** The published approval rules per criticality (change management, C1–C4). */
export const CHANGE_RULES: Readonly<Record<Criticality, ChangeRule>> = {
  C1: {
    approvals: [
      {
        id: "manager_approved",
        label: "Manager approval (manager_approved) by a Sr. Manager or above",
        accepts: SR_MANAGER_OR_ABOVE,
        why: "C1 is high risk or causes production downtime",
      },
      EOC,
    ],
    databaseReview: true,
    preconditions: C1_C2_PRECONDITIONS,
    autoLabels: BLOCKING_LABELS,
  },
  C2: {
    approvals: [
      {
        id: "manager_approved",
        label: "Manager approval (manager_approved) by a Manager or above",
        accepts: MANAGER_OR_ABOVE,
        why: "C2 is moderate risk or causes staging downtime",
      },
      EOC,
    ],
    databaseReview: true,
    preconditions: C1_C2_PRECONDITIONS,
    autoLabels: BLOCKING_LABELS,
  },
  C3: {
    approvals: [
      {
        id: "peer_review",
        label: "Peer review by Reliability",
        accepts: ["reliability"],
        why: "C3 is lower risk: a Reliability peer review suffices",
      },
    ],
    databaseReview: false,
    preconditions: ["Due date"],
    autoLabels: [],
  },
  C4: { approvals: [], databaseReview: false, preconditions: [], autoLabels: [] },
};

const DBRE: ChangeApprovalRequirement = {
  id: "dbre_review",
  label: "DBRE review",
  accepts: ["dbre"],
  why: "the change touches a database",
};

/** The approvals, preconditions and automatic labels a change needs, with an explanation. */
export function changeApprovalRequirements(
  criticality: Criticality,
  touchesDatabase: boolean,
  rules: Readonly<Record<Criticality, ChangeRule>> = CHANGE_RULES,
): {
  approvals: ChangeApprovalRequirement[];
  preconditions: string[];
  autoLabels: string[];
  explanation: string[];
} {
  const rule = rules[criticality];
  const approvals = [...rule.approvals];
  if (touchesDatabase && rule.databaseReview) approvals.push(DBRE);
  const explanation =
    approvals.length === 0
      ? [`${criticality} needs no approval`]
      : approvals.map((a) => `${a.label}: ${a.why}`);
  if (touchesDatabase && !rule.databaseReview) {
    explanation.push(
      `${criticality} touches a database, but the published rules add no DBRE review`,
    );
  }
  return {
    approvals,
    preconditions: [...rule.preconditions],
    autoLabels: [...rule.autoLabels],
    explanation,
  };
}

/** Whether the approvals given satisfy the requirements, and why not. */
export function changeApprovalState(
  requirements: readonly ChangeApprovalRequirement[],
  approvals: readonly ChangeApproval[],
  changeTechnician?: string | null,
): { satisfied: boolean; met: ChangeApprovalId[]; missing: string[]; ignored: string[] } {
  const met: ChangeApprovalId[] = [];
  const missing: string[] = [];
  const ignored: string[] = [];
  for (const a of approvals) {
    const req = requirements.find((r) => r.id === a.requirement);
    // Separation of duties: whoever carries out the change cannot approve it.
    if (changeTechnician && a.by === changeTechnician) {
      ignored.push(`${a.by} cannot approve their own change (${a.requirement})`);
    } else if (!req) {
      ignored.push(`${a.requirement} by ${a.by} is not required`);
    } else if (!req.accepts.includes(a.capacity)) {
      ignored.push(
        `${a.by} approved as ${a.capacity}, but ${req.label} needs ${req.accepts.join(" or ")}`,
      );
    }
  }
  for (const r of requirements) {
    const ok = approvals.some(
      (a) => a.requirement === r.id && r.accepts.includes(a.capacity) && a.by !== changeTechnician,
    );
    if (ok) met.push(r.id);
    else missing.push(r.label);
  }
  return { satisfied: missing.length === 0, met, missing, ignored };
}
