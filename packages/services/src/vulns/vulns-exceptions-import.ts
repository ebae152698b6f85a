import type { Clock, Severity } from "@infrasec/core";
import { severityRank } from "@infrasec/core";
import { scopeCovers } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import { OPEN_STATUSES } from "./reconcile-fns";
import { coverFindings } from "./vulns-exceptions-cover";
import type { ExceptionRecord } from "./vulns-exceptions-types";
import { MAX_ACTIVE_FOR_IMPORT } from "./vulns-exceptions-types";

/** The fields of a new or reactivated finding the import hands over. */
export interface ArrivingFinding {
  id: string;
  assetId: string;
  vulnId: string;
  aliases: readonly string[];
  package: string | null;
  purl: string | null;
  severity: string;
  status: string;
}

/**
 * Covers findings an import creates or reactivates with the approved, running exceptions whose
 * scope matches them, inside the import's transaction. The exceptions are read once per import,
 * on the first call (one query; none when there are no exceptions). A finding worse than the
 * exception's severity is left open: its duration was judged for a milder severity.
 */
export function exceptionCoverForImport(
  tx: Repos,
  clock: Clock,
  who: { actorName: string; jobId: string },
) {
  let active: ExceptionRecord[] | null = null;
  /** `created`: new findings as inserted; `reactivatedIds`: findings seen again (read here). */
  return async function cover(
    created: readonly ArrivingFinding[],
    reactivatedIds: readonly string[] = [],
  ): Promise<number> {
    if (created.length === 0 && reactivatedIds.length === 0) return 0;
    active ??= await tx.vulnExceptions.approvedActive(
      clock.now().toISOString(),
      MAX_ACTIVE_FOR_IMPORT,
    );
    if (active.length === 0) return 0;
    const arriving = [
      ...created,
      ...(reactivatedIds.length ? await tx.vulns.findByIds(reactivatedIds) : []),
    ];
    const byException = new Map<ExceptionRecord, string[]>();
    for (const f of arriving) {
      if (!(OPEN_STATUSES as readonly string[]).includes(f.status)) continue;
      const e = active.find(
        (x) =>
          severityRank(f.severity as Severity) <= severityRank(x.severity as Severity) &&
          scopeCovers(
            {
              findingIds: x.scope.findingIds,
              assetIds: x.scope.assetIds,
              vulnId: x.scope.vulnId,
              package: x.scope.package,
            },
            f,
          ),
      );
      if (!e) continue;
      byException.set(e, [...(byException.get(e) ?? []), f.id]);
    }
    let covered = 0;
    for (const [e, ids] of byException) {
      covered += (await coverFindings(tx, clock, e, ids, who)).length;
    }
    return covered;
  };
}
