import type { WorkItemView } from "@infrasec/contracts";
import { latestVerdicts } from "../items/item-rules";

/** A design doc's review progress: how many required reviewers approved, refused or are pending. */
export interface ReviewProgress {
  total: number;
  approved: number;
  refused: number;
  pending: number;
  /** Display names of reviewers who have not approved yet. */
  waitingFor: string[];
}

export function reviewProgress(
  item: Pick<WorkItemView, "requiredReviewers" | "verdicts">,
): ReviewProgress {
  const latest = latestVerdicts(item.verdicts);
  let approved = 0;
  let refused = 0;
  const waitingFor: string[] = [];
  for (const r of item.requiredReviewers) {
    const v = latest.get(r.id)?.verdict;
    if (v === "approved") approved++;
    else {
      if (v === "refused") refused++;
      waitingFor.push(r.displayName);
    }
  }
  const total = item.requiredReviewers.length;
  return { total, approved, refused, pending: total - approved - refused, waitingFor };
}

/** The statuses the index filters by, in review order. */
export const DESIGN_DOC_STATUS_FILTERS = [
  { value: "", label: "All" },
  { value: "draft", label: "Draft" },
  { value: "in-review", label: "In review" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
  { value: "superseded", label: "Superseded" },
] as const;
