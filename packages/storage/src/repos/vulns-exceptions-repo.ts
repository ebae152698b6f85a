import { sql } from "kysely";
import type { Selectable } from "kysely";
import type { VulnExceptionsTable } from "../schema/vulns-exceptions-tables";
import type { Executor } from "./executor";
import { IDS_PER_STATEMENT, chunks, rowsPerStatement } from "./vulns-batch";
import type { VulnExceptionScopeRecord } from "./vulns-exception-findings-repo";
import { vulnExceptionFindingsRepo } from "./vulns-exception-findings-repo";

export type * from "./vulns-exception-findings-repo";

export interface VulnExceptionRecord {
  id: string;
  kind: string;
  status: string;
  scope: VulnExceptionScopeRecord;
  severity: string;
  justification: string;
  compensatingControls: string | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  startsAt: string;
  expiresAt: string;
  requestedDays: number | null;
  decisionItemId: string | null;
  expiringNotifiedAt: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface VulnExceptionFilter {
  statuses?: readonly string[];
  kind?: string;
  /** Scope names the asset, or a covered finding is on it. */
  assetId?: string;
  /** Scope vulnerability id (case-insensitive), or a covered finding's canonical id. */
  vulnId?: string;
  /** The exception covered this finding. */
  findingId?: string;
  /** Approved and ending at or before this time. */
  expiresBefore?: string;
}

type Row = Selectable<VulnExceptionsTable>;

function fromRow(r: Row): VulnExceptionRecord {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    scope: JSON.parse(r.scope) as VulnExceptionScopeRecord,
    severity: r.severity,
    justification: r.justification,
    compensatingControls: r.compensating_controls,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    startsAt: r.starts_at,
    expiresAt: r.expires_at,
    requestedDays: r.requested_days === null ? null : Number(r.requested_days),
    decisionItemId: r.decision_item_id,
    expiringNotifiedAt: r.expiring_notified_at,
    endedAt: r.ended_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toRow(e: VulnExceptionRecord): Row {
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    scope: JSON.stringify(e.scope),
    scope_vuln_id: e.scope.vulnId ? e.scope.vulnId.toUpperCase() : null,
    scope_package: e.scope.package ? e.scope.package.toLowerCase() : null,
    severity: e.severity,
    justification: e.justification,
    compensating_controls: e.compensatingControls,
    requested_by: e.requestedBy,
    requested_at: e.requestedAt,
    decided_by: e.decidedBy,
    decided_at: e.decidedAt,
    decision_note: e.decisionNote,
    starts_at: e.startsAt,
    expires_at: e.expiresAt,
    requested_days: e.requestedDays,
    decision_item_id: e.decisionItemId,
    expiring_notified_at: e.expiringNotifiedAt,
    ended_at: e.endedAt,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

/**
 * Vulnerability exceptions (migration 001000). Status changes are conditional on the status
 * read (`transition`), so two processes expiring or approving the same exception cannot both
 * apply it.
 */
export function vulnExceptionsRepo(db: Executor) {
  return {
    ...vulnExceptionFindingsRepo(db),
    async insert(e: VulnExceptionRecord): Promise<void> {
      await db.insertInto("vuln_exceptions").values(toRow(e)).execute();
      const assets = [...new Set(e.scope.assetIds ?? [])];
      for (const part of chunks(assets, rowsPerStatement(2))) {
        await db
          .insertInto("vuln_exception_assets")
          .values(part.map((a) => ({ exception_id: e.id, asset_id: a })))
          .execute();
      }
    },

    /** Writes `next` if the stored status is still `fromStatus`; false when it moved meanwhile. */
    async transition(next: VulnExceptionRecord, fromStatus: string): Promise<boolean> {
      const { id: _id, ...row } = toRow(next);
      void _id;
      const r = await db
        .updateTable("vuln_exceptions")
        .set(row)
        .where("id", "=", next.id)
        .where("status", "=", fromStatus)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Records the "expiring" notice once; false when already sent or no longer approved. */
    async markExpiringNotified(id: string, at: string): Promise<boolean> {
      const r = await db
        .updateTable("vuln_exceptions")
        .set({ expiring_notified_at: at })
        .where("id", "=", id)
        .where("status", "=", "approved")
        .where("expiring_notified_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async findById(id: string): Promise<VulnExceptionRecord | undefined> {
      const row = await db
        .selectFrom("vuln_exceptions")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },

    async list(
      f: VulnExceptionFilter,
      limit: number,
      offset: number,
    ): Promise<{ items: VulnExceptionRecord[]; total: number }> {
      let q = db.selectFrom("vuln_exceptions as e");
      if (f.statuses?.length) q = q.where("e.status", "in", f.statuses);
      if (f.kind) q = q.where("e.kind", "=", f.kind);
      if (f.expiresBefore) {
        q = q.where("e.status", "=", "approved").where("e.expires_at", "<=", f.expiresBefore);
      }
      if (f.findingId) {
        const id = f.findingId;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom("vuln_exception_findings as c")
              .select("c.finding_id")
              .whereRef("c.exception_id", "=", "e.id")
              .where("c.finding_id", "=", id),
          ),
        );
      }
      if (f.assetId) {
        const id = f.assetId;
        q = q.where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom("vuln_exception_assets as s")
                .select("s.asset_id")
                .whereRef("s.exception_id", "=", "e.id")
                .where("s.asset_id", "=", id),
            ),
            eb.exists(
              eb
                .selectFrom("vuln_exception_findings as c")
                .innerJoin("vuln_findings as vf", "vf.id", "c.finding_id")
                .select("c.finding_id")
                .whereRef("c.exception_id", "=", "e.id")
                .where("vf.asset_id", "=", id),
            ),
          ]),
        );
      }
      if (f.vulnId) {
        const id = f.vulnId.trim();
        q = q.where((eb) =>
          eb.or([
            eb("e.scope_vuln_id", "=", id.toUpperCase()),
            eb.exists(
              eb
                .selectFrom("vuln_exception_findings as c")
                .innerJoin("vuln_findings as vf", "vf.id", "c.finding_id")
                .select("c.finding_id")
                .whereRef("c.exception_id", "=", "e.id")
                .where(sql<boolean>`upper(${sql.ref("vf.vuln_id")}) = ${id.toUpperCase()}`),
            ),
          ]),
        );
      }
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const rows = await q
        .selectAll("e")
        .orderBy("e.created_at", "desc")
        .orderBy("e.id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(fromRow), total: Number(total.n) };
    },

    /** Approved exceptions ending at or before `at`, oldest end first. */
    async approvedEndingBy(at: string, limit: number): Promise<VulnExceptionRecord[]> {
      const rows = await db
        .selectFrom("vuln_exceptions")
        .selectAll()
        .where("status", "=", "approved")
        .where("expires_at", "<=", at)
        .orderBy("expires_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    /** Approved exceptions ending after `from` and by `to` whose "expiring" notice is unsent. */
    async expiringUnnotified(
      from: string,
      to: string,
      limit: number,
    ): Promise<VulnExceptionRecord[]> {
      const rows = await db
        .selectFrom("vuln_exceptions")
        .selectAll()
        .where("status", "=", "approved")
        .where("expiring_notified_at", "is", null)
        .where("expires_at", ">", from)
        .where("expires_at", "<=", to)
        .orderBy("expires_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    /** Approved exceptions still running at `at` (the import applies them to new findings). */
    async approvedActive(at: string, limit: number): Promise<VulnExceptionRecord[]> {
      const rows = await db
        .selectFrom("vuln_exceptions")
        .selectAll()
        .where("status", "=", "approved")
        .where("starts_at", "<=", at)
        .where("expires_at", ">", at)
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    /** Asset ids and keys named by each exception's scope. */
    async scopeAssets(ids: readonly string[]): Promise<Map<string, { id: string; key: string }[]>> {
      const out = new Map<string, { id: string; key: string }[]>();
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await db
          .selectFrom("vuln_exception_assets as s")
          .innerJoin("assets as a", "a.id", "s.asset_id")
          .select(["s.exception_id", "a.id", "a.key"])
          .where("s.exception_id", "in", part)
          .orderBy("a.key")
          .execute();
        for (const r of rows) {
          const list = out.get(r.exception_id) ?? [];
          list.push({ id: r.id, key: r.key });
          out.set(r.exception_id, list);
        }
      }
      return out;
    },

    async coveredCounts(ids: readonly string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await db
          .selectFrom("vuln_exception_findings")
          .select(["exception_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where("exception_id", "in", part)
          .groupBy("exception_id")
          .execute();
        for (const r of rows) out.set(r.exception_id, Number(r.n));
      }
      return out;
    },
  };
}
export type VulnExceptionsRepo = ReturnType<typeof vulnExceptionsRepo>;
