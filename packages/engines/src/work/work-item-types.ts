/**
 * The work-item vocabulary of the team's workflow (issue 5): kinds, health, links, approvals and
 * the plain item shape the pure functions of this folder operate on. Storage and services map
 * their rows to this shape; nothing here knows about a database or a clock.
 */

/** Every kind of work item the team tracks. */
export const WORK_ITEM_KINDS = [
  "security_review_request",
  "bau_request",
  "change_request",
  "task",
  "decision",
  "design_doc",
  "epic",
  "incident",
] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

/**
 * Health status, named exactly as GitLab's REST API names it (`health_status`) so that data
 * round-trips with a GitLab instance.
 */
export const HEALTH_STATUSES = ["on_track", "needs_attention", "at_risk"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Display names of the health statuses, as GitLab shows them. */
export const HEALTH_LABELS: Readonly<Record<HealthStatus, string>> = {
  on_track: "On track",
  needs_attention: "Needs attention",
  at_risk: "At risk",
};

/** Issue weights the team uses (the `InfraSecEffort::` scale: 1, 2, 3, 5, 13). */
export const WEIGHTS = [1, 2, 3, 5, 13] as const;
export type Weight = (typeof WEIGHTS)[number];

/** Typed links between items. `superseded_by` points from the old record to the new one. */
export const LINK_TYPES = [
  "relates_to",
  "blocks",
  "blocked_by",
  "parent",
  "supersedes",
  "superseded_by",
  "implements",
  "follow_up_of",
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A link from an item to another item (or, with `targetKind`, to an asset or finding). */
export interface WorkLink {
  type: LinkType;
  targetId: string;
  targetKind?: "item" | "asset" | "finding";
}

/** One reviewer's verdict. The latest verdict of a reviewer (by `at`) is the one that counts. */
export interface ReviewVerdict {
  reviewer: string;
  verdict: "approved" | "refused";
  /** ISO 8601 UTC. */
  at: string;
  /** PRR maturity level the verdict is for, when the item is reviewed per level. */
  level?: string;
  comment?: string;
}

/** The capacity in which someone approves a change; the caller vouches for it. */
export const APPROVER_CAPACITIES = [
  "peer",
  "reliability",
  "manager",
  "senior_manager",
  "director",
  "vp",
  "eoc",
  "dbre",
] as const;
export type ApproverCapacity = (typeof APPROVER_CAPACITIES)[number];

/** The change-approval requirements (`manager_approved`, `eoc_approved`, …). */
export const CHANGE_APPROVAL_IDS = [
  "manager_approved",
  "eoc_approved",
  "dbre_review",
  "peer_review",
] as const;
export type ChangeApprovalId = (typeof CHANGE_APPROVAL_IDS)[number];

/** One approval given on a change request. */
export interface ChangeApproval {
  requirement: ChangeApprovalId;
  by: string;
  capacity: ApproverCapacity;
  /** ISO 8601 UTC. */
  at: string;
}

/**
 * A work item as the pure domain sees it. `fields` holds the template values (validated with
 * `validateAgainstTemplate`); `status` is a status of the item kind's status model.
 */
export interface WorkItem {
  id: string;
  kind: WorkItemKind;
  title: string;
  status: string;
  /** Markdown body; rendered with sanitization by the UI, never here. */
  description?: string;
  labels: readonly string[];
  fields: Readonly<Record<string, unknown>>;
  assignees: readonly string[];
  owner?: string | null;
  /** ISO date (YYYY-MM-DD). */
  startDate?: string | null;
  /** ISO date (YYYY-MM-DD). */
  dueDate?: string | null;
  weight?: Weight | null;
  health?: HealthStatus | null;
  confidential: boolean;
  links: readonly WorkLink[];
  requiredReviewers?: readonly string[];
  verdicts?: readonly ReviewVerdict[];
  /** Approvals of a change request (see `changeApprovalState`). */
  changeApprovals?: readonly ChangeApproval[];
  /** ISO 8601 UTC timestamps. */
  createdAt: string;
  updatedAt: string;
  /** Last activity by a person (bot actions do not count), ISO 8601 UTC. */
  lastActivityAt?: string;
  closedAt?: string | null;
  milestoneId?: string | null;
}

/** A field-level change, as the history of an item records it. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}
