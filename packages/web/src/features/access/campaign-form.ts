import type { CampaignKind, CreateCampaignBody, ReviewDecision } from "@infrasec/contracts";
import { CAMPAIGN_DEFAULT_BUSINESS_DAYS } from "@infrasec/contracts";

/** YYYY-MM-DD of the UTC day `n` business days (Monday–Friday) after `from`. */
export function addBusinessDays(from: Date, n: number): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

/** The deadline the server applies when none is given, shown as the field's placeholder. */
export function defaultDueDate(now = new Date()): string {
  return addBusinessDays(now, CAMPAIGN_DEFAULT_BUSINESS_DAYS);
}

export interface OwnerRow {
  owner: string;
  reviewer: string;
}

export interface CampaignValues {
  name: string;
  kind: CampaignKind;
  snapshotId: string | null;
  /** YYYY-MM-DD or "" for the default. */
  dueDate: string;
  defaultReviewer: string;
  byOwner: readonly OwnerRow[];
  /** One identity per line (or comma separated), for a terminated-users review. */
  terminatedUsers: string;
}

/** Names from a pasted list: one per line or comma separated, trimmed, duplicates dropped. */
export function splitNames(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** The request body, or the problems to show next to the fields. */
export function campaignBody(
  v: CampaignValues,
  today = new Date(),
):
  | { body: CreateCampaignBody; errors?: undefined }
  | { body?: undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = v.name.trim();
  if (!name) errors.name = "Name the campaign (for example “Q3 privileged access – prod”)";
  if (!v.snapshotId) errors.snapshotId = "Choose the snapshot to review";
  if (v.dueDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.dueDate)) errors.dueDate = "Use YYYY-MM-DD";
    else if (v.dueDate < today.toISOString().slice(0, 10))
      errors.dueDate = "The deadline is in the past";
  }
  const rows = v.byOwner.filter((r) => r.owner.trim() || r.reviewer.trim());
  const byOwner: Record<string, string> = {};
  rows.forEach((r) => {
    if (!r.owner.trim() || !r.reviewer.trim())
      errors.byOwner = "Every owner row needs an owner and a reviewer";
    else byOwner[r.owner.trim()] = r.reviewer.trim();
  });
  const defaultReviewer = v.defaultReviewer.trim();
  if (!defaultReviewer && Object.keys(byOwner).length === 0)
    errors.defaultReviewer = "Name a default reviewer or assign reviewers by owner";
  const terminated = splitNames(v.terminatedUsers);
  if (v.kind === "terminated_users" && terminated.length === 0)
    errors.terminatedUsers = "List the identities of the people who left";
  if (Object.keys(errors).length > 0 || !v.snapshotId) return { errors };
  return {
    body: {
      name,
      kind: v.kind,
      snapshotId: v.snapshotId,
      ...(v.dueDate ? { dueDate: v.dueDate } : {}),
      reviewers: {
        ...(defaultReviewer ? { default: defaultReviewer } : {}),
        ...(Object.keys(byOwner).length > 0 ? { byOwner } : {}),
      },
      ...(v.kind === "terminated_users" ? { terminatedUsers: terminated } : {}),
    },
  };
}

export const DECISION_LABELS: Record<ReviewDecision, string> = {
  keep: "Keep",
  revoke: "Revoke",
  modify: "Modify",
};

/** What the justification should say, per decision (shown as the field's description). */
export const DECISION_HINTS: Record<ReviewDecision, string> = {
  keep: "Why this access is still needed (role, duty, system).",
  revoke: "Why it goes; add the ticket that removes it.",
  modify: "What changes (narrower policy, scope, expiry); add the ticket that does it.",
};

/** Justification is required; a revoke or modify without a ticket is allowed but flagged. */
export function decisionProblems(
  decision: ReviewDecision,
  justification: string,
  ticket: string,
): { justification?: string; ticketWarning?: string } {
  return {
    justification: justification.trim() ? undefined : "A justification is required",
    ticketWarning:
      decision !== "keep" && !ticket.trim()
        ? "Without a follow-up ticket nobody is asked to make this change."
        : undefined,
  };
}
