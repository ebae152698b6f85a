import type { Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import type { ReportGroup } from "./archive-reports";
import { reconcile } from "./vulns-reconcile";
import type { ReconcileInput, ReconcileResult } from "./vulns-reconcile";

/** What an import reconciles besides the reports (ReconcileInput without the report). */
export type ReconcileBase = Omit<
  ReconcileInput,
  "scanner" | "format" | "incoming" | "coverage" | "onProgress"
> & { onProgress?: (fraction: number) => void };

export interface ReportsResult extends ReconcileResult {
  /** The groups' scanners and formats, joined by ", " (the job's scanner and format). */
  scanner: string;
  format: string;
}

/** Rolls the transaction back when one group of several needs confirmation. */
class WaitingForConfirmation extends Error {
  constructor(readonly result: ReportsResult) {
    super("waiting for confirmation");
  }
}

const joined = (values: string[]) => [...new Set(values)].join(", ");

/**
 * Reconciles each group of reports in turn inside one transaction, then runs `onDone` in it
 * (the job's `done` update): an archive's reports are applied together or not at all. When any
 * group would close too much without confirmation, nothing is written (the groups already
 * applied are rolled back) and the outcome is "waiting", with the counts of the groups
 * reconciled so far; confirming re-runs the whole import.
 */
export async function reconcileReports(
  { store, clock }: ServiceDeps,
  ctx: Ctx,
  groups: ReportGroup[],
  base: ReconcileBase,
  onDone: (tx: Repos, result: ReportsResult) => Promise<void>,
): Promise<ReportsResult> {
  const scanner = joined(groups.map((g) => g.scanner));
  const format = joined(groups.map((g) => g.format));
  const total = Math.max(
    1,
    groups.reduce((n, g) => n + g.incoming.size, 0),
  );
  try {
    return await store.transaction(async (tx) => {
      const sum: ReportsResult = {
        outcome: "done",
        counts: { created: 0, updated: 0, unchanged: 0, closed: 0, reactivated: 0, unknown: 0 },
        openInScope: 0,
        toClose: 0,
        scanner,
        format,
      };
      let before = 0;
      for (const g of groups) {
        const r = await reconcile(tx, ctx, clock, {
          ...base,
          scanner: g.scanner,
          format: g.format,
          incoming: g.incoming,
          coverage: g.coverage,
          onProgress: (done) => base.onProgress?.((before + done) / total),
        });
        before += g.incoming.size;
        for (const k of Object.keys(sum.counts) as (keyof typeof sum.counts)[]) {
          sum.counts[k] += r.counts[k];
        }
        sum.openInScope += r.openInScope;
        sum.toClose += r.toClose;
        if (r.outcome === "waiting") {
          sum.outcome = "waiting";
          // One group: reconcile wrote nothing. Several: undo the groups applied before it.
          if (groups.length > 1) throw new WaitingForConfirmation(sum);
          return sum;
        }
      }
      await onDone(tx, sum);
      return sum;
    });
  } catch (e) {
    if (e instanceof WaitingForConfirmation) return e.result;
    throw e;
  }
}
