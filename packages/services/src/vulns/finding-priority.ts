import type { Exposure, Severity } from "@infrasec/core";
import { newId } from "@infrasec/core";
import {
  DEFAULT_PRIORITY_MODEL,
  computePriority,
  cvssVersionOf,
  kevCapReason,
  kevDeadline,
  tryScoreCvss,
} from "@infrasec/engines/vulns";
import type { Priority, SlaPolicy } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import type { IncomingFinding } from "./reconcile-fns";
import type { FindingEvent } from "./vulns-types";

/**
 * Priority and exploitation enrichment of findings, shared by imports (new and rewritten
 * findings) and by EPSS/KEV imports (every finding). One feed lookup and one update per batch.
 */

type EnrichmentRepo = Repos["vulns"]["enrichment"];
export type EnrichmentLookup = Awaited<ReturnType<EnrichmentRepo["lookup"]>>;
export type EnrichmentUpdate = Parameters<EnrichmentRepo["updateEnrichment"]>[0][number];

/** What enrichment reads of a finding. */
export interface EnrichableFinding {
  id: string;
  vulnId: string;
  aliases: readonly string[];
  severity: string;
  status: string;
  cvssScore: number | null;
  cvssVector: string | null;
  slaDueAt: string | null;
  /** First detection: a KEV window runs from here for findings detected after the listing. */
  firstSeenAt?: string | null;
}

const OPEN = new Set(["detected", "confirmed", "in_progress"]);

/** The ids a finding is enriched through: its id and every alias (GHSA-only findings too). */
export function enrichmentIds(f: Pick<EnrichableFinding, "vulnId" | "aliases">): string[] {
  return [f.vulnId, ...f.aliases].map((id) => id.toUpperCase());
}

/** A finding's enrichment: max EPSS with its own percentile, KEV over the alias group. */
export function enrichmentOf(
  f: Pick<EnrichableFinding, "vulnId" | "aliases">,
  l: EnrichmentLookup,
) {
  let epss: { score: number; percentile: number } | null = null;
  let kevEntry: {
    cve: string;
    dateAdded: string;
    dueDate: string | null;
    ransomware: boolean;
  } | null = null;
  let kevDue: { dueDate: string; dateAdded: string } | null = null;
  for (const id of enrichmentIds(f)) {
    const e = l.epss.get(id);
    if (e && (!epss || e.score > epss.score)) epss = e;
    const k = l.kev.get(id);
    if (k) {
      if (!kevEntry || k.dateAdded < kevEntry.dateAdded) kevEntry = { cve: id, ...k };
      if (k.dueDate && (!kevDue || k.dueDate < kevDue.dueDate))
        kevDue = { dueDate: k.dueDate, dateAdded: k.dateAdded };
    }
  }
  // "Not enriched yet" is not "checked, not in KEV": false only once a catalog was imported.
  const kev = kevEntry ? true : l.kevLoaded ? false : null;
  return { epss, kev, kevEntry, kevDue };
}

/** Priority from stored inputs (also what the finding detail shows, recomputed on read). */
export function priorityOf(input: {
  severity: string;
  cvssScore: number | null;
  kev: boolean | null;
  epssScore: number | null;
  epssPercentile: number | null;
  criticality: number;
  exposure: string;
}): Priority {
  return computePriority(
    {
      severity: input.severity as Severity,
      cvssScore: input.cvssScore,
      kev: input.kev,
      epss:
        input.epssScore === null
          ? null
          : { score: input.epssScore, percentile: input.epssPercentile },
      exposure: input.exposure as Exposure,
      criticality: input.criticality,
    },
    DEFAULT_PRIORITY_MODEL,
  );
}

/**
 * The deadline a KEV entry caps, with the reason sla-clock.ts writes into a clock's explanation.
 * The KEV window (due date − date added) runs from the finding's first detection when it was
 * found after the listing (kevDeadline). Only open findings with a running clock are capped (a
 * clock that has not started has no deadline to cap), and only under a kevCap policy.
 */
export function kevCap(
  f: Pick<EnrichableFinding, "status" | "slaDueAt" | "firstSeenAt">,
  kevDue: { dueDate: string; dateAdded: string } | null,
  policy: SlaPolicy,
): { dueAt: string; reason: string } | null {
  if (!policy.kevCap || !kevDue || !f.slaDueAt || !OPEN.has(f.status)) return null;
  if (Number.isNaN(Date.parse(kevDue.dueDate))) return null;
  const start = f.firstSeenAt ? Date.parse(f.firstSeenAt) : 0;
  const cap = kevDeadline(kevDue, Number.isNaN(start) ? 0 : start);
  if (cap >= Date.parse(f.slaDueAt)) return null;
  return { dueAt: new Date(cap).toISOString(), reason: kevCapReason(kevDue, cap) };
}

/** Scores findings that carry a CVSS vector but no score (scanners that only give vectors). */
export function scoreMissingCvss(incoming: Iterable<IncomingFinding>): void {
  for (const f of incoming) {
    if (f.cvssScore === null && f.cvssVector)
      f.cvssScore = tryScoreCvss(f.cvssVector)?.score ?? null;
  }
}

export interface EnrichBatchOptions {
  policy: SlaPolicy;
  now: string;
  nowMs: number;
  actorName: string;
  jobId: string | null;
  /** Write only findings whose stored values differ (EPSS/KEV recompute), or all given. */
  onlyChanged: boolean;
}

/** A finding with what its priority also depends on (asset) and its stored enrichment, if read. */
export interface EnrichBatchFinding extends EnrichableFinding {
  criticality: number;
  exposure: string;
  stored?: {
    priorityScore: number | null;
    priorityBand: string | null;
    kev: boolean | null;
    epssScore: number | null;
    epssPercentile: number | null;
    cvssVersion: string | null;
  };
}

/** What a finding's enrichment write stores, and the KEV-cap event when a KEV date caps it. */
export interface FindingEnrichment {
  values: Omit<EnrichmentUpdate, "id" | "slaDueAt">;
  /** The capped deadline and its event (reason "kev_cap"), or null. */
  cap: { dueAt: string; event: FindingEvent } | null;
}

/**
 * Priority, EPSS, KEV and CVSS version of one finding from a feed lookup, and the KEV cap of its
 * deadline. Both writers use it: imports store it with the finding (import-enrichment.ts), feed
 * refreshes and edits update it afterwards (enrichBatch).
 */
export function enrichFinding(
  f: EnrichableFinding,
  asset: { criticality: number; exposure: string },
  lookup: EnrichmentLookup,
  o: Pick<EnrichBatchOptions, "policy" | "now" | "nowMs" | "actorName" | "jobId">,
): FindingEnrichment {
  const e = enrichmentOf(f, lookup);
  const epssScore = e.epss?.score ?? null;
  const epssPercentile = e.epss?.percentile ?? null;
  const p = priorityOf({
    severity: f.severity,
    cvssScore: f.cvssScore,
    kev: e.kev,
    epssScore,
    epssPercentile,
    criticality: asset.criticality,
    exposure: asset.exposure,
  });
  const values = {
    priorityScore: p.score,
    priorityBand: p.band,
    kev: e.kev,
    epssScore,
    epssPercentile,
    cvssVersion: f.cvssVector ? cvssVersionOf(f.cvssVector) : null,
  };
  const cap = kevCap(f, e.kevDue, o.policy);
  if (!cap) return { values, cap: null };
  const event: FindingEvent = {
    id: newId(o.nowMs),
    findingId: f.id,
    at: o.now,
    kind: "updated",
    fromStatus: null,
    toStatus: null,
    reason: "kev_cap",
    note: cap.reason,
    changes: { slaDueAt: [f.slaDueAt, cap.dueAt] },
    actorName: o.actorName,
    jobId: o.jobId,
  };
  return { values, cap: { dueAt: cap.dueAt, event } };
}

/**
 * Enriches one batch: one feed lookup, one UPDATE, and one event insert when KEV due dates cap
 * deadlines. Returns how many findings were written and how many deadlines capped.
 */
export async function enrichBatch(
  tx: Repos,
  batch: readonly EnrichBatchFinding[],
  o: EnrichBatchOptions,
): Promise<{ updated: number; capped: number }> {
  if (batch.length === 0) return { updated: 0, capped: 0 };
  const lookup = await tx.vulns.enrichment.lookup(batch.flatMap(enrichmentIds));
  const updates: EnrichmentUpdate[] = [];
  const events: FindingEvent[] = [];
  for (const f of batch) {
    const { values, cap } = enrichFinding(f, f, lookup, o);
    const u: EnrichmentUpdate = { id: f.id, ...values };
    if (cap) {
      u.slaDueAt = cap.dueAt;
      events.push(cap.event);
    }
    if (o.onlyChanged && !cap && f.stored && sameEnrichment(f.stored, u)) continue;
    updates.push(u);
  }
  await tx.vulns.enrichment.updateEnrichment(updates);
  if (events.length > 0) await tx.vulns.insertEvents(events);
  return { updated: updates.length, capped: events.length };
}

function sameEnrichment(
  s: NonNullable<EnrichBatchFinding["stored"]>,
  u: EnrichmentUpdate,
): boolean {
  return (
    s.priorityScore === u.priorityScore &&
    s.priorityBand === u.priorityBand &&
    s.kev === u.kev &&
    s.epssScore === u.epssScore &&
    s.epssPercentile === u.epssPercentile &&
    s.cvssVersion === u.cvssVersion
  );
}
