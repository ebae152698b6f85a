import { sql } from "kysely";
import type { Executor } from "./executor";
import { IDS_PER_STATEMENT, chunks } from "./vulns-batch";

/**
 * A slice of findings the SLA sweep must look at: one stored state (null = never swept) and one
 * status, with the due date either absent or inside [dueFrom, dueTo). The sweep service lists
 * the slices whose findings' state has moved; each is read in (sla_due_at, id) order, which is
 * the order of the vuln_findings_sla_sweep index, so a keyset page is an index range read.
 */
export interface SlaSweepSlice {
  state: string | null;
  status: string;
  due: { kind: "null" } | { kind: "range"; from?: string; to?: string };
}

export interface SlaSweepCursor {
  due: string | null;
  id: string;
}

export interface SlaSweepRow {
  id: string;
  status: string;
  slaState: string | null;
  slaDueAt: string | null;
  resolvedAt: string | null;
  vulnId: string;
  severity: string;
  assetId: string;
  assetKey: string;
  ownerTeam: string | null;
}

export interface SlaEventFilter {
  kinds: readonly string[];
  assetId?: string;
  team?: string;
  severity?: string;
  since?: string;
  /** Keyset: events strictly older than (at, id). */
  before?: { at: string; id: string };
  limit: number;
}

export interface SlaEventRow {
  id: string;
  at: string;
  kind: string;
  changes: string | null;
  findingId: string;
  vulnId: string;
  title: string | null;
  package: string | null;
  severity: string;
  status: string;
  assetId: string;
  assetKey: string;
  assetName: string;
  ownerTeam: string | null;
}

/** Storage of SLA sweeps (stored SLA states) and of the SLA events in vuln_finding_events. */
export function vulnSlaRepo(db: Executor) {
  return {
    /** One keyset page of a sweep slice, with what the events need to name the finding. */
    async sweepPage(
      slice: SlaSweepSlice,
      after: SlaSweepCursor | null,
      limit: number,
    ): Promise<SlaSweepRow[]> {
      let q = db
        .selectFrom("vuln_findings as f")
        .innerJoin("assets as a", "a.id", "f.asset_id")
        .select([
          "f.id",
          "f.status",
          "f.sla_state",
          "f.sla_due_at",
          "f.resolved_at",
          "f.vuln_id",
          "f.severity",
          "f.asset_id",
          "a.key as asset_key",
          "a.owner_team",
        ])
        .where("f.status", "=", slice.status);
      q =
        slice.state === null
          ? q.where("f.sla_state", "is", null)
          : q.where("f.sla_state", "=", slice.state);
      if (slice.due.kind === "null") {
        q = q.where("f.sla_due_at", "is", null);
        if (after) q = q.where("f.id", ">", after.id);
        q = q.orderBy("f.id");
      } else {
        q = q.where("f.sla_due_at", "is not", null);
        if (slice.due.from !== undefined) q = q.where("f.sla_due_at", ">=", slice.due.from);
        if (slice.due.to !== undefined) q = q.where("f.sla_due_at", "<", slice.due.to);
        if (after && after.due !== null) {
          const { due, id } = after;
          q = q.where((eb) =>
            eb.or([
              eb("f.sla_due_at", ">", due),
              eb.and([eb("f.sla_due_at", "=", due), eb("f.id", ">", id)]),
            ]),
          );
        }
        q = q.orderBy("f.sla_due_at").orderBy("f.id");
      }
      const rows = await q.limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        slaState: r.sla_state,
        slaDueAt: r.sla_due_at,
        resolvedAt: r.resolved_at,
        vulnId: r.vuln_id,
        severity: r.severity,
        assetId: r.asset_id,
        assetKey: r.asset_key,
        ownerTeam: r.owner_team,
      }));
    },

    /**
     * Compare-and-set of the stored SLA state: only rows still in `from` (and in `status`) move
     * to `to`, so two sweeps running at once cannot both record the same transition. Returns
     * the ids that moved.
     */
    async setState(
      ids: readonly string[],
      status: string,
      from: string | null,
      to: string,
    ): Promise<string[]> {
      const moved: string[] = [];
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        let q = db
          .updateTable("vuln_findings")
          .set({ sla_state: to })
          .where("id", "in", part)
          .where("status", "=", status);
        q = from === null ? q.where("sla_state", "is", null) : q.where("sla_state", "=", from);
        const rows = await q.returning("id").execute();
        for (const r of rows) moved.push(r.id);
      }
      return moved;
    },

    /** SLA events newest first, with the finding and asset they are about. */
    async listEvents(f: SlaEventFilter): Promise<SlaEventRow[]> {
      let q = db
        .selectFrom("vuln_finding_events as e")
        .innerJoin("vuln_findings as f", "f.id", "e.finding_id")
        .innerJoin("assets as a", "a.id", "f.asset_id")
        .select([
          "e.id",
          "e.at",
          "e.kind",
          "e.changes",
          "f.id as finding_id",
          "f.vuln_id",
          "f.title",
          "f.package",
          "f.severity",
          "f.status",
          "a.id as asset_id",
          "a.key as asset_key",
          "a.name as asset_name",
          "a.owner_team",
        ])
        .where("e.kind", "in", [...f.kinds]);
      if (f.assetId) q = q.where("f.asset_id", "=", f.assetId);
      if (f.team) q = q.where("a.owner_team", "=", f.team);
      if (f.severity) q = q.where("f.severity", "=", f.severity);
      if (f.since) q = q.where("e.at", ">=", f.since);
      if (f.before) {
        const { at, id } = f.before;
        q = q.where((eb) =>
          eb.or([eb("e.at", "<", at), eb.and([eb("e.at", "=", at), eb("e.id", "<", id)])]),
        );
      }
      const rows = await q.orderBy("e.at", "desc").orderBy("e.id", "desc").limit(f.limit).execute();
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        kind: r.kind,
        changes: r.changes,
        findingId: r.finding_id,
        vulnId: r.vuln_id,
        title: r.title,
        package: r.package,
        severity: r.severity,
        status: r.status,
        assetId: r.asset_id,
        assetKey: r.asset_key,
        assetName: r.asset_name,
        ownerTeam: r.owner_team,
      }));
    },

    /** Findings counted by stored SLA state (what the last sweep saw), for tests and the CLI. */
    async countByState(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom("vuln_findings")
        .select([sql<string>`coalesce(sla_state, 'unswept')`.as("state")])
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .groupBy(sql`coalesce(sla_state, 'unswept')`)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },
  };
}
export type VulnSlaRepo = ReturnType<typeof vulnSlaRepo>;
