import { sql } from "kysely";
import type { RawBuilder } from "kysely";
import type { Dialect } from "../db";
import type { Executor } from "./executor";
import type { ByAssetGroupRow, MttrRow } from "./vulns-metrics-repo";

/**
 * The vuln_daily_counts summary (migration 001200): refreshed by the SLA sweep in one
 * INSERT … SELECT, read by the dashboard. Rows are per (day, owner team, asset kind, severity),
 * a few hundred per day, so dashboard reads stay small however many findings there are.
 */

export interface DailyRefreshInput {
  /** First day (YYYY-MM-DD) whose rows are recomputed; earlier days are kept as recorded. */
  fromDay: string;
  today: string;
  now: string;
  soon: string;
  in7: string;
  ageEdges: readonly [string, string, string, string];
  open: readonly string[];
  closed: readonly string[];
}

export interface OpenSnapshotRow {
  severityRank: number;
  open: number;
  breached: number;
  dueSoon: number;
  noSla: number;
  ages: number[];
}

export interface DayFlowRow {
  day: string;
  detected: number;
  closed: number;
  reopened: number;
  resolved: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export function vulnDailyCountsRepo(db: Executor, dialect: Dialect) {
  const list = (xs: readonly string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  /** SQLite's planner prefers an index that yields the GROUP BY order over a covering one. */
  const hint = (index: string) => (dialect === "sqlite" ? sql.raw(`indexed by ${index}`) : sql``);
  const days =
    dialect === "postgres"
      ? sql.raw(
          "extract(epoch from (f.resolved_at::timestamptz - f.first_seen_at::timestamptz)) / 86400.0",
        )
      : sql.raw("julianday(f.resolved_at) - julianday(f.first_seen_at)");
  const team = (t: string | undefined): RawBuilder<unknown> =>
    t === undefined ? sql`` : sql`and d.owner_team = ${t}`;
  const latest = sql`(select max(day) from vuln_daily_counts where open is not null)`;

  return {
    /** The newest day with an open-state snapshot, and when it was computed. */
    async lastSnapshot(): Promise<{ day: string; computedAt: string } | null> {
      const r = await sql<{ day: string; computed_at: string }>`
        select day, max(computed_at) as computed_at from vuln_daily_counts
        where day = ${latest} group by day`.execute(db);
      const row = r.rows[0];
      return row ? { day: row.day, computedAt: row.computed_at } : null;
    },

    /** Recomputes every row from `fromDay` on: the day flows and today's open snapshot. */
    async refresh(p: DailyRefreshInput, computedAt: string): Promise<void> {
      const [e0, e1, e2, e3] = p.ageEdges;
      const open = list(p.open);
      const closed = list(p.closed);
      const z = sql`0, 0, 0, 0, 0, 0, 0.0`;
      // Typed nulls: PostgreSQL types a UNION column from its first branch, and bare NULL is text.
      const nulls = sql.raw(Array(10).fill("cast(null as bigint)").join(", "));
      const snapshotNulls = sql.raw(
        ["open", "breached", "due_soon", "no_sla", "age0", "age1", "age2", "age3", "age4", "due7"]
          .map((c) => `cast(null as bigint) as ${c}`)
          .join(", "),
      );
      await sql`delete from vuln_daily_counts where day >= ${p.fromDay}`.execute(db);
      await sql`
        insert into vuln_daily_counts (day, owner_team, asset_kind, severity_rank, detected,
          closed, reopened, resolved, met, missed, resolve_days, open, breached, due_soon, no_sla,
          age0, age1, age2, age3, age4, due7, computed_at)
        select x.day, coalesce(a.owner_team, ''), a.kind, x.severity_rank, sum(x.detected),
          sum(x.closed), sum(x.reopened), sum(x.resolved), sum(x.met), sum(x.missed),
          sum(x.resolve_days), sum(x.open), sum(x.breached), sum(x.due_soon), sum(x.no_sla),
          sum(x.age0), sum(x.age1), sum(x.age2), sum(x.age3), sum(x.age4), sum(x.due7),
          cast(${computedAt} as text)
        from (
          select substr(f.first_seen_at, 1, 10) as day, f.asset_id, f.severity_rank,
            count(*) as detected, 0 as closed, 0 as reopened, 0 as resolved, 0 as met,
            0 as missed, 0.0 as resolve_days, ${snapshotNulls}
          from vuln_findings f ${hint("vuln_findings_first_seen_at")}
          where f.first_seen_at >= ${p.fromDay}
          group by substr(f.first_seen_at, 1, 10), f.asset_id, f.severity_rank
          union all
          select substr(f.resolved_at, 1, 10), f.asset_id, f.severity_rank, 0, 0, 0, count(*),
            sum(case when f.resolved_at <= f.sla_due_at then 1 else 0 end),
            sum(case when f.resolved_at > f.sla_due_at then 1 else 0 end),
            sum(${days}), ${nulls}
          from vuln_findings f ${hint("vuln_findings_resolved_cover")}
          where f.resolved_at >= ${p.fromDay} and f.status = 'resolved'
          group by substr(f.resolved_at, 1, 10), f.asset_id, f.severity_rank
          union all
          select substr(e.at, 1, 10), f.asset_id, f.severity_rank, 0,
            sum(case when e.from_status in (${open}) and e.to_status in (${closed}) then 1 else 0 end),
            sum(case when e.from_status in (${closed}) and e.to_status in (${open}) then 1 else 0 end),
            0, 0, 0, 0.0, ${nulls}
          from vuln_finding_events e ${hint("vuln_finding_events_transitions")}
          join vuln_findings f on f.id = e.finding_id
          where e.at >= ${p.fromDay} and e.from_status is not null and e.to_status is not null
          group by substr(e.at, 1, 10), f.asset_id, f.severity_rank
          union all
          select cast(${p.today} as text), f.asset_id, f.severity_rank, ${z}, count(*),
            sum(case when f.sla_due_at < ${p.now} then 1 else 0 end),
            sum(case when f.sla_due_at >= ${p.now} and f.sla_due_at < ${p.soon} then 1 else 0 end),
            sum(case when f.sla_due_at is null then 1 else 0 end),
            sum(case when f.first_seen_at > ${e0} then 1 else 0 end),
            sum(case when f.first_seen_at <= ${e0} and f.first_seen_at > ${e1} then 1 else 0 end),
            sum(case when f.first_seen_at <= ${e1} and f.first_seen_at > ${e2} then 1 else 0 end),
            sum(case when f.first_seen_at <= ${e2} and f.first_seen_at > ${e3} then 1 else 0 end),
            sum(case when f.first_seen_at <= ${e3} then 1 else 0 end),
            sum(case when f.sla_due_at >= ${p.now} and f.sla_due_at < ${p.in7} then 1 else 0 end)
          from vuln_findings f ${hint("vuln_findings_status_due_cover")}
          where f.status in (${open})
          group by f.asset_id, f.severity_rank
        ) x join assets a on a.id = x.asset_id
        group by x.day, coalesce(a.owner_team, ''), a.kind, x.severity_rank`.execute(db);
    },

    /** Today's (the newest) open snapshot by severity. */
    async openBySeverity(t?: string): Promise<OpenSnapshotRow[]> {
      const r = await sql<Record<string, unknown>>`
        select d.severity_rank, sum(d.open) as open, sum(d.breached) as breached,
          sum(d.due_soon) as due_soon, sum(d.no_sla) as no_sla, sum(d.age0) as age0,
          sum(d.age1) as age1, sum(d.age2) as age2, sum(d.age3) as age3, sum(d.age4) as age4
        from vuln_daily_counts d where d.day = ${latest} ${team(t)}
        group by d.severity_rank`.execute(db);
      return r.rows.map((x) => ({
        severityRank: num(x.severity_rank),
        open: num(x.open),
        breached: num(x.breached),
        dueSoon: num(x.due_soon),
        noSla: num(x.no_sla),
        ages: [num(x.age0), num(x.age1), num(x.age2), num(x.age3), num(x.age4)],
      }));
    },

    /** Today's open breached (`breached`) or due-in-7-days (`due7`) counts by group. */
    async openGroups(column: "breached" | "due7", t?: string): Promise<ByAssetGroupRow[]> {
      const r = await sql<Record<string, unknown>>`
        select d.asset_kind, d.owner_team, d.severity_rank, sum(${sql.ref(`d.${column}`)}) as n
        from vuln_daily_counts d where d.day = ${latest} ${team(t)}
        group by d.asset_kind, d.owner_team, d.severity_rank`.execute(db);
      return r.rows.map((x) => groupRow(x, num(x.n), 0)).filter((g) => g.a > 0);
    },

    /** Met and missed of findings resolved on days ≥ sinceDay, by group. */
    async resolvedCompliance(sinceDay: string, t?: string): Promise<ByAssetGroupRow[]> {
      const r = await sql<Record<string, unknown>>`
        select d.asset_kind, d.owner_team, d.severity_rank, sum(d.met) as met, sum(d.missed) as missed
        from vuln_daily_counts d where d.day >= ${sinceDay} ${team(t)}
        group by d.asset_kind, d.owner_team, d.severity_rank`.execute(db);
      return r.rows.map((x) => groupRow(x, num(x.met), num(x.missed))).filter((g) => g.a + g.b > 0);
    },

    /** Resolutions by month (YYYY-MM) and severity since sinceDay, with mean days. */
    async mttr(sinceDay: string, t?: string): Promise<MttrRow[]> {
      const r = await sql<Record<string, unknown>>`
        select substr(d.day, 1, 7) as month, d.severity_rank, sum(d.resolved) as n,
          sum(d.resolve_days) as days
        from vuln_daily_counts d where d.day >= ${sinceDay} ${team(t)}
        group by substr(d.day, 1, 7), d.severity_rank`.execute(db);
      return r.rows
        .filter((x) => num(x.n) > 0)
        .map((x) => ({
          month: String(x.month),
          severityRank: num(x.severity_rank),
          resolved: num(x.n),
          meanDays: num(x.days) / num(x.n),
        }));
    },

    /** Flows per day since sinceDay. */
    async flowsByDay(sinceDay: string, t?: string): Promise<DayFlowRow[]> {
      const r = await sql<Record<string, unknown>>`
        select d.day, sum(d.detected) as detected, sum(d.closed) as closed,
          sum(d.reopened) as reopened, sum(d.resolved) as resolved
        from vuln_daily_counts d where d.day >= ${sinceDay} ${team(t)}
        group by d.day`.execute(db);
      return r.rows.map((x) => ({
        day: String(x.day),
        detected: num(x.detected),
        closed: num(x.closed),
        reopened: num(x.reopened),
        resolved: num(x.resolved),
      }));
    },
  };
}
export type VulnDailyCountsRepo = ReturnType<typeof vulnDailyCountsRepo>;

function groupRow(x: Record<string, unknown>, a: number, b: number): ByAssetGroupRow {
  const team = String(x.owner_team);
  return {
    assetKind: String(x.asset_kind),
    ownerTeam: team === "" ? null : team,
    severityRank: num(x.severity_rank),
    a,
    b,
  };
}
