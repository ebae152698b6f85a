import { newId } from "@infrasec/core";
import { cvssVersionOf } from "@infrasec/engines/vulns";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import { enrichmentIds, enrichmentOf, kevCap, priorityOf } from "./finding-priority";
import type { FindingEvent, FindingRecord } from "./vulns-types";

/**
 * Priority, EPSS and KEV of the findings an import writes, computed before the write so that
 * they go into the same INSERT or upsert as the finding (vuln_findings.priority_score & co.).
 * A separate UPDATE after the insert rewrote every new row a second time: on PostgreSQL a
 * second row version with new entries in every index (priority_score is indexed, so the update
 * is never HOT), which also left the table twice its size for the re-import to read.
 * Same values as finding-priority.ts's enrichBatch, which EPSS/KEV imports still use.
 */
export async function enrichForWrite(
  tx: Repos,
  findings: readonly FindingRecord[],
  o: {
    asset: { criticality: number; exposure: string };
    policy: SlaPolicy;
    now: string;
    nowMs: number;
    actorName: string;
    jobId: string;
  },
): Promise<FindingEvent[]> {
  if (findings.length === 0) return [];
  const lookup = await tx.vulns.enrichment.lookup(findings.flatMap(enrichmentIds));
  const events: FindingEvent[] = [];
  for (const f of findings) {
    const e = enrichmentOf(f, lookup);
    const epssScore = e.epss?.score ?? null;
    const epssPercentile = e.epss?.percentile ?? null;
    const p = priorityOf({
      severity: f.severity,
      cvssScore: f.cvssScore,
      kev: e.kev,
      epssScore,
      epssPercentile,
      criticality: o.asset.criticality,
      exposure: o.asset.exposure,
    });
    f.enrichment = {
      priorityScore: p.score,
      priorityBand: p.band,
      kev: e.kev,
      epssScore,
      epssPercentile,
      cvssVersion: f.cvssVector ? cvssVersionOf(f.cvssVector) : null,
    };
    // A KEV due date earlier than the SLA deadline caps it (kevCap), recorded as an event.
    const cap = kevCap(f, e.kevDue, o.policy);
    if (!cap) continue;
    events.push({
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
    });
    f.slaDueAt = cap.dueAt;
  }
  return events;
}
