import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import { enrichFinding, enrichmentIds } from "./finding-priority";
import type { FindingEvent, FindingRecord } from "./vulns-types";

/**
 * Priority, EPSS and KEV of the findings an import writes, computed before the write so that
 * they go into the same INSERT or upsert as the finding (vuln_findings.priority_score & co.).
 * A separate UPDATE after the insert rewrote every new row a second time: on PostgreSQL a
 * second row version with new entries in every index (priority_score is indexed, so the update
 * is never HOT), which also left the table twice its size for the re-import to read.
 * The values are enrichFinding's, as for feed refreshes and edits (enrichBatch).
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
    const { values, cap } = enrichFinding(f, o.asset, lookup, o);
    f.enrichment = values;
    if (!cap) continue;
    // A KEV due date earlier than the SLA deadline caps it (kevCap), recorded as an event.
    events.push(cap.event);
    f.slaDueAt = cap.dueAt;
  }
  return events;
}
