import type { WorkItemKind } from "./work-item-types";

/**
 * Status models as data: the statuses of each kind and the allowed transitions, with the guards
 * that must hold and the label effects of entering a status. `transition()` in
 * work-status-fns.ts reads these tables; a later increment can let admins edit them.
 */

/** Named checks a transition may require; each is implemented in work-status-fns.ts. */
export const GUARD_IDS = [
  "required_fields",
  "all_reviewers_approved",
  "change_approvals",
  "due_date",
  "assignee",
  "risk_scored",
  "self_service_band",
  "superseded_by_link",
  "reason",
] as const;
export type GuardId = (typeof GUARD_IDS)[number];

/** One status of a model. `closed` statuses count as done for progress and triage. */
export interface StatusDef {
  id: string;
  label: string;
  closed: boolean;
}

/** What entering a status does to the labels. */
export interface StatusEffects {
  removeLabels?: readonly string[];
  removeLabelScopes?: readonly string[];
}

/** An allowed move. `from` lists the statuses it starts from. */
export interface TransitionDef {
  from: readonly string[];
  to: string;
  guards?: readonly GuardId[];
}

/** A status model. */
export interface StatusModel {
  id: string;
  initial: string;
  statuses: readonly StatusDef[];
  transitions: readonly TransitionDef[];
  effects?: Readonly<Record<string, StatusEffects>>;
}

// Published bot rule: a closed issue loses `InfraSec::WIP`, and status labels go on close.
const CLOSE_EFFECTS: StatusEffects = {
  removeLabels: ["InfraSec::WIP"],
  removeLabelScopes: ["InfraSecStatus"],
};

/** Generic items (task, BAU request, epic, incident): open / closed. */
export const GENERIC_MODEL: StatusModel = {
  id: "generic",
  initial: "open",
  statuses: [
    { id: "open", label: "Open", closed: false },
    { id: "closed", label: "Closed", closed: true },
  ],
  transitions: [
    { from: ["open"], to: "closed" },
    { from: ["closed"], to: "open" },
  ],
  effects: { closed: CLOSE_EFFECTS },
};

const REVIEW_OPEN = ["new-request", "pending-triage-answers", "pending-risk-answers"];

/** Security review requests, after the Security Review Framework's states. */
export const SECURITY_REVIEW_MODEL: StatusModel = {
  id: "security-review",
  initial: "new-request",
  statuses: [
    { id: "new-request", label: "New request", closed: false },
    { id: "pending-triage-answers", label: "Pending triage answers", closed: false },
    { id: "pending-risk-answers", label: "Pending risk answers", closed: false },
    { id: "planned", label: "Planned", closed: false },
    { id: "ongoing", label: "Ongoing", closed: false },
    { id: "completed", label: "Completed", closed: true },
    { id: "self-service", label: "Self-service", closed: true },
    { id: "cancelled", label: "Cancelled", closed: true },
  ],
  transitions: [
    { from: ["new-request"], to: "pending-triage-answers" },
    { from: ["new-request", "pending-triage-answers"], to: "pending-risk-answers" },
    // The wizard asks every question up front, so a complete request may skip the pending states.
    { from: REVIEW_OPEN, to: "planned", guards: ["risk_scored", "required_fields"] },
    { from: REVIEW_OPEN, to: "self-service", guards: ["risk_scored", "self_service_band"] },
    { from: ["planned"], to: "ongoing", guards: ["assignee", "required_fields"] },
    { from: ["ongoing"], to: "completed", guards: ["required_fields", "all_reviewers_approved"] },
    { from: [...REVIEW_OPEN, "planned", "ongoing"], to: "cancelled", guards: ["reason"] },
  ],
  effects: { completed: CLOSE_EFFECTS, "self-service": CLOSE_EFFECTS, cancelled: CLOSE_EFFECTS },
};

/** Infrastructure change requests (`change::` statuses). */
export const CHANGE_REQUEST_MODEL: StatusModel = {
  id: "change-request",
  initial: "unscheduled",
  statuses: [
    { id: "unscheduled", label: "Unscheduled", closed: false },
    { id: "scheduled", label: "Scheduled", closed: false },
    { id: "in-progress", label: "In progress", closed: false },
    { id: "done", label: "Done", closed: true },
    { id: "aborted", label: "Aborted", closed: true },
  ],
  transitions: [
    // Published: a change is scheduled once approved and its due date set.
    {
      from: ["unscheduled"],
      to: "scheduled",
      guards: ["required_fields", "due_date", "change_approvals"],
    },
    { from: ["scheduled"], to: "unscheduled" },
    { from: ["scheduled"], to: "in-progress", guards: ["change_approvals"] },
    { from: ["in-progress"], to: "done" },
    { from: ["unscheduled", "scheduled", "in-progress"], to: "aborted", guards: ["reason"] },
  ],
  effects: { done: CLOSE_EFFECTS, aborted: CLOSE_EFFECTS },
};

/** Decision records. */
export const DECISION_MODEL: StatusModel = {
  id: "decision",
  initial: "proposed",
  statuses: [
    { id: "proposed", label: "Proposed", closed: false },
    { id: "accepted", label: "Accepted", closed: true },
    { id: "rejected", label: "Rejected", closed: true },
    { id: "superseded", label: "Superseded", closed: true },
  ],
  transitions: [
    { from: ["proposed"], to: "accepted", guards: ["required_fields"] },
    { from: ["proposed"], to: "rejected", guards: ["required_fields"] },
    { from: ["accepted"], to: "superseded", guards: ["superseded_by_link"] },
  ],
};

/** Design docs. */
export const DESIGN_DOC_MODEL: StatusModel = {
  id: "design-doc",
  initial: "draft",
  statuses: [
    { id: "draft", label: "Draft", closed: false },
    { id: "in-review", label: "In review", closed: false },
    { id: "approved", label: "Approved", closed: true },
    { id: "rejected", label: "Rejected", closed: true },
    { id: "superseded", label: "Superseded", closed: true },
  ],
  transitions: [
    { from: ["draft"], to: "in-review", guards: ["required_fields"] },
    { from: ["in-review"], to: "draft" },
    { from: ["in-review"], to: "approved", guards: ["required_fields", "all_reviewers_approved"] },
    { from: ["in-review"], to: "rejected", guards: ["reason"] },
    { from: ["approved"], to: "superseded", guards: ["superseded_by_link"] },
  ],
};

/** The status model of each kind. */
export const STATUS_MODELS: Readonly<Record<WorkItemKind, StatusModel>> = {
  security_review_request: SECURITY_REVIEW_MODEL,
  bau_request: GENERIC_MODEL,
  change_request: CHANGE_REQUEST_MODEL,
  task: GENERIC_MODEL,
  decision: DECISION_MODEL,
  design_doc: DESIGN_DOC_MODEL,
  epic: GENERIC_MODEL,
  incident: GENERIC_MODEL,
};
