/** Records of the work-items repo (items, history, comments, verdicts, approvals, links). */

/** A work item row with its label, assignee and reviewer sets (user ids). */
export interface WorkItemRecord {
  id: string;
  number: number;
  kind: string;
  templateId: string | null;
  title: string;
  status: string;
  description: string;
  fields: Record<string, unknown>;
  ownerId: string | null;
  createdBy: string | null;
  startDate: string | null;
  dueDate: string | null;
  weight: number | null;
  health: string | null;
  confidential: boolean;
  milestoneId: string | null;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  closedAt: string | null;
  labels: string[];
  assigneeIds: string[];
  reviewerIds: string[];
}

/** Restricts lists to what a reader may see: everything, or public items plus their own. */
export type WorkVisibility = { all: true } | { all: false; userId: string | null };

export interface WorkItemFilterRecord {
  ids?: readonly string[];
  kind?: string;
  /** Items carrying every one of these labels. */
  labelsAll?: readonly string[];
  status?: string;
  state?: "open" | "closed" | "all";
  assigneeId?: string;
  ownerId?: string;
  milestoneId?: string;
  parentId?: string;
  confidential?: boolean;
  /** Items linked to this target id (asset, finding or item). */
  linkedTo?: string;
  /** Every term must occur in the search text. */
  terms?: readonly string[];
  /** Open items due on or before this day (YYYY-MM-DD). */
  dueOnOrBefore?: string;
  dueOnOrAfter?: string;
}

export type WorkItemSort =
  | "-updatedAt"
  | "updatedAt"
  | "-createdAt"
  | "createdAt"
  | "dueDate"
  | "-number"
  | "number"
  | "title";

export interface WorkHistoryRecord {
  id: string;
  itemId: string;
  actorId: string | null;
  at: string;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
  note: string | null;
}

export interface WorkCommentRecord {
  id: string;
  itemId: string;
  authorId: string | null;
  body: string;
  mentions: string[];
  createdAt: string;
}

export interface WorkVerdictRecord {
  id: string;
  itemId: string;
  reviewerId: string;
  verdict: "approved" | "refused";
  level: string | null;
  comment: string | null;
  at: string;
}

export interface WorkChangeApprovalRecord {
  id: string;
  itemId: string;
  requirement: string;
  byId: string;
  capacity: string;
  at: string;
}

export interface WorkLinkRecord {
  id: string;
  itemId: string;
  type: string;
  targetKind: string;
  targetId: string;
  createdAt: string;
}
