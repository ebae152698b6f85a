import type { Selectable } from "kysely";
import type { VulnImportJobsTable } from "../schema/vulns-tables";
import type { Executor } from "./executor";

/** Outcome counts of one import. */
export interface VulnImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  reactivated: number;
  unknown: number;
}

/** An import job row with its JSON columns decoded (the report content is never loaded here). */
export interface VulnImportJobRecord {
  id: string;
  status: string;
  assetId: string;
  assetKey: string;
  scanner: string | null;
  scope: string;
  format: string | null;
  fileName: string | null;
  progress: number;
  counts: VulnImportCounts;
  openInScope: number;
  toClose: number;
  error: string | null;
  errorDetails: { path?: string; file?: string; line?: number; message: string }[];
  confirmed: boolean;
  createdBy: string;
  runnerId: string | null;
  heartbeatAt: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

export type VulnImportJobPatch = Partial<
  Omit<VulnImportJobRecord, "id" | "assetId" | "assetKey" | "createdBy" | "createdAt">
> & { content?: string | null };

type Row = Omit<Selectable<VulnImportJobsTable>, "content">;

const COLUMNS = [
  "id",
  "status",
  "asset_id",
  "asset_key",
  "scanner",
  "scope",
  "format",
  "file_name",
  "progress",
  "counts",
  "open_in_scope",
  "to_close",
  "error",
  "error_details",
  "confirmed",
  "created_by",
  "runner_id",
  "heartbeat_at",
  "created_at",
  "started_at",
  "finished_at",
  "updated_at",
] as const;

function fromRow(r: Row): VulnImportJobRecord {
  return {
    id: r.id,
    status: r.status,
    assetId: r.asset_id,
    assetKey: r.asset_key,
    scanner: r.scanner,
    scope: r.scope,
    format: r.format,
    fileName: r.file_name,
    progress: Number(r.progress),
    counts: JSON.parse(r.counts) as VulnImportCounts,
    openInScope: Number(r.open_in_scope),
    toClose: Number(r.to_close),
    error: r.error,
    errorDetails: r.error_details
      ? (JSON.parse(r.error_details) as VulnImportJobRecord["errorDetails"])
      : [],
    confirmed: Number(r.confirmed) === 1,
    createdBy: r.created_by,
    runnerId: r.runner_id,
    heartbeatAt: r.heartbeat_at,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
  };
}

function patchRow(p: VulnImportJobPatch): Partial<Selectable<VulnImportJobsTable>> {
  const out: Partial<Selectable<VulnImportJobsTable>> = {};
  if (p.status !== undefined) out.status = p.status;
  if (p.scanner !== undefined) out.scanner = p.scanner;
  if (p.scope !== undefined) out.scope = p.scope;
  if (p.format !== undefined) out.format = p.format;
  if (p.fileName !== undefined) out.file_name = p.fileName;
  if (p.progress !== undefined) out.progress = p.progress;
  if (p.counts !== undefined) out.counts = JSON.stringify(p.counts);
  if (p.openInScope !== undefined) out.open_in_scope = p.openInScope;
  if (p.toClose !== undefined) out.to_close = p.toClose;
  if (p.error !== undefined) out.error = p.error;
  if (p.errorDetails !== undefined) out.error_details = JSON.stringify(p.errorDetails);
  if (p.confirmed !== undefined) out.confirmed = p.confirmed ? 1 : 0;
  if (p.runnerId !== undefined) out.runner_id = p.runnerId;
  if (p.heartbeatAt !== undefined) out.heartbeat_at = p.heartbeatAt;
  if (p.startedAt !== undefined) out.started_at = p.startedAt;
  if (p.finishedAt !== undefined) out.finished_at = p.finishedAt;
  if (p.updatedAt !== undefined) out.updated_at = p.updatedAt;
  if (p.content !== undefined) out.content = p.content;
  return out;
}

/** Import jobs: one row per import, updated as the job runs. */
export function vulnJobsRepo(db: Executor) {
  return {
    async insert(j: VulnImportJobRecord, content: string | null = null): Promise<void> {
      await db
        .insertInto("vuln_import_jobs")
        .values({
          id: j.id,
          status: j.status,
          asset_id: j.assetId,
          asset_key: j.assetKey,
          scanner: j.scanner,
          scope: j.scope,
          format: j.format,
          file_name: j.fileName,
          progress: j.progress,
          counts: JSON.stringify(j.counts),
          open_in_scope: j.openInScope,
          to_close: j.toClose,
          error: j.error,
          error_details: j.errorDetails.length ? JSON.stringify(j.errorDetails) : null,
          content,
          confirmed: j.confirmed ? 1 : 0,
          created_by: j.createdBy,
          runner_id: j.runnerId,
          heartbeat_at: j.heartbeatAt,
          created_at: j.createdAt,
          started_at: j.startedAt,
          finished_at: j.finishedAt,
          updated_at: j.updatedAt,
        })
        .execute();
    },

    async update(id: string, patch: VulnImportJobPatch): Promise<void> {
      await db.updateTable("vuln_import_jobs").set(patchRow(patch)).where("id", "=", id).execute();
    },

    /**
     * Moves a job from one status to another only if it is still in `from`: the compare-and-set
     * that keeps two confirmations (or a confirmation and a restart) from both running it.
     */
    async transition(id: string, from: string, patch: VulnImportJobPatch): Promise<boolean> {
      const r = await db
        .updateTable("vuln_import_jobs")
        .set(patchRow(patch))
        .where("id", "=", id)
        .where("status", "=", from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async findById(id: string): Promise<VulnImportJobRecord | undefined> {
      const row = await db
        .selectFrom("vuln_import_jobs")
        .select(COLUMNS)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },

    async content(id: string): Promise<string | null> {
      const row = await db
        .selectFrom("vuln_import_jobs")
        .select("content")
        .where("id", "=", id)
        .executeTakeFirst();
      return row?.content ?? null;
    },

    async list(assetId: string | undefined, limit: number): Promise<VulnImportJobRecord[]> {
      let q = db.selectFrom("vuln_import_jobs").select(COLUMNS);
      if (assetId) q = q.where("asset_id", "=", assetId);
      const rows = await q
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    /**
     * Marks queued or running jobs of other (dead) runners as failed: a job lives in a process,
     * so one whose runner stopped heart-beating before `staleBefore` will never finish.
     */
    async failAbandoned(
      runnerId: string,
      staleBefore: string,
      at: string,
      error: string,
    ): Promise<string[]> {
      const rows = await db
        .selectFrom("vuln_import_jobs")
        .select(["id", "runner_id", "heartbeat_at", "updated_at"])
        .where("status", "in", ["queued", "running"])
        .execute();
      const dead = rows
        .filter((r) => r.runner_id !== runnerId && (r.heartbeat_at ?? r.updated_at) < staleBefore)
        .map((r) => r.id);
      if (dead.length === 0) return [];
      await db
        .updateTable("vuln_import_jobs")
        .set({ status: "failed", error, finished_at: at, updated_at: at, content: null })
        .where("id", "in", dead)
        .where("status", "in", ["queued", "running"])
        .execute();
      return dead;
    },
  };
}
export type VulnJobsRepo = ReturnType<typeof vulnJobsRepo>;
