import type { TriageAction, WorkItem } from "@infrasec/engines/work";
import { TRIAGE_LABEL, labelScope } from "@infrasec/engines/work";

/**
 * Triage rules the services add around the engine's `triageQueue`: what counts as untriaged,
 * the report's `since` window, and how a hygiene action reads in an item's history.
 */

/** The scope of the team's workflow labels (`InfraSec::triage`, `::backlog`, `::WIP`, …). */
export const WORKFLOW_SCOPE = "InfraSec";

/**
 * Untriaged: labelled `InfraSec::triage`, or carrying no `InfraSec::` workflow label at all (an
 * item created elsewhere or whose label was removed has not been through the sync either). The
 * engine's queue lists only the first kind as new.
 */
export function isUntriaged(item: WorkItem): boolean {
  return (
    item.labels.includes(TRIAGE_LABEL) || !item.labels.some((l) => labelScope(l) === WORKFLOW_SCOPE)
  );
}

/**
 * The report's `since` window: items created or changed on or after that UTC day, so the sync
 * notes cover what moved since the last meeting. Stale items are by definition unchanged, so a
 * `since` report is the "what is new" agenda, and the report without it the full one.
 */
export function changedSince(item: WorkItem, since: string): boolean {
  return item.createdAt.slice(0, 10) >= since || item.updatedAt.slice(0, 10) >= since;
}

/** The history note of a hygiene action (the ping is a note, not a comment). */
export function hygieneNote(a: TriageAction): string {
  switch (a.kind) {
    case "ping_assignee":
      return `triage bot: ${a.reason}`;
    case "add_label":
      return `triage bot: added ${a.label ?? "a label"} (${a.reason})`;
    case "close":
      return `triage bot: closed (${a.reason})`;
  }
}
