import { isAppError } from "@infrasec/core";
import type { SlaPolicy, VulnReportFormat } from "@infrasec/engines/vulns";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { reconcileReports } from "./archive-reconcile";
import { readReports } from "./archive-reports";
import type { ImportSpool } from "./import-spool";
import type { ExpansionLimits, ReportSource } from "./report-source";
import type { AssetFacts } from "./vulns-types";
import { currentSlaPolicy } from "./sla-recompute-runner";

/** What a job imports besides the report itself. */
export interface ImportMeta {
  format?: VulnReportFormat;
  /** Asset key, id or identifier. */
  asset: string;
  scanner?: string;
  scope?: string;
  fileName?: string;
}

/** The report a job reads; `spooled` when the file is the job's own copy in the spool. */
export interface JobSource {
  source: ReportSource;
  spooled: boolean;
}

export interface ImportRunnerOptions {
  runnerId: string;
  spool: ImportSpool;
  limits: ExpansionLimits;
  massCloseRatio: number;
  policy?: SlaPolicy;
  /** Progress of running jobs (0–1), shown instead of the row's while they run. */
  live: Map<string, number>;
  resolveAsset: (ref: string) => Promise<AssetFacts>;
}

const HEARTBEAT_MS = 30_000;

/**
 * Runs one queued job: reads the report as a stream into compact merged findings, then
 * reconciles in one transaction (batches of 1,000 inside it) with the job's `done` status. A
 * job that would close too much waits for confirmation with its report kept (text in the row,
 * a file in the spool); a failure rolls everything back and marks the job failed. The job's
 * spooled report is deleted when it is done or failed.
 */
export function createImportRunner({ store, clock }: ServiceDeps, o: ImportRunnerOptions) {
  const { runnerId, spool, limits, live, resolveAsset } = o;
  const nowIso = () => clock.now().toISOString();
  return async function runJob(
    jobId: string,
    ctx: Ctx,
    input: ImportMeta,
    src: JobSource,
    confirmed: boolean,
  ): Promise<void> {
    const started = nowIso();
    const ok = await store.vulns.jobs.transition(jobId, "queued", {
      status: "running",
      startedAt: started,
      runnerId,
      heartbeatAt: started,
      updatedAt: started,
      progress: 0,
    });
    if (!ok) {
      if (src.spooled) await spool.discard(jobId);
      return;
    }
    live.set(jobId, 0.01);
    const beat = setInterval(() => {
      void store.vulns.jobs.update(jobId, { heartbeatAt: nowIso() }).catch(() => undefined);
    }, HEARTBEAT_MS);
    beat.unref();
    try {
      const job = await store.vulns.jobs.findById(jobId);
      if (!job) return;
      const asset = await resolveAsset(job.assetId);
      // Streamed: memory holds compact merged findings, not the report nor its records. An
      // archive's reports are read in turn, grouped by scanner (archive-reports.ts).
      const groups = await readReports(
        src.source,
        { format: input.format, asset: asset.key, scanner: input.scanner },
        limits,
        (f) => live.set(jobId, 0.01 + 0.29 * f),
      );
      live.set(jobId, 0.3);
      const base = {
        jobId,
        asset,
        scope: job.scope,
        confirmed,
        massCloseRatio: o.massCloseRatio,
        // The edited policy when there is one (sla-recompute-runner.ts), else the configured.
        policy: await currentSlaPolicy(store, o.policy),
        onProgress: (f: number) => live.set(jobId, 0.3 + 0.65 * f),
      };
      const result = await reconcileReports({ store, clock }, ctx, groups, base, async (tx, r) => {
        // In the same transaction: a crash cannot leave applied findings under a running job.
        const at = nowIso();
        await tx.vulns.jobs.update(jobId, {
          status: "done",
          progress: 1,
          scanner: r.scanner,
          format: r.format,
          counts: r.counts,
          openInScope: r.openInScope,
          toClose: r.toClose,
          finishedAt: at,
          updatedAt: at,
          content: null,
        });
      });
      const { scanner, format } = result;
      if (result.outcome === "done" && src.spooled) await spool.discard(jobId);
      if (result.outcome === "waiting") {
        // The report waits for the confirmation: text in the row, a file in the spool.
        const source = src.source;
        if (source.kind === "file" && !src.spooled) await spool.keep(source.path, jobId);
        const at = nowIso();
        await store.vulns.jobs.update(jobId, {
          status: "waiting_confirmation",
          progress: 0,
          scanner,
          format,
          counts: result.counts,
          openInScope: result.openInScope,
          toClose: result.toClose,
          updatedAt: at,
          content:
            source.kind === "file"
              ? null
              : typeof source.content === "string"
                ? source.content
                : new TextDecoder().decode(source.content),
        });
      }
    } catch (e) {
      if (src.spooled) await spool.discard(jobId);
      const at = nowIso();
      await store.vulns.jobs.update(jobId, {
        status: "failed",
        error: e instanceof Error ? e.message : String(e),
        errorDetails: isAppError(e) ? e.details : [],
        finishedAt: at,
        updatedAt: at,
        content: null,
      });
    } finally {
      clearInterval(beat);
      live.delete(jobId);
    }
  };
}
