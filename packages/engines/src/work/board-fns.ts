import type { WorkItem } from "./work-item-types";

/**
 * Board semantics after GitLab's issue boards: moving a card between lists changes the item
 * (the published move table), and lists have soft WIP limits by count or weight. Pure: the
 * service applies the returned operations (status through `transition`, labels through
 * `applyLabels`) and records them in history and audit.
 */

/** A board list. Open and Closed are the fixed first and last lists. */
export type BoardList =
  | { kind: "open" }
  | { kind: "closed" }
  | { kind: "label"; label: string }
  | { kind: "assignee"; user: string };

/** What a move does to the item. */
export interface BoardMoveOps {
  reopen: boolean;
  close: boolean;
  addLabels: string[];
  removeLabels: string[];
  assign: string[];
  unassign: string[];
}

const none = (): BoardMoveOps => ({
  reopen: false,
  close: false,
  addLabels: [],
  removeLabels: [],
  assign: [],
  unassign: [],
});

/**
 * The operations of moving a card from one list to another, exactly as the published table:
 * to Closed always closes; to Open reopens (from Closed), removes the label (from a label list)
 * or unassigns (from an assignee list); to a label list adds the label (and removes the source
 * list's label, or reopens a closed item); to an assignee list assigns (reassigning from an
 * assignee list, reopening a closed item). A move within one list changes nothing.
 */
export function boardMove(from: BoardList, to: BoardList): BoardMoveOps {
  const ops = none();
  if (sameList(from, to)) return ops;
  if (to.kind === "closed") {
    ops.close = true;
    return ops;
  }
  if (from.kind === "closed") ops.reopen = true;
  if (to.kind === "open") {
    if (from.kind === "label") ops.removeLabels.push(from.label);
    if (from.kind === "assignee") ops.unassign.push(from.user);
    return ops;
  }
  if (to.kind === "label") {
    if (from.kind === "label") ops.removeLabels.push(from.label);
    ops.addLabels.push(to.label);
    return ops;
  }
  if (from.kind === "assignee") ops.unassign.push(from.user);
  ops.assign.push(to.user);
  return ops;
}

function sameList(a: BoardList, b: BoardList): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "label" && b.kind === "label") return a.label === b.label;
  if (a.kind === "assignee" && b.kind === "assignee") return a.user === b.user;
  return true;
}

/** A soft WIP limit: by count of cards or by summed weight. */
export interface WipLimit {
  by: "count" | "weight";
  max: number;
}

/** The load of a list against its WIP limit, shown as n/limit. */
export interface ListLoad {
  count: number;
  weight: number;
  limit: WipLimit | null;
  over: boolean;
  display: string;
}

/**
 * The load of a list. Limits are soft (the move is not refused) and never apply to the Open or
 * Closed lists, as published.
 */
export function listLoad(
  list: BoardList,
  items: readonly WorkItem[],
  limit: WipLimit | null,
): ListLoad {
  const count = items.length;
  const weight = items.reduce((s, i) => s + (i.weight ?? 0), 0);
  const applies = limit !== null && list.kind !== "open" && list.kind !== "closed";
  if (!applies) return { count, weight, limit: null, over: false, display: String(count) };
  const used = limit.by === "count" ? count : weight;
  return { count, weight, limit, over: used > limit.max, display: `${used}/${limit.max}` };
}
