import type { Executor } from "./executor";
import { containsText } from "./executor";
import type { ReviewRunFindingsTable } from "../schema/review-tables";

/** One finding of a stored run. */
export interface ReviewFindingRecord {
  id: string;
  runId: string;
  seq: number;
  ruleId: string;
  severity: string;
  severityRank: number;
  title: string;
  message: string;
  file: string;
  startLine: number;
  endLine: number;
  resource: string;
  status: string;
  fingerprint: string;
  attributePath: string | null;
  needs: string | null;
  suppression: { source: string; reason: string; until?: string; owner?: string } | null;
  equivalents: { checkov: string[]; trivy: string[] };
}

export interface ReviewFindingFilter {
  status?: string;
  severity?: string;
  ruleId?: string;
  file?: string;
}

/** Rows per INSERT: 18 columns × 200 rows stays far below SQLite's parameter bound. */
const BATCH = 200;

const parse = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const fromRow = (r: ReviewRunFindingsTable): ReviewFindingRecord => ({
  id: r.id,
  runId: r.run_id,
  seq: Number(r.seq),
  ruleId: r.rule_id,
  severity: r.severity,
  severityRank: Number(r.severity_rank),
  title: r.title,
  message: r.message,
  file: r.file,
  startLine: Number(r.start_line),
  endLine: Number(r.end_line),
  resource: r.resource,
  status: r.status,
  fingerprint: r.fingerprint,
  attributePath: r.attribute_path,
  needs: r.needs,
  suppression: parse(r.suppression, null),
  equivalents: parse(r.equivalents, { checkov: [], trivy: [] }),
});

const toRow = (f: ReviewFindingRecord): ReviewRunFindingsTable => ({
  id: f.id,
  run_id: f.runId,
  seq: f.seq,
  rule_id: f.ruleId,
  severity: f.severity,
  severity_rank: f.severityRank,
  title: f.title,
  message: f.message,
  file: f.file,
  start_line: f.startLine,
  end_line: f.endLine,
  resource: f.resource,
  status: f.status,
  fingerprint: f.fingerprint,
  attribute_path: f.attributePath,
  needs: f.needs,
  suppression: f.suppression ? JSON.stringify(f.suppression) : null,
  equivalents: JSON.stringify(f.equivalents),
});

/** Findings of review runs; a run may carry tens of thousands, so inserts are batched. */
export function reviewFindingsRepo(db: Executor) {
  return {
    async insertMany(rows: readonly ReviewFindingRecord[]): Promise<void> {
      for (let i = 0; i < rows.length; i += BATCH)
        await db
          .insertInto("review_run_findings")
          .values(rows.slice(i, i + BATCH).map(toRow))
          .execute();
    },
    async list(
      runId: string,
      f: ReviewFindingFilter,
      limit: number,
      offset: number,
    ): Promise<{ items: ReviewFindingRecord[]; total: number }> {
      let q = db.selectFrom("review_run_findings").where("run_id", "=", runId);
      if (f.status !== undefined) q = q.where("status", "=", f.status);
      if (f.severity !== undefined) q = q.where("severity", "=", f.severity);
      if (f.ruleId !== undefined) q = q.where("rule_id", "=", f.ruleId);
      if (f.file !== undefined) q = q.where(containsText("file", f.file));
      const total = await q
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirst();
      const rows = await q
        .selectAll()
        .orderBy("severity_rank", "desc")
        .orderBy("seq")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(fromRow), total: Number(total?.n ?? 0) };
    },
    /** What classification needs of a base run: fingerprint and status of every finding. */
    async allOf(runId: string): Promise<ReviewFindingRecord[]> {
      const rows = await db
        .selectFrom("review_run_findings")
        .selectAll()
        .where("run_id", "=", runId)
        .orderBy("seq")
        .execute();
      return rows.map(fromRow);
    },
    /** Open findings (new, existing, unknown) of one rule per run. */
    async openCountByRun(ruleId: string, runIds: readonly string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (let i = 0; i < runIds.length; i += 500) {
        const rows = await db
          .selectFrom("review_run_findings")
          .select((eb) => ["run_id", eb.fn.countAll<number | string>().as("n")])
          .where("rule_id", "=", ruleId)
          .where("run_id", "in", runIds.slice(i, i + 500))
          .where("status", "in", ["new", "existing", "unknown"])
          .groupBy("run_id")
          .execute();
        for (const r of rows) out.set(r.run_id, Number(r.n));
      }
      return out;
    },
  };
}

export type ReviewFindingsRepo = ReturnType<typeof reviewFindingsRepo>;
