import { applyLabels, labelScope } from "@infrasec/engines/work";
import type { BulkBody } from "./api";

/**
 * Selection state and request building of the triage bulk actions. Pure, so the checkbox
 * logic and what the confirmation says are tested without a browser.
 */

export type Selection = ReadonlySet<string>;

export function toggleOne(selection: Selection, id: string): Set<string> {
  const next = new Set(selection);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The header checkbox of a table: selects every row of it, or clears them when all were. */
export function toggleAll(selection: Selection, ids: readonly string[]): Set<string> {
  const next = new Set(selection);
  const all = ids.length > 0 && ids.every((id) => next.has(id));
  for (const id of ids) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}

/** What the header checkbox of a table shows. */
export function headerState(selection: Selection, ids: readonly string[]): "all" | "some" | "none" {
  const n = ids.filter((id) => selection.has(id)).length;
  if (n === 0) return "none";
  return n === ids.length ? "all" : "some";
}

/** Drops selected ids that are no longer in the queue (after an action or a reload). */
export function pruneSelection(selection: Selection, present: Iterable<string>): Set<string> {
  const keep = new Set(present);
  return new Set([...selection].filter((id) => keep.has(id)));
}

export type BulkAction =
  | { type: "labels"; add: string[]; remove: string[] }
  | { type: "assign"; usernames: string[] }
  | { type: "close" };

/** The request of an action on the selected items. */
export function bulkBody(ids: readonly string[], action: BulkAction): BulkBody {
  const base = { ids: [...ids], addLabels: [] as string[], removeLabels: [] as string[] };
  switch (action.type) {
    case "labels":
      return { ...base, addLabels: action.add, removeLabels: action.remove };
    case "assign":
      return { ...base, assignees: action.usernames };
    case "close":
      return { ...base, close: true };
  }
}

/** Whether the action does anything (so the button can be disabled until it does). */
export function actionReady(action: BulkAction): boolean {
  if (action.type === "labels") return action.add.length + action.remove.length > 0;
  if (action.type === "assign") return action.usernames.length > 0;
  return true;
}

const quote = (labels: readonly string[]) => labels.map((l) => `~"${l}"`).join(", ");

/** The sentence the confirmation states, with the count of items. */
export function describeBulk(action: BulkAction, count: number): string {
  const items = count === 1 ? "1 item" : `${count} items`;
  switch (action.type) {
    case "labels": {
      const parts: string[] = [];
      if (action.add.length > 0) parts.push(`add ${quote(action.add)}`);
      if (action.remove.length > 0) parts.push(`remove ${quote(action.remove)}`);
      const text = parts.join(" and ");
      return `${text.charAt(0).toUpperCase()}${text.slice(1)} on ${items}.`;
    }
    case "assign":
      return `Assign ${items} to ${action.usernames.join(", ")} (replacing their assignees).`;
    case "close":
      return `Close ${items}.`;
  }
}

/**
 * What scoped semantics will do with the labels to add: a scoped label replaces every other
 * label of its scope on each item, and of several added labels of one scope the last wins.
 */
export function scopedNotes(add: readonly string[]): string[] {
  const notes: string[] = [];
  const kept = applyLabels([], add).labels;
  for (const label of kept) {
    const scope = labelScope(label);
    if (scope !== null) notes.push(`~"${label}" replaces any other ${scope}:: label on each item.`);
  }
  const dropped = add.filter((l) => !kept.includes(l));
  for (const label of dropped) {
    notes.push(`~"${label}" is not added: a later label of its scope wins.`);
  }
  return notes;
}

/**
 * The error of a bulk call with the items it names: a detail whose path points at `ids[N]`
 * (or `ids.N`, `/body/ids/N`) is prefixed with that item's #number. The server's message (which names
 * the item itself for per-item failures) is kept as it is.
 */
export function bulkErrorLines(
  message: string,
  details: readonly { path?: string; message: string }[],
  ids: readonly string[],
  numberOf: (id: string) => number | undefined,
): string[] {
  const lines = [message];
  for (const d of details) {
    const m = d.path ? /ids(?:\[|[./])(\d+)/.exec(d.path) : null;
    const id = m ? ids[Number(m[1])] : undefined;
    const n = id ? numberOf(id) : undefined;
    const named = n === undefined || d.message.startsWith(`#${n}`);
    const line = named ? d.message : `#${n}: ${d.message}`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}
