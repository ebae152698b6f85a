import { sql } from "kysely";
import type { RawBuilder } from "kysely";
import type { Dialect } from "../db";
import type { Executor } from "./executor";

/**
 * Aggregates behind the vulnerability dashboard (issue 4). Every method is one GROUP BY
 * statement whose rows are counts, never findings; at 10⁶ findings each reads a covering index
 * of migration 001200 (open findings by status and due date, resolved findings by resolution
 * time, status transitions by time). Instants are ISO 8601 UTC text, so comparisons are text
 * comparisons and days/months are prefixes (substr 1–10 / 1–7) on both dialects.
 */

/** Which findings: all, one asset's, or those of the assets an owner team owns. */
export interface MetricsScope {
  assetId?: string;
  team?: string;
}

/** Open counts by severity rank, age bucket (0–4) and SLA bucket at `now`. */
export interface OpenAggregateRow {
  severityRank: number;
  ageBucket: number;
  sla: "none" | "breached" | "due_soon" | "on_track";
  n: number;
}

/** Counts by asset kind, owner team and severity rank (the service rolls them up). */
export interface ByAssetGroupRow {
  assetKind: string;
  ownerTeam: string | null;
  severityRank: number;
  a: number;
  b: number;
}

export interface MttrRow {
  month: string;
  severityRank: number;
  resolved: number;
  meanDays: number | null;
}

export interface DayCountRow {
  day: string;
  n: number;
}

export interface TransitionDayRow {
  day: string;
  closed: number;
  reopened: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

function scopeSql(s: MetricsScope): RawBuilder<boolean> | null {
  if (s.assetId) return sql<boolean>`f.asset_id = ${s.assetId}`;
  if (s.team)
    return sql<boolean>`f.asset_id in (select id from assets where owner_team = ${s.team})`;
  return null;
}

export function vulnMetricsRepo(db: Executor, dialect: Dialect) {
  /**
   * The findings table of a query. For one asset, SQLite is told to read that asset's index
   * range: with bound parameters its planner prefers the time-range covering indexes, which
   * hold every asset's rows.
   */
  const findings = (s: MetricsScope) =>
    s.assetId && dialect === "sqlite"
      ? sql.raw("vuln_findings f indexed by vuln_findings_asset_metrics")
      : sql.raw("vuln_findings f");
  const where = (s: MetricsScope) => {
    const w = scopeSql(s);
    return w ? sql`and ${w}` : sql``;
  };
  const inList = (xs: readonly string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  /** Days between two ISO text instants, as a SQL expression of the dialect. */
  const daysBetween = (from: string, to: string) =>
    dialect === "postgres"
      ? sql.raw(`extract(epoch from (${to}::timestamptz - ${from}::timestamptz)) / 86400.0`)
      : sql.raw(`julianday(${to}) - julianday(${from})`);

  return {
    /**
     * Open findings by severity × age bucket × SLA bucket. `ageEdges` are the instants that
     * start buckets 0–3 (first seen after edge[i] → bucket i); older is bucket 4.
     */
    async openAggregate(
      s: MetricsScope,
      open: readonly string[],
      t: { now: string; soon: string; ageEdges: readonly [string, string, string, string] },
    ): Promise<OpenAggregateRow[]> {
      const [e0, e1, e2, e3] = t.ageEdges;
      const r = await sql<{ severity_rank: number; age: number; sla: string; n: unknown }>`
        select f.severity_rank,
          case when f.first_seen_at > ${e0} then 0 when f.first_seen_at > ${e1} then 1
            when f.first_seen_at > ${e2} then 2 when f.first_seen_at > ${e3} then 3 else 4 end as age,
          case when f.sla_due_at is null then 'none' when f.sla_due_at < ${t.now} then 'breached'
            when f.sla_due_at < ${t.soon} then 'due_soon' else 'on_track' end as sla,
          count(*) as n
        from ${findings(s)}
        where f.status in (${inList(open)}) ${where(s)}
        group by 1, 2, 3`.execute(db);
      return r.rows.map((x) => ({
        severityRank: num(x.severity_rank),
        ageBucket: num(x.age),
        sla: x.sla as OpenAggregateRow["sla"],
        n: num(x.n),
      }));
    },

    /**
     * SLA compliance inputs by asset kind, owner team and severity: `a` = resolved in
     * [since, now] on or before the due date (met), `b` = resolved after it (missed). Findings
     * without a due date have no SLA and are left out.
     */
    async resolvedCompliance(s: MetricsScope, since: string): Promise<ByAssetGroupRow[]> {
      const r = await sql<Record<string, unknown>>`
        select a.kind as asset_kind, a.owner_team, x.severity_rank, sum(x.met) as a, sum(x.missed) as b
        from (
          select f.asset_id, f.severity_rank,
            sum(case when f.resolved_at <= f.sla_due_at then 1 else 0 end) as met,
            sum(case when f.resolved_at > f.sla_due_at then 1 else 0 end) as missed
          from ${findings(s)}
          where f.resolved_at >= ${since} and f.status = 'resolved' and f.sla_due_at is not null
            ${where(s)}
          group by f.asset_id, f.severity_rank
        ) x join assets a on a.id = x.asset_id
        group by a.kind, a.owner_team, x.severity_rank`.execute(db);
      return r.rows.map(groupRow);
    },

    /**
     * Open findings by asset kind, owner team and severity with a due date in [from, to):
     * `a` counts them. Breached = [−∞, now); due in 7 days = [now, now + 7 d).
     */
    async openDueBetween(
      s: MetricsScope,
      open: readonly string[],
      from: string | null,
      to: string,
    ): Promise<ByAssetGroupRow[]> {
      const lower = from === null ? sql`` : sql`and f.sla_due_at >= ${from}`;
      const r = await sql<Record<string, unknown>>`
        select a.kind as asset_kind, a.owner_team, x.severity_rank, sum(x.n) as a, 0 as b
        from (
          select f.asset_id, f.severity_rank, count(*) as n
          from ${findings(s)}
          where f.status in (${inList(open)}) and f.sla_due_at < ${to} ${lower} ${where(s)}
          group by f.asset_id, f.severity_rank
        ) x join assets a on a.id = x.asset_id
        group by a.kind, a.owner_team, x.severity_rank`.execute(db);
      return r.rows.map(groupRow);
    },

    /** Findings resolved since `since`, by month of resolution and severity, with mean days. */
    async mttr(s: MetricsScope, since: string): Promise<MttrRow[]> {
      const r = await sql<Record<string, unknown>>`
        select substr(f.resolved_at, 1, 7) as month, f.severity_rank, count(*) as n,
          avg(${daysBetween("f.first_seen_at", "f.resolved_at")}) as mean_days
        from ${findings(s)}
        where f.resolved_at >= ${since} and f.status = 'resolved' ${where(s)}
        group by 1, 2`.execute(db);
      return r.rows.map((x) => ({
        month: String(x.month),
        severityRank: num(x.severity_rank),
        resolved: num(x.n),
        meanDays: x.mean_days === null ? null : Number(x.mean_days),
      }));
    },

    /** Findings first detected per UTC day since `since`. */
    async detectedByDay(s: MetricsScope, since: string): Promise<DayCountRow[]> {
      const r = await sql<Record<string, unknown>>`
        select substr(f.first_seen_at, 1, 10) as day, count(*) as n
        from ${findings(s)}
        where f.first_seen_at >= ${since} ${where(s)}
        group by 1`.execute(db);
      return r.rows.map((x) => ({ day: String(x.day), n: num(x.n) }));
    },

    /** Findings resolved (fixed) per UTC day since `since`. */
    async resolvedByDay(s: MetricsScope, since: string): Promise<DayCountRow[]> {
      const r = await sql<Record<string, unknown>>`
        select substr(f.resolved_at, 1, 10) as day, count(*) as n from ${findings(s)}
        where f.resolved_at >= ${since} and f.status = 'resolved' ${where(s)}
        group by 1`.execute(db);
      return r.rows.map((x) => ({ day: String(x.day), n: num(x.n) }));
    },

    /**
     * Status transitions per UTC day since `since`, from the event log: open → closed
     * (resolved, dismissed) and closed → open (reactivated, reopened).
     */
    async transitionsByDay(
      s: MetricsScope,
      open: readonly string[],
      closed: readonly string[],
      since: string,
    ): Promise<TransitionDayRow[]> {
      const w = scopeSql(s);
      // Scoped: from the scope's findings to their events (events by finding and time).
      const source = w
        ? sql`${findings(s)} join vuln_finding_events e on e.finding_id = f.id and ${w}`
        : sql`vuln_finding_events e`;
      const r = await sql<Record<string, unknown>>`
        select substr(e.at, 1, 10) as day,
          sum(case when e.from_status in (${inList(open)}) and e.to_status in (${inList(closed)})
            then 1 else 0 end) as closed,
          sum(case when e.from_status in (${inList(closed)}) and e.to_status in (${inList(open)})
            then 1 else 0 end) as reopened
        from ${source}
        where e.at >= ${since} and e.from_status is not null and e.to_status is not null
        group by 1`.execute(db);
      return r.rows.map((x) => ({
        day: String(x.day),
        closed: num(x.closed),
        reopened: num(x.reopened),
      }));
    },
  };
}
export type VulnMetricsRepo = ReturnType<typeof vulnMetricsRepo>;

function groupRow(x: Record<string, unknown>): ByAssetGroupRow {
  return {
    assetKind: String(x.asset_kind),
    ownerTeam: x.owner_team === null ? null : (x.owner_team as string),
    severityRank: num(x.severity_rank),
    a: num(x.a),
    b: num(x.b),
  };
}
