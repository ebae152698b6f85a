import { AppError, ID_PATTERN, isAppError, newId, notFound } from "@infrasec/core";
import { parseReport } from "@infrasec/engines/vulns";
import type { SlaPolicy, VulnReportFormat } from "@infrasec/engines/vulns";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { correlationCandidates } from "../assets/correlate-fns";
import { incomingFindings } from "./reconcile-fns";
import { reconcile } from "./vulns-reconcile";
import type { AssetFacts, ImportJobRecord } from "./vulns-types";
import { assetFacts, jobView, type VulnImportJobView } from "./vulns-views";

/** Options of the vulnerability services. */
export interface VulnsOptions {
  /** Share of the open in-scope findings an import may close without confirmation (0.2). */
  massCloseRatio?: number;
  /** SLA policy for due dates at creation (GitLab handbook by default). */
  policy?: SlaPolicy;
  /** A job whose runner has not written a heartbeat for this long is considered dead. */
  staleJobMs?: number;
}

export interface ImportInput {
  content: string | Uint8Array;
  format?: VulnReportFormat;
  /** Asset key, id or identifier. */
  asset: string;
  scanner?: string;
  scope?: string;
  fileName?: string;
}

const EMPTY_COUNTS = {
  created: 0,
  updated: 0,
  unchanged: 0,
  closed: 0,
  reactivated: 0,
  unknown: 0,
};
const HEARTBEAT_MS = 30_000;

/**
 * Import jobs: the HTTP request stores a queued job and returns; the job runs in this process
 * (one at a time, so imports of one scope never race), reconciling in one transaction. The row
 * outlives the process: a job whose runner died is marked failed by the next runner that looks.
 */
export function createVulnImportJobs({ store, clock }: ServiceDeps, opts: VulnsOptions = {}) {
  const runnerId = newId();
  const ratio = opts.massCloseRatio ?? 0.2;
  const staleMs = opts.staleJobMs ?? 120_000;
  const live = new Map<string, number>();
  let queue: Promise<void> = Promise.resolve();
  let lastRecovery = -Infinity;
  const nowIso = () => clock.now().toISOString();

  async function resolveAsset(ref: string): Promise<AssetFacts> {
    const v = ref.trim();
    if (ID_PATTERN.test(v)) {
      const a = await store.assets.findById(v);
      if (a) return assetFacts(a);
    }
    const byKey = await store.assets.findByKeys([v]);
    if (byKey[0]) return assetFacts(byKey[0]);
    for (const c of correlationCandidates(v)) {
      const hits = await store.assets.findByIdentifier(c.value, c.type);
      if (hits[0]) return assetFacts(hits[0].asset);
    }
    throw new AppError("not_found", `asset ${v} not found: register it in the inventory first`, [
      { path: "asset", message: "no asset with this key, id or identifier" },
    ]);
  }

  async function recover(force = false): Promise<string[]> {
    const now = clock.now().getTime();
    if (!force && Date.now() - lastRecovery < HEARTBEAT_MS) return [];
    lastRecovery = Date.now();
    return store.vulns.jobs.failAbandoned(
      runnerId,
      new Date(now - staleMs).toISOString(),
      new Date(now).toISOString(),
      "interrupted: the process running this import stopped before it finished; import the report again",
    );
  }

  function enqueue(jobId: string, ctx: Ctx, input: ImportInput, confirmed: boolean): Promise<void> {
    // setImmediate: parsing is synchronous, so let the HTTP answer leave before it starts.
    const run = queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => runJob(jobId, ctx, input, confirmed));
    queue = run.catch(() => undefined);
    return run;
  }

  async function runJob(
    jobId: string,
    ctx: Ctx,
    input: ImportInput,
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
    if (!ok) return;
    live.set(jobId, 0.01);
    const beat = setInterval(() => {
      void store.vulns.jobs.update(jobId, { heartbeatAt: nowIso() }).catch(() => undefined);
    }, HEARTBEAT_MS);
    beat.unref();
    try {
      const job = await store.vulns.jobs.findById(jobId);
      if (!job) return;
      const asset = await resolveAsset(job.assetId);
      // Keep only the merged findings: the parsed records (as many objects again) become
      // garbage before reconciliation starts instead of living through the transaction.
      const parsed = ((p) => ({
        format: p.format,
        coverage: p.coverage,
        incoming: incomingFindings(p.records, p.coverage),
      }))(parseReport(input.content, { format: input.format, asset: asset.key }));
      live.set(jobId, 0.3);
      const incoming = parsed.incoming;
      const scanner = input.scanner ?? parsed.coverage.scanner.name;
      const result = await store.transaction(async (tx) => {
        const r = await reconcile(tx, ctx, clock, {
          jobId,
          asset,
          scanner,
          scope: job.scope,
          format: parsed.format,
          incoming,
          coverage: parsed.coverage,
          confirmed,
          massCloseRatio: ratio,
          policy: opts.policy,
          onProgress: (done, total) => live.set(jobId, 0.3 + 0.65 * (done / Math.max(1, total))),
        });
        if (r.outcome === "done") {
          // In the same transaction: a crash cannot leave applied findings under a running job.
          const at = nowIso();
          await tx.vulns.jobs.update(jobId, {
            status: "done",
            progress: 1,
            scanner,
            format: parsed.format,
            counts: r.counts,
            openInScope: r.openInScope,
            toClose: r.toClose,
            finishedAt: at,
            updatedAt: at,
            content: null,
          });
        }
        return r;
      });
      if (result.outcome === "waiting") {
        const at = nowIso();
        await store.vulns.jobs.update(jobId, {
          status: "waiting_confirmation",
          progress: 0,
          scanner,
          format: parsed.format,
          counts: result.counts,
          openInScope: result.openInScope,
          toClose: result.toClose,
          updatedAt: at,
          content:
            typeof input.content === "string"
              ? input.content
              : new TextDecoder().decode(input.content),
        });
      }
    } catch (e) {
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
  }

  async function mustGet(id: string): Promise<ImportJobRecord> {
    const j = await store.vulns.jobs.findById(id);
    if (!j) throw notFound("import job");
    return j;
  }

  async function queueJob(
    ctx: Ctx,
    input: ImportInput,
  ): Promise<{ job: ImportJobRecord; done: Promise<void> }> {
    requirePermission(ctx, "vulns:write");
    if (input.content.length === 0) {
      throw new AppError("validation_failed", "the report is empty", [
        { path: "content", message: "empty" },
      ]);
    }
    await recover();
    const asset = await resolveAsset(input.asset);
    const now = nowIso();
    const job: ImportJobRecord = {
      id: newId(clock.now().getTime()),
      status: "queued",
      assetId: asset.id,
      assetKey: asset.key,
      scanner: input.scanner ?? null,
      scope: input.scope ?? "default",
      format: input.format ?? null,
      fileName: input.fileName ?? null,
      progress: 0,
      counts: { ...EMPTY_COUNTS },
      openInScope: 0,
      toClose: 0,
      error: null,
      errorDetails: [],
      confirmed: false,
      createdBy: ctx.actor.username,
      runnerId,
      heartbeatAt: now,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      updatedAt: now,
    };
    await store.transaction(async (tx) => {
      await tx.vulns.jobs.insert(job);
      await audit(tx, ctx, clock, {
        action: "vulns.import.queue",
        targetType: "vuln_import",
        targetId: job.id,
        summary: `queued ${input.format ?? "auto-detected"} report${input.fileName ? ` ${input.fileName}` : ""} for ${asset.key}`,
      });
    });
    const done = enqueue(job.id, ctx, input, false);
    return { job, done };
  }

  const view = (j: ImportJobRecord): VulnImportJobView => jobView(j, live.get(j.id));

  return {
    resolveAsset,

    /** Stores a queued job and starts it after the caller returns; the job's view comes back. */
    start: async (ctx: Ctx, input: ImportInput): Promise<VulnImportJobView> => {
      const { job } = await queueJob(ctx, input);
      return view(job);
    },

    /** Runs an import to its end (CLI local mode, benchmarks) and returns the final job. */
    run: async (ctx: Ctx, input: ImportInput): Promise<VulnImportJobView> => {
      const { job, done } = await queueJob(ctx, input);
      await done;
      return view(await mustGet(job.id));
    },

    /** Applies a job that waits for confirmation (mass close); answers the queued job. */
    confirm: async (ctx: Ctx, id: string): Promise<VulnImportJobView> => {
      requirePermission(ctx, "vulns:write");
      const job = await mustGet(id);
      if (job.status !== "waiting_confirmation") {
        throw new AppError(
          "conflict",
          `import job is ${job.status}, not waiting for confirmation`,
          [{ path: "status", message: job.status }],
        );
      }
      const content = await store.vulns.jobs.content(id);
      const now = nowIso();
      const moved = await store.transaction(async (tx) => {
        const ok = await tx.vulns.jobs.transition(id, "waiting_confirmation", {
          status: "queued",
          confirmed: true,
          runnerId,
          heartbeatAt: now,
          updatedAt: now,
        });
        if (ok) {
          await audit(tx, ctx, clock, {
            action: "vulns.import.confirm",
            targetType: "vuln_import",
            targetId: id,
            summary: `confirmed import for ${job.assetKey} closing ${job.toClose} of ${job.openInScope} open findings`,
          });
        }
        return ok;
      });
      if (!moved || content === null) {
        throw new AppError("conflict", "import job was confirmed or changed concurrently");
      }
      void enqueue(
        id,
        ctx,
        {
          content,
          format: (job.format ?? undefined) as VulnReportFormat | undefined,
          asset: job.assetId,
          scanner: job.scanner ?? undefined,
          scope: job.scope,
        },
        true,
      );
      return view(await mustGet(id));
    },

    get: async (ctx: Ctx, id: string): Promise<VulnImportJobView> => {
      requirePermission(ctx, "vulns:read");
      await recover();
      return view(await mustGet(id));
    },

    list: async (
      ctx: Ctx,
      asset: string | undefined,
      limit: number,
    ): Promise<VulnImportJobView[]> => {
      requirePermission(ctx, "vulns:read");
      await recover();
      const assetId = asset ? (await resolveAsset(asset)).id : undefined;
      return (await store.vulns.jobs.list(assetId, limit)).map(view);
    },

    /** Marks jobs of dead runners failed now (server start); returns their ids. */
    recoverInterruptedJobs: () => recover(true),

    /** Resolves when every queued job of this process has finished (tests, shutdown). */
    idle: async (): Promise<void> => {
      let seen: Promise<void> | undefined;
      while (seen !== queue) {
        seen = queue;
        await queue;
      }
    },
  };
}
export type VulnImportJobs = ReturnType<typeof createVulnImportJobs>;
