import type {
  ApproverCapacity,
  ChangeApprovalId,
  Criticality,
  HealthStatus,
  LinkType,
  WorkItem,
  WorkItemKind,
  WorkTemplate,
  Weight,
} from "@infrasec/engines/work";
import {
  CRITICALITIES,
  allowedTargets,
  assessSecurityReviewValues,
  changeApprovalRequirements,
  changeApprovalState,
  isClosedStatus,
  isOverdue,
  missingRequiredFields,
  reviewApprovalState,
  templateFields,
} from "@infrasec/engines/work";
import type {
  WorkChangeApprovalRecord,
  WorkItemRecord,
  WorkLinkRecord,
  WorkVerdictRecord,
} from "@infrasec/storage";
import { triagePolicyFrom } from "./work-catalog-store";
import type {
  UserRefView,
  WorkDerivedView,
  WorkItemSummary,
  WorkItemView,
  WorkLinkView,
  WorkSettings,
} from "./work-view-types";

/**
 * Pure mappings between stored items, the engine's item shape and the API views. The engine
 * speaks usernames (verdicts, approvals and change technicians name people), storage speaks
 * user ids; the maps of users passed in translate.
 */

export type UserMap = ReadonlyMap<string, UserRefView>;

/** What hangs off items, loaded in bulk. */
export interface ItemExtras {
  verdicts: readonly WorkVerdictRecord[];
  approvals: readonly WorkChangeApprovalRecord[];
  links: readonly WorkLinkRecord[];
}

/** The template field that mirrors the item's required reviewers (security reviews, designs). */
export const REVIEWERS_FIELD = "requiredReviewers";

export function hasReviewersField(t: WorkTemplate | null): boolean {
  return !!t && templateFields(t).some((f) => f.key === REVIEWERS_FIELD);
}

// The sets are stored without an order; usernames sorted give every reader the same one.
const names = (ids: readonly string[], users: UserMap): string[] =>
  refs(ids, users).map((u) => u.username);

function refs(ids: readonly string[], users: UserMap): UserRefView[] {
  return ids
    .flatMap((id) => {
      const u = users.get(id);
      return u ? [u] : [];
    })
    .sort((a, b) => a.username.localeCompare(b.username));
}

/**
 * The engine's view of an item. The reviewers relation is the single source of the required
 * reviewers; templates that have a `requiredReviewers` field see it mirrored into the values, so
 * the template's per-status requirement reads the relation.
 */
export function toDomainItem(
  r: WorkItemRecord,
  users: UserMap,
  extras: ItemExtras,
  template: WorkTemplate | null,
): WorkItem {
  const reviewers = names(r.reviewerIds, users);
  const fields: Record<string, unknown> = { ...r.fields };
  if (hasReviewersField(template) && reviewers.length > 0) fields[REVIEWERS_FIELD] = reviewers;
  return {
    id: r.id,
    kind: r.kind as WorkItemKind,
    title: r.title,
    status: r.status,
    description: r.description,
    labels: r.labels,
    fields,
    assignees: names(r.assigneeIds, users),
    owner: r.ownerId ? (users.get(r.ownerId)?.username ?? null) : null,
    startDate: r.startDate,
    dueDate: r.dueDate,
    weight: r.weight as Weight | null,
    health: r.health as HealthStatus | null,
    confidential: r.confidential,
    links: extras.links
      .filter((l) => l.itemId === r.id)
      .map((l) => ({
        type: l.type as LinkType,
        targetId: l.targetId,
        targetKind: l.targetKind as "item" | "asset" | "finding",
      })),
    requiredReviewers: reviewers,
    verdicts: extras.verdicts
      .filter((v) => v.itemId === r.id && users.has(v.reviewerId))
      .map((v) => ({
        reviewer: users.get(v.reviewerId)!.username,
        verdict: v.verdict,
        at: v.at,
        ...(v.level !== null ? { level: v.level } : {}),
        ...(v.comment !== null ? { comment: v.comment } : {}),
      })),
    changeApprovals: extras.approvals
      .filter((a) => a.itemId === r.id && users.has(a.byId))
      .map((a) => ({
        requirement: a.requirement as ChangeApprovalId,
        by: users.get(a.byId)!.username,
        capacity: a.capacity as ApproverCapacity,
        at: a.at,
      })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    lastActivityAt: r.lastActivityAt,
    closedAt: r.closedAt,
    milestoneId: r.milestoneId,
  };
}

/** The maturity level a security review's verdicts are for (the level under review). */
export function reviewLevel(item: WorkItem): string | undefined {
  return item.kind === "security_review_request" && typeof item.fields.maturity === "string"
    ? item.fields.maturity
    : undefined;
}

/** Derived facts the server computes with the engine, so every client agrees. */
export function deriveItem(
  item: WorkItem,
  template: WorkTemplate | null,
  settings: WorkSettings,
  now: Date,
): WorkDerivedView {
  let risk: WorkDerivedView["risk"] = null;
  if (item.kind === "security_review_request") {
    const a = assessSecurityReviewValues(item.fields);
    if (a.risk.complete) {
      risk = {
        score: a.risk.score,
        band: a.risk.band,
        reviewPriority: a.priority === null ? "none" : String(a.priority),
        reviewPriorityLabel: a.priorityLabel ?? "",
      };
    }
  }
  const reviewers = item.requiredReviewers ?? [];
  let approval: WorkDerivedView["approval"] = null;
  if (
    item.kind === "security_review_request" ||
    item.kind === "design_doc" ||
    reviewers.length > 0
  ) {
    const s = reviewApprovalState(reviewers, item.verdicts ?? [], reviewLevel(item));
    approval = { approved: s.approved, pending: s.pending, refused: s.refusedBy };
  }
  let changeApproval: WorkDerivedView["changeApproval"] = null;
  if (item.kind === "change_request") {
    const c = item.fields.criticality;
    if (typeof c === "string" && (CRITICALITIES as readonly string[]).includes(c)) {
      const req = changeApprovalRequirements(
        c as Criticality,
        item.fields.touchesDatabase === true,
      );
      const tech =
        typeof item.fields.changeTechnician === "string" ? item.fields.changeTechnician : null;
      const s = changeApprovalState(req.approvals, item.changeApprovals ?? [], tech);
      changeApproval = { criticality: c, missing: s.missing, satisfied: s.satisfied };
    } else {
      changeApproval = { criticality: null, missing: [], satisfied: false };
    }
  }
  const missingFields = missingRequiredFields(
    item,
    triagePolicyFrom(settings),
    template ? { [item.kind]: template } : {},
  ).map((e) => ({ field: e.field, message: e.message }));
  return {
    risk,
    approval,
    changeApproval,
    missingFields,
    allowedStatuses: allowedTargets(item),
    closed: isClosedStatus(item),
    overdue: isOverdue(item, now),
  };
}

export const userRef = (id: string | null, users: UserMap): UserRefView | null =>
  id ? (users.get(id) ?? null) : null;

/** A row of item lists. */
export function toSummary(r: WorkItemRecord, users: UserMap): WorkItemSummary {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as WorkItemKind,
    title: r.title,
    status: r.status,
    labels: r.labels,
    assignees: refs(r.assigneeIds, users),
    owner: userRef(r.ownerId, users),
    dueDate: r.dueDate,
    weight: r.weight,
    health: r.health as HealthStatus | null,
    confidential: r.confidential,
    milestoneId: r.milestoneId,
    parentId: r.parentId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    lastActivityAt: r.lastActivityAt,
    closedAt: r.closedAt,
  };
}

/** The full item as the API answers it. */
export function toItemView(
  r: WorkItemRecord,
  users: UserMap,
  extras: ItemExtras,
  links: WorkLinkView[],
  derived: WorkDerivedView,
): WorkItemView {
  return {
    ...toSummary(r, users),
    templateId: r.templateId,
    description: r.description,
    fields: r.fields,
    createdBy: userRef(r.createdBy, users),
    startDate: r.startDate,
    requiredReviewers: refs(r.reviewerIds, users),
    verdicts: extras.verdicts
      .filter((v) => v.itemId === r.id && users.has(v.reviewerId))
      .map((v) => ({
        reviewer: users.get(v.reviewerId)!,
        verdict: v.verdict,
        level: v.level,
        comment: v.comment,
        at: v.at,
      })),
    changeApprovals: extras.approvals
      .filter((a) => a.itemId === r.id && users.has(a.byId))
      .map((a) => ({
        requirement: a.requirement as ChangeApprovalId,
        by: users.get(a.byId)!,
        capacity: a.capacity as ApproverCapacity,
        at: a.at,
      })),
    links,
    derived,
  };
}

/** The user ids an item refers to (for one bulk user lookup). */
export function referencedUserIds(r: WorkItemRecord, extras?: ItemExtras): string[] {
  const ids = [r.ownerId, r.createdBy, ...r.assigneeIds, ...r.reviewerIds];
  if (extras) {
    ids.push(...extras.verdicts.map((v) => v.reviewerId));
    ids.push(...extras.approvals.map((a) => a.byId));
  }
  return ids.filter((x): x is string => !!x);
}

/** The item-access shape of the visibility rules. */
export function accessShape(r: WorkItemRecord) {
  return {
    confidential: r.confidential,
    createdBy: r.createdBy,
    ownerId: r.ownerId,
    assigneeIds: r.assigneeIds,
    reviewerIds: r.reviewerIds,
  };
}
