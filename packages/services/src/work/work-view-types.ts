import type {
  ApproverCapacity,
  ChangeApprovalId,
  HealthStatus,
  LinkType,
  WorkItemKind,
} from "@infrasec/engines/work";

/**
 * What the work services answer. These mirror the API contracts of
 * packages/contracts/src/work (services may not import contracts: docs/ARCHITECTURE.md §2), and
 * the routes serialize them through those contracts, so a drift fails the server's tests.
 */

export interface UserRefView {
  id: string;
  username: string;
  displayName: string;
}

export interface WorkLinkView {
  id: string;
  type: LinkType;
  targetKind: "item" | "asset" | "finding";
  targetId: string;
  title: string | null;
  number: number | null;
}

export interface WorkVerdictView {
  reviewer: UserRefView;
  verdict: "approved" | "refused";
  level: string | null;
  comment: string | null;
  at: string;
}

export interface WorkChangeApprovalView {
  requirement: ChangeApprovalId;
  by: UserRefView;
  capacity: ApproverCapacity;
  at: string;
}

export interface WorkDerivedView {
  risk: { score: number; band: string; reviewPriority: string; reviewPriorityLabel: string } | null;
  approval: { approved: boolean; pending: string[]; refused: string[] } | null;
  changeApproval: { criticality: string | null; missing: string[]; satisfied: boolean } | null;
  missingFields: { field: string; message: string }[];
  allowedStatuses: string[];
  closed: boolean;
  overdue: boolean;
}

export interface WorkItemView {
  id: string;
  number: number;
  kind: WorkItemKind;
  templateId: string | null;
  title: string;
  status: string;
  description: string;
  fields: Record<string, unknown>;
  labels: string[];
  assignees: UserRefView[];
  owner: UserRefView | null;
  createdBy: UserRefView | null;
  startDate: string | null;
  dueDate: string | null;
  weight: number | null;
  health: HealthStatus | null;
  confidential: boolean;
  milestoneId: string | null;
  parentId: string | null;
  requiredReviewers: UserRefView[];
  verdicts: WorkVerdictView[];
  changeApprovals: WorkChangeApprovalView[];
  links: WorkLinkView[];
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  closedAt: string | null;
  derived: WorkDerivedView;
}

/** A row of item lists: the item without its heavy parts. */
export type WorkItemSummary = Pick<
  WorkItemView,
  | "id"
  | "number"
  | "kind"
  | "title"
  | "status"
  | "labels"
  | "assignees"
  | "owner"
  | "dueDate"
  | "weight"
  | "health"
  | "confidential"
  | "milestoneId"
  | "parentId"
  | "createdAt"
  | "updatedAt"
  | "lastActivityAt"
  | "closedAt"
>;

export interface WorkHistoryEntryView {
  id: string;
  at: string;
  actor: UserRefView | null;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
  note: string | null;
}

export interface WorkCommentView {
  id: string;
  author: UserRefView | null;
  body: string;
  mentions: string[];
  createdAt: string;
}

/** Workflow settings (contract `workSettingsSchema`). */
export interface WorkSettings {
  staleAfterDays: number;
  autoCloseEnabled: boolean;
  autoCloseAfterMonths: number;
  teamLabel: string;
  cadence: "weekly" | "fortnightly";
}

export const DEFAULT_WORK_SETTINGS: Readonly<WorkSettings> = {
  staleAfterDays: 30,
  autoCloseEnabled: true,
  autoCloseAfterMonths: 6,
  teamLabel: "Department::InfraSec",
  cadence: "fortnightly",
};

export interface LabelView {
  name: string;
  scope: string | null;
  color: string;
  description: string;
  usage: number;
  createdAt: string;
}

export interface TemplateView {
  id: string;
  kind: WorkItemKind;
  name: string;
  description: string;
  version: number;
  customized: boolean;
  updatedAt: string;
  definition: Record<string, unknown>;
}

export type NotificationKind =
  | "assigned"
  | "mentioned"
  | "review_requested"
  | "approval_given"
  | "approval_refused"
  | "due_soon"
  | "access_review_assigned"
  | "access_review_reminder"
  | "access_review_overdue"
  | "exception_approved"
  | "exception_rejected"
  | "exception_revoked"
  | "exception_expiring"
  | "exception_expired";

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  itemId: string | null;
  itemNumber: number | null;
  title: string;
  actor: UserRefView | null;
  createdAt: string;
  readAt: string | null;
  link: string | null;
}

export interface OutboundEventView {
  seq: number;
  id: string;
  type: string;
  recipient: UserRefView | null;
  payload: Record<string, unknown>;
  createdAt: string;
}
