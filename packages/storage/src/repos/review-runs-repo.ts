import { sql } from "kysely";
import type { Executor } from "./executor";
import type { ReviewRunsTable, ReviewRunSuppressionsTable } from "../schema/review-tables";

/** A stored review run; `counts` and `errors` are parsed JSON. */
export interface ReviewRunRecord {
  id: string;
  project: string;
  ref: string;
  commit: string;
  mrIid: number | null;
  mrUrl: string | null;
  pipelineUrl: string | null;
  baseRef: string | null;
  defaultBranch: string;
  mode: string;
  baseRunId: string | null;
  failOn: string;
  outcome: string;
  failing: number;
  total: number;
  open: number;
  newCount: number;
  fixedCount: number;
  errorCount: number;
  counts: unknown;
  errors: { file: string; line: number | null; message: string }[];
  toolName: string | null;
  toolVersion: string | null;
  uploadedBy: string | null;
  createdAt: string;
}

export interface ReviewRunFilter {
  project?: string;
  ref?: string;
  mergeRequest?: number;
  outcome?: string;
}

export interface ReviewSuppressionRecord {
  id: string;
  runId: string;
  source: string;
  rules: string[];
  file: string;
  line: number;
  resource: string | null;
  attribute: string | null;
  reason: string;
  owner: string | null;
  until: string | null;
  state: string;
  matched: number;
}

export interface ReviewProjectRecord {
  project: string;
  defaultBranch: string;
  createdAt: string;
  updatedAt: string;
}

/** Rows per INSERT: SQLite bounds the parameters of one statement. */
const BATCH = 200;

const parse = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const fromRow = (r: ReviewRunsTable): ReviewRunRecord => ({
  id: r.id,
  project: r.project,
  ref: r.ref,
  commit: r.commit_sha,
  mrIid: r.mr_iid === null ? null : Number(r.mr_iid),
  mrUrl: r.mr_url,
  pipelineUrl: r.pipeline_url,
  baseRef: r.base_ref,
  defaultBranch: r.default_branch,
  mode: r.mode,
  baseRunId: r.base_run_id,
  failOn: r.fail_on,
  outcome: r.outcome,
  failing: Number(r.failing),
  total: Number(r.total),
  open: Number(r.open_count),
  newCount: Number(r.new_count),
  fixedCount: Number(r.fixed_count),
  errorCount: Number(r.error_count),
  counts: parse(r.counts, {}),
  errors: parse(r.errors, []),
  toolName: r.tool_name,
  toolVersion: r.tool_version,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});

const toRow = (r: ReviewRunRecord): ReviewRunsTable => ({
  id: r.id,
  project: r.project,
  ref: r.ref,
  commit_sha: r.commit,
  mr_iid: r.mrIid,
  mr_url: r.mrUrl,
  pipeline_url: r.pipelineUrl,
  base_ref: r.baseRef,
  default_branch: r.defaultBranch,
  mode: r.mode,
  base_run_id: r.baseRunId,
  fail_on: r.failOn,
  outcome: r.outcome,
  failing: r.failing,
  total: r.total,
  open_count: r.open,
  new_count: r.newCount,
  fixed_count: r.fixedCount,
  error_count: r.errorCount,
  counts: JSON.stringify(r.counts),
  errors: JSON.stringify(r.errors),
  tool_name: r.toolName,
  tool_version: r.toolVersion,
  uploaded_by: r.uploadedBy,
  created_at: r.createdAt,
});

const supFromRow = (r: ReviewRunSuppressionsTable): ReviewSuppressionRecord => ({
  id: r.id,
  runId: r.run_id,
  source: r.source,
  rules: parse(r.rules, []),
  file: r.file,
  line: Number(r.line),
  resource: r.resource,
  attribute: r.attribute,
  reason: r.reason,
  owner: r.owner,
  until: r.until,
  state: r.state,
  matched: Number(r.matched),
});

/** Review runs, the projects they belong to, and the suppressions each run saw. */
export function reviewRunsRepo(db: Executor) {
  return {
    async project(project: string): Promise<ReviewProjectRecord | undefined> {
      const r = await db
        .selectFrom("review_projects")
        .selectAll()
        .where("project", "=", project)
        .executeTakeFirst();
      return (
        r && {
          project: r.project,
          defaultBranch: r.default_branch,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        }
      );
    },
    async upsertProject(project: string, defaultBranch: string, now: string): Promise<void> {
      await db
        .insertInto("review_projects")
        .values({ project, default_branch: defaultBranch, created_at: now, updated_at: now })
        .onConflict((oc) =>
          oc.column("project").doUpdateSet({ default_branch: defaultBranch, updated_at: now }),
        )
        .execute();
    },
    async projects(): Promise<ReviewProjectRecord[]> {
      const rows = await db.selectFrom("review_projects").selectAll().orderBy("project").execute();
      return rows.map((r) => ({
        project: r.project,
        defaultBranch: r.default_branch,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
    },
    async insert(run: ReviewRunRecord): Promise<void> {
      await db.insertInto("review_runs").values(toRow(run)).execute();
    },
    async get(id: string): Promise<ReviewRunRecord | undefined> {
      const r = await db
        .selectFrom("review_runs")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async list(
      f: ReviewRunFilter,
      limit: number,
      offset: number,
    ): Promise<{ items: ReviewRunRecord[]; total: number }> {
      let q = db.selectFrom("review_runs");
      if (f.project !== undefined) q = q.where("project", "=", f.project);
      if (f.ref !== undefined) q = q.where("ref", "=", f.ref);
      if (f.mergeRequest !== undefined) q = q.where("mr_iid", "=", f.mergeRequest);
      if (f.outcome !== undefined) q = q.where("outcome", "=", f.outcome);
      const total = await q
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirst();
      const rows = await q
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(fromRow), total: Number(total?.n ?? 0) };
    },
    /** Latest run of a project on a ref (ids are UUIDv7: ties on created_at break by id). */
    async latest(
      project: string,
      ref: string,
      excludeId?: string,
    ): Promise<ReviewRunRecord | undefined> {
      let q = db
        .selectFrom("review_runs")
        .selectAll()
        .where("project", "=", project)
        .where("ref", "=", ref);
      if (excludeId) q = q.where("id", "!=", excludeId);
      const r = await q
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    /** Up to `n` latest runs of a project on a ref, newest first. */
    async recent(project: string, ref: string, n: number): Promise<ReviewRunRecord[]> {
      const rows = await db
        .selectFrom("review_runs")
        .selectAll()
        .where("project", "=", project)
        .where("ref", "=", ref)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(n)
        .execute();
      return rows.map(fromRow);
    },
    async countByProject(): Promise<Map<string, { runs: number; last: string }>> {
      const rows = await db
        .selectFrom("review_runs")
        .select((eb) => [
          "project",
          eb.fn.countAll<number | string>().as("n"),
          eb.fn.max("created_at").as("last"),
        ])
        .groupBy("project")
        .execute();
      return new Map(rows.map((r) => [r.project, { runs: Number(r.n), last: String(r.last) }]));
    },
    async insertSuppressions(rows: readonly ReviewSuppressionRecord[]): Promise<void> {
      for (let i = 0; i < rows.length; i += BATCH) {
        await db
          .insertInto("review_run_suppressions")
          .values(
            rows.slice(i, i + BATCH).map((s) => ({
              id: s.id,
              run_id: s.runId,
              source: s.source,
              rules: JSON.stringify(s.rules),
              file: s.file,
              line: s.line,
              resource: s.resource,
              attribute: s.attribute,
              reason: s.reason,
              owner: s.owner,
              until: s.until,
              state: s.state,
              matched: s.matched,
            })),
          )
          .execute();
      }
    },
    async suppressionsOf(runIds: readonly string[]): Promise<ReviewSuppressionRecord[]> {
      const out: ReviewSuppressionRecord[] = [];
      for (let i = 0; i < runIds.length; i += 500) {
        const rows = await db
          .selectFrom("review_run_suppressions")
          .selectAll()
          .where("run_id", "in", runIds.slice(i, i + 500))
          .orderBy(sql`coalesce(until, '9999-12-31')`)
          .orderBy("file")
          .orderBy("line")
          .execute();
        out.push(...rows.map(supFromRow));
      }
      return out;
    },
  };
}

export type ReviewRunsRepo = ReturnType<typeof reviewRunsRepo>;
