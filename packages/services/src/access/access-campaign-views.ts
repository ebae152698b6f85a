import type { Repos } from "@infrasec/storage";
import type { AccessProvider, EntitlementDto } from "./access-analysis-types";
import type { EvidenceItem } from "./evidence-export";

/** Access-review campaign shapes and the record → view mappings the campaigns service uses. */

type ItemRecord = NonNullable<Awaited<ReturnType<Repos["access"]["campaigns"]["item"]>>>;

export type CampaignKind = "privileged" | "terminated_users";
export type ReviewDecision = "keep" | "revoke" | "modify";
export const DEFAULT_BUSINESS_DAYS = 10;
export type ReviewFlag =
  | "admin"
  | "escalates"
  | "privileged_entitlement"
  | "dormant"
  | "terminated"
  | "new_since_certification";

export interface CampaignView {
  id: string;
  name: string;
  kind: CampaignKind;
  status: "open" | "closed";
  snapshotId: string;
  snapshotName: string;
  provider: AccessProvider;
  dueDate: string;
  overdue: boolean;
  baselineCampaignId: string | null;
  progress: {
    total: number;
    decided: number;
    pending: number;
    keep: number;
    revoke: number;
    modify: number;
    percent: number;
  };
  reviewers: { username: string; total: number; decided: number }[];
  createdBy: string;
  createdAt: string;
  closedBy: string | null;
  closedAt: string | null;
  verification: {
    snapshotId: string;
    verifiedAt: string;
    verifiedBy: string;
    revoked: number;
    stillPresent: number;
  } | null;
}

export interface ReviewItemView {
  id: string;
  campaignId: string;
  principalId: string;
  principalName: string;
  principalType: string;
  owner: string | null;
  entitlement: EntitlementDto;
  privileged: boolean;
  flags: ReviewFlag[];
  lastUsed: string | null;
  change: "added" | "unchanged" | null;
  reviewer: string;
  decision: ReviewDecision | null;
  justification: string | null;
  followUpTicket: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  verification: "revoked" | "still_present" | null;
}

export interface CreateCampaignInput {
  name: string;
  kind: CampaignKind;
  snapshotId: string;
  dueDate?: string;
  reviewers: { default?: string; byOwner?: Record<string, string> };
  terminatedUsers?: string[];
}

export const toItemView = (i: ItemRecord): ReviewItemView => ({
  id: i.id,
  campaignId: i.campaignId,
  principalId: i.principalId,
  principalName: i.principalName,
  principalType: i.principalType,
  owner: i.owner,
  entitlement: i.entitlement as EntitlementDto,
  privileged: i.privileged,
  flags: i.flags as ReviewFlag[],
  lastUsed: i.lastUsed,
  change: i.change as ReviewItemView["change"],
  reviewer: i.reviewer,
  decision: i.decision as ReviewDecision | null,
  justification: i.justification,
  followUpTicket: i.followUpTicket,
  decidedBy: i.decidedBy,
  decidedAt: i.decidedAt,
  verification: i.verification as ReviewItemView["verification"],
});

export const toEvidence = (i: ReviewItemView): EvidenceItem => ({
  itemId: i.id,
  principalId: i.principalId,
  principalName: i.principalName,
  principalType: i.principalType,
  entitlement: i.entitlement.key,
  entitlementKind: i.entitlement.kind,
  scope: i.entitlement.scope,
  privileged: i.privileged,
  flags: i.flags,
  lastUsed: i.lastUsed,
  change: i.change,
  reviewer: i.reviewer,
  decision: i.decision,
  decidedBy: i.decidedBy,
  decidedAt: i.decidedAt,
  justification: i.justification,
  followUpTicket: i.followUpTicket,
  verification: i.verification,
});
