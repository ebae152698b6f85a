import type { Actor, Role } from "@infrasec/core";
import { can } from "@infrasec/core";

/**
 * Who may see and change which work items. Confidential items (escalations, incidents, reviews of
 * unreleased features) are visible only to the roles that see all work and to the people involved
 * in the item; everything else is visible to anyone who may read work. Pure, so services, triage,
 * boards and planning apply one rule.
 */

/** The parts of an item the rules read; ids are user ids. */
export interface WorkItemAccessShape {
  confidential: boolean;
  createdBy: string | null;
  ownerId: string | null;
  assigneeIds: readonly string[];
  reviewerIds: readonly string[];
}

const SEE_ALL_ROLES: readonly Role[] = ["admin", "security_engineer", "sirt", "auditor"];

/** Roles that see every item, confidential ones included (auditors read, never change). */
export function canSeeAllWork(actor: Actor): boolean {
  return SEE_ALL_ROLES.includes(actor.role);
}

/** Whether the actor takes part in the item: creator, owner, assignee or required reviewer. */
export function isInvolved(item: WorkItemAccessShape, actor: Actor): boolean {
  const me = actor.userId;
  if (!me) return false;
  return (
    item.createdBy === me ||
    item.ownerId === me ||
    item.assigneeIds.includes(me) ||
    item.reviewerIds.includes(me)
  );
}

/** Non-confidential items: anyone with work:read; confidential: see-all roles or the involved. */
export function isWorkItemVisible(item: WorkItemAccessShape, actor: Actor): boolean {
  if (!can(actor, "work:read")) return false;
  if (!item.confidential) return true;
  return canSeeAllWork(actor) || isInvolved(item, actor);
}

/**
 * work:manage changes any item; work:create only the items the actor created, owns or is
 * assigned to (a required reviewer gives verdicts, which is checked separately).
 */
export function canEditWorkItem(item: WorkItemAccessShape, actor: Actor): boolean {
  if (can(actor, "work:manage")) return true;
  if (!can(actor, "work:create")) return false;
  const me = actor.userId;
  if (!me) return false;
  return item.createdBy === me || item.ownerId === me || item.assigneeIds.includes(me);
}
