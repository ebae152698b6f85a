import type { Severity } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";

// Storage record types, derived from the repository so services need no storage re-exports.
type ExceptionsRepo = Repos["vulnExceptions"];
export type ExceptionRecord = NonNullable<Awaited<ReturnType<ExceptionsRepo["findById"]>>>;
export type ExceptionCandidate = Awaited<ReturnType<ExceptionsRepo["candidates"]>>[number];
export type ExceptionCoverRow = Awaited<ReturnType<ExceptionsRepo["covered"]>>[number];
export type ExceptionFilter = Parameters<ExceptionsRepo["list"]>[0];

export const EXCEPTION_KINDS = ["risk_acceptance", "deviation"] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const EXCEPTION_STATUSES = [
  "requested",
  "approved",
  "rejected",
  "revoked",
  "expired",
] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

/** An approved exception ending within this many days counts as expiring (one notice). */
export const EXPIRING_DAYS = 7;
/** Most findings one exception may cover; a wider scope is refused with a clear message. */
export const MAX_COVERED_FINDINGS = 10_000;
/** Approved exceptions an import checks new findings against (more are checked next import). */
export const MAX_ACTIVE_FOR_IMPORT = 5_000;
/** Exceptions one expiry round handles; the rest wait for the next round. */
export const EXPIRY_BATCH = 200;

/** The dismissal reason an approved exception of the kind gives its findings. */
export function dismissalReasonFor(kind: string): "risk_accepted" | "mitigating_control" {
  return kind === "deviation" ? "mitigating_control" : "risk_accepted";
}

export interface ExceptionRequestInput {
  kind?: ExceptionKind;
  scope: {
    findingIds?: string[];
    /** Asset keys or ids. */
    assets?: string[];
    vulnId?: string;
    package?: string;
  };
  days?: number;
  expiresAt?: string;
  justification: string;
  compensatingControls?: string;
  severity?: Severity;
  /** Work item id or number (`#12` / `12`) of a decision-log entry. */
  decisionItem?: string;
}

export interface ExceptionListInput {
  status?: ExceptionStatus;
  kind?: ExceptionKind;
  asset?: string;
  vulnId?: string;
  finding?: string;
  expiringWithinDays?: number;
  limit: number;
  offset: number;
}
