import type { WorkItemView } from "@infrasec/contracts";
import type { Permission } from "@infrasec/core";
import { STATUS_MODELS, applyLabels } from "@infrasec/engines/work";

/**
 * What the signed-in person may do on an item page. The server decides (and says why when it
 * refuses); the page only hides controls that would certainly be refused, with the same rules as
 * the service: work:manage changes any item, work:create the items one created, owns or is
 * assigned to; verdicts come from the item's required reviewers.
 */
export interface ItemAbilities {
  edit: boolean;
  comment: boolean;
  verdict: boolean;
  recordChangeApproval: boolean;
}

export function itemAbilities(
  me: { id: string; username: string },
  can: (p: Permission) => boolean,
  item: Pick<WorkItemView, "createdBy" | "owner" | "assignees" | "requiredReviewers">,
): ItemAbilities {
  const involved =
    item.createdBy?.id === me.id ||
    item.owner?.id === me.id ||
    item.assignees.some((a) => a.id === me.id);
  const create = can("work:create");
  return {
    edit: can("work:manage") || (create && involved),
    comment: create,
    verdict:
      create && item.requiredReviewers.some((r) => r.id === me.id || r.username === me.username),
    recordChangeApproval: can("work:manage"),
  };
}

/** True when moving to `to` needs a written reason (cancel, abort, reject). */
export function statusNeedsReason(kind: WorkItemView["kind"], from: string, to: string): boolean {
  return STATUS_MODELS[kind].transitions.some(
    (t) => t.to === to && t.from.includes(from) && (t.guards ?? []).includes("reason"),
  );
}

/** The latest verdict of each reviewer (by time), as the approval rules count them. */
export function latestVerdicts(
  verdicts: WorkItemView["verdicts"],
  level?: string | null,
): Map<string, WorkItemView["verdicts"][number]> {
  const out = new Map<string, WorkItemView["verdicts"][number]>();
  for (const v of verdicts) {
    if (level && v.level && v.level !== level) continue;
    const prev = out.get(v.reviewer.id);
    if (!prev || prev.at <= v.at) out.set(v.reviewer.id, v);
  }
  return out;
}

/** The PRR level a security review's verdicts are for (its maturity field), or undefined. */
export function verdictLevel(item: Pick<WorkItemView, "kind" | "fields">): string | undefined {
  const m = item.fields.maturity;
  return item.kind === "security_review_request" && typeof m === "string" ? m : undefined;
}

/** What adding a label does to an item's labels: the scoped labels it replaces. */
export function labelsReplacedBy(current: readonly string[], add: string): string[] {
  return applyLabels(current, [add]).removed;
}
