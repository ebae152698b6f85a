import type { Environment, Exposure } from "@infrasec/core";
import type { FindingEvent, FindingListRecord, ImportJobRecord } from "./vulns-types";
import { OPEN_STATUSES } from "./reconcile-fns";
import { priorityOf } from "./finding-priority";

const DAY = 86_400_000;

/** Where a finding's SLA stands at `now`; only open findings with a due date have one. */
export function slaState(
  f: { status: string; slaDueAt: string | null },
  nowMs: number,
  dueSoonDays: number,
): "breached" | "due_soon" | "on_track" | "none" {
  if (!f.slaDueAt || !(OPEN_STATUSES as readonly string[]).includes(f.status)) return "none";
  const due = Date.parse(f.slaDueAt);
  if (due < nowMs) return "breached";
  return due < nowMs + dueSoonDays * DAY ? "due_soon" : "on_track";
}

/** The API shape of a finding (storage internals such as hashes and search text left out). */
export function findingView(f: FindingListRecord, nowMs: number, dueSoonDays: number) {
  return {
    id: f.id,
    assetId: f.assetId,
    assetKey: f.assetKey,
    kind: f.kind,
    vulnId: f.vulnId,
    aliases: f.aliases,
    title: f.title,
    package: f.package,
    purl: f.purl,
    version: f.version,
    fixedVersion: f.fixedVersion,
    fixState: f.fixState,
    severity: f.severity as "critical" | "high" | "medium" | "low" | "info",
    severitySource: f.severitySource,
    scannerSeverity: f.scannerSeverity,
    cvssScore: f.cvssScore,
    cvssVector: f.cvssVector,
    cwes: f.cwes,
    status: f.status as "detected" | "confirmed" | "in_progress" | "resolved" | "dismissed",
    dismissalReason: f.dismissalReason as
      | "risk_accepted"
      | "false_positive"
      | "not_affected"
      | "mitigating_control"
      | "out_of_scope"
      | null,
    resolution: f.resolution,
    resolvedAt: f.resolvedAt,
    scanner: f.scanner,
    scope: f.scope,
    scanners: f.scanners,
    firstSeenAt: f.firstSeenAt,
    lastSeenAt: f.lastSeenAt,
    slaPolicy: f.slaPolicy,
    slaDueAt: f.slaDueAt,
    slaState: slaState(f, nowMs, dueSoonDays),
    occurrenceCount: f.occurrenceCount,
    editedFields: f.editedFields,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    priority:
      f.priorityScore !== null && f.priorityBand !== null
        ? { score: f.priorityScore, band: f.priorityBand as "P1" | "P2" | "P3" | "P4" }
        : null,
    kev: f.kev,
    epss: f.epssScore !== null ? { score: f.epssScore, percentile: f.epssPercentile } : null,
  };
}
export type VulnFindingView = ReturnType<typeof findingView>;

/** A finding with occurrences, identity explanation and history (first detection first). */
export function findingDetailView(
  f: FindingListRecord,
  occurrences: Record<string, unknown>[],
  events: FindingEvent[],
  nowMs: number,
  dueSoonDays: number,
  /** The KEV entry behind `kev: true` (looked up by the caller; null when not listed). */
  kevEntry: {
    cve: string;
    dateAdded: string;
    dueDate: string | null;
    ransomware: boolean;
  } | null = null,
) {
  // Recomputed from the stored inputs so the factors always add up to what is shown.
  const priority = priorityOf({
    severity: f.severity,
    cvssScore: f.cvssScore,
    kev: f.kev,
    epssScore: f.epssScore,
    epssPercentile: f.epssPercentile,
    criticality: f.assetCriticality,
    exposure: f.assetExposure,
  });
  const detected = {
    id: `${f.id}:detected`,
    at: f.firstSeenAt,
    kind: "detected",
    fromStatus: null,
    toStatus: "detected",
    reason: null,
    note: `first seen by ${f.scanners[0] ?? f.scanner}`,
    changes: null,
    actorName: "import",
    jobId: f.firstJobId,
  };
  return {
    ...findingView(f, nowMs, dueSoonDays),
    occurrences,
    identity: {
      version: f.identityVersion,
      fn: f.identityFn,
      tuple: f.identityTuple,
      hash: f.identityHash,
      basis: f.identityBasis,
    },
    coverageTarget: f.coverageTarget,
    history: [
      detected,
      ...events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        reason: e.reason,
        note: e.note,
        changes: e.changes,
        actorName: e.actorName,
        jobId: e.jobId,
      })),
    ],
    priority: {
      score: priority.score,
      band: priority.band,
      model: priority.model,
      factors: priority.factors,
      explanation: priority.explanation,
    },
    kevEntry,
    cvss: { version: f.cvssVersion, score: f.cvssScore, vector: f.cvssVector },
  };
}
export type VulnFindingDetailView = ReturnType<typeof findingDetailView>;

/** The API shape of an import job; a running job's progress comes from memory. */
export function jobView(j: ImportJobRecord, liveProgress?: number) {
  return {
    id: j.id,
    status: j.status as "queued" | "running" | "waiting_confirmation" | "done" | "failed",
    assetId: j.assetId,
    assetKey: j.assetKey,
    scanner: j.scanner,
    scope: j.scope,
    format: j.format,
    fileName: j.fileName,
    progress: liveProgress ?? j.progress,
    counts: j.counts,
    openInScope: j.openInScope,
    toClose: j.toClose,
    error: j.error,
    errorDetails: j.errorDetails,
    confirmed: j.confirmed,
    createdBy: j.createdBy,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}
export type VulnImportJobView = ReturnType<typeof jobView>;

/** Asset facts from an asset record (enumerations typed). */
export function assetFacts(a: {
  id: string;
  key: string;
  criticality: number;
  environment: string;
  exposure: string;
}) {
  return {
    id: a.id,
    key: a.key,
    criticality: a.criticality,
    environment: a.environment as Environment,
    exposure: a.exposure as Exposure,
  };
}
