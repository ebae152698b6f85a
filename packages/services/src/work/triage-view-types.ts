import type { WorkItemSummary } from "./work-view-types";

/**
 * What the triage services take and answer; mirrors work-triage-contract.ts (services may not
 * import contracts; the routes serialize through them).
 */

export interface TriageQueueView {
  untriaged: WorkItemSummary[];
  missingFields: { item: WorkItemSummary; missing: { field: string; message: string }[] }[];
  stale: { item: WorkItemSummary; idleDays: number }[];
  staleAfterDays: number;
}

export interface BulkInput {
  ids: string[];
  addLabels: string[];
  removeLabels: string[];
  /** Replace assignees with these usernames. */
  assignees?: string[];
  close: boolean;
}

export interface HygieneActionView {
  item: WorkItemSummary;
  kind: "ping_assignee" | "add_label" | "close";
  label: string | null;
  reason: string;
}
