import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError, ID_PATTERN, newId, notFound } from "@infrasec/core";
import type { SlaPolicy, VulnReportFormat } from "@infrasec/engines/vulns";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { correlationCandidates } from "../assets/correlate-fns";
import { DEFAULT_MAX_UPLOAD_BYTES, createImportSpool } from "./import-spool";
import { DEFAULT_EXPANSION_LIMITS } from "./report-source";
import type { ReportSource } from "./report-source";
import { createImportRunner } from "./import-runner";
import type { ImportMeta, JobSource } from "./import-runner";
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
  /**
   * Where uploaded reports wait for their job (the server uses `<data dir>/vuln-uploads`, so a
   * job waiting for confirmation keeps its report across restarts). Default: a directory of
   * this instance under the OS temp dir; only a configured directory is swept at start-up.
   */
  spoolDir?: string;
  /** Bytes an upload may have (default 2 GiB). */
  maxUploadBytes?: number;
  /** Bytes a gzip-compressed report may expand to (default 4 GiB). */
  maxExpandedBytes?: number;
  /** Expanded bytes per compressed byte (default 200). */
  maxExpansionRatio?: number;
}

export type { ImportMeta } from "./import-runner";

/** An import of a report given as text or bytes (JSON API), or as a file read in place. */
export interface ImportInput extends ImportMeta {
  content?: string | Uint8Array;
  /** A report file (plain or gzip) read in place and never changed or deleted (CLI local mode). */
  file?: string;
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
  const spool = createImportSpool(
    opts.spoolDir ?? join(tmpdir(), `infrasec-vuln-spool-${runnerId}`),
    { ephemeral: opts.spoolDir === undefined },
  );
  const limits = {
    maxExpandedBytes: opts.maxExpandedBytes ?? DEFAULT_EXPANSION_LIMITS.maxExpandedBytes,
    maxExpansionRatio: opts.maxExpansionRatio ?? DEFAULT_EXPANSION_LIMITS.maxExpansionRatio,
  };
  const maxUploadBytes = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  let queue: Promise<void> = Promise.resolve();
  let lastRecovery = -Infinity;
  const nowIso = () => clock.now().toISOString();
  const runJob = createImportRunner(
    { store, clock },
    { runnerId, spool, limits, massCloseRatio: ratio, policy: opts.policy, live, resolveAsset },
  );

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
    const dead = await store.vulns.jobs.failAbandoned(
      runnerId,
      new Date(now - staleMs).toISOString(),
      new Date(now).toISOString(),
      "interrupted: the process running this import stopped before it finished; import the report again",
    );
    for (const id of dead) await spool.discard(id);
    if (force && opts.spoolDir) {
      // Start-up: reports of jobs that ended (or never got a row) and stale partial uploads.
      await spool.sweep(async (id) => {
        const j = ID_PATTERN.test(id) ? await store.vulns.jobs.findById(id) : undefined;
        return j !== undefined && ["queued", "running", "waiting_confirmation"].includes(j.status);
      }, staleMs);
    }
    return dead;
  }

  function enqueue(jobId: string, ctx: Ctx, input: ImportMeta, src: JobSource, confirmed: boolean) {
    // setImmediate: parsing is synchronous, so let the HTTP answer leave before it starts.
    const run = queue
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => runJob(jobId, ctx, input, src, confirmed));
    queue = run.catch(() => undefined);
    return run;
  }

  async function mustGet(id: string): Promise<ImportJobRecord> {
    const j = await store.vulns.jobs.findById(id);
    if (!j) throw notFound("import job");
    return j;
  }

  /** The report of an import input, checked to exist and not be empty. */
  async function sourceOf(input: ImportInput): Promise<ReportSource> {
    if (input.file !== undefined) {
      const st = await stat(input.file).catch(() => null);
      if (!st?.isFile()) {
        throw new AppError("validation_failed", `cannot read ${input.file}`, [
          { file: input.file, message: "no such file or not a regular file" },
        ]);
      }
      if (st.size === 0) {
        throw new AppError("validation_failed", "the report is empty", [
          { file: input.file, message: "empty" },
        ]);
      }
      return { kind: "file", path: input.file };
    }
    if (!input.content?.length) {
      throw new AppError("validation_failed", "the report is empty", [
        { path: "content", message: "empty" },
      ]);
    }
    return { kind: "content", content: input.content };
  }

  /**
   * Stores a queued job for a report and starts it. `upload` is a received upload in the spool
   * (moved to the job's name, and deleted if the job cannot be stored).
   */
  async function queueJob(
    ctx: Ctx,
    input: ImportMeta,
    report: ReportSource | { upload: string },
  ): Promise<{ job: ImportJobRecord; done: Promise<void> }> {
    requirePermission(ctx, "vulns:write");
    const jobId = newId(clock.now().getTime());
    let src: JobSource;
    try {
      await recover();
      const asset = await resolveAsset(input.asset);
      src =
        "upload" in report
          ? {
              source: { kind: "file", path: await spool.adopt(report.upload, jobId) },
              spooled: true,
            }
          : { source: report, spooled: false };
      return await insertJob(ctx, input, asset, jobId, src);
    } catch (e) {
      if ("upload" in report) {
        await spool.discardTemp(report.upload);
        await spool.discard(jobId);
      }
      throw e;
    }
  }

  async function insertJob(
    ctx: Ctx,
    input: ImportMeta,
    asset: AssetFacts,
    jobId: string,
    src: JobSource,
  ): Promise<{ job: ImportJobRecord; done: Promise<void> }> {
    const now = nowIso();
    const job: ImportJobRecord = {
      id: jobId,
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
    const done = enqueue(job.id, ctx, input, src, false);
    return { job, done };
  }

  const view = (j: ImportJobRecord): VulnImportJobView => jobView(j, live.get(j.id));

  return {
    resolveAsset,

    /** Stores a queued job and starts it after the caller returns; the job's view comes back. */
    start: async (ctx: Ctx, input: ImportInput): Promise<VulnImportJobView> => {
      requirePermission(ctx, "vulns:write");
      const { job } = await queueJob(ctx, input, await sourceOf(input));
      return view(job);
    },

    /**
     * Streams an uploaded report (a request body) to the spool with the upload limit, then
     * queues its job. The asset is checked before a byte is read, so a wrong asset fails fast.
     */
    startUpload: async (
      ctx: Ctx,
      body: AsyncIterable<Uint8Array>,
      input: ImportMeta,
    ): Promise<VulnImportJobView> => {
      requirePermission(ctx, "vulns:write");
      await resolveAsset(input.asset);
      const upload = await spool.receive(body, maxUploadBytes);
      const { job } = await queueJob(ctx, input, { upload });
      return view(job);
    },

    /** Runs an import to its end (CLI local mode, benchmarks) and returns the final job. */
    run: async (ctx: Ctx, input: ImportInput): Promise<VulnImportJobView> => {
      requirePermission(ctx, "vulns:write");
      const { job, done } = await queueJob(ctx, input, await sourceOf(input));
      await done;
      return view(await mustGet(job.id));
    },

    /** The spool directory (tests, operations). */
    spoolDir: spool.dir,

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
      const src: JobSource | null =
        content !== null
          ? { source: { kind: "content", content }, spooled: false }
          : (await spool.exists(id))
            ? { source: { kind: "file", path: spool.pathOf(id) }, spooled: true }
            : null;
      if (src === null) {
        throw new AppError(
          "conflict",
          `the report of import job ${id} is no longer available on this server; import it again`,
          [{ path: "id", message: "report not found" }],
        );
      }
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
      if (!moved) {
        throw new AppError("conflict", "import job was confirmed or changed concurrently");
      }
      void enqueue(
        id,
        ctx,
        {
          format: (job.format ?? undefined) as VulnReportFormat | undefined,
          asset: job.assetId,
          scanner: job.scanner ?? undefined,
          scope: job.scope,
        },
        src,
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
