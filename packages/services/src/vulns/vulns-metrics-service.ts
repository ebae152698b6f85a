import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { requirePermission } from "../shared/service-context";
import { OPEN_STATUSES } from "./reconcile-fns";
import { AGE_EDGE_DAYS, refreshDailyCounts } from "./vulns-daily-refresh";
import { resolveAssetRef } from "./vulns-sla-service";
import { currentSlaPolicy } from "./sla-recompute-runner";
import {
  AGE_BUCKETS,
  burndown,
  complianceBy,
  daysFrom,
  dueByOwner,
  emptySeverityCounts,
  monthsFrom,
  overallCompliance,
  severityOfRank,
} from "./vulns-metrics-rollup";

const DAY = 86_400_000;
const CLOSED_STATUSES = ["resolved", "dismissed"] as const;

export interface DashboardInput {
  asset?: string;
  team?: string;
  days: number;
  months: number;
}

type Repos = ServiceDeps["store"];
type GroupRow = Awaited<ReturnType<Repos["vulnMetrics"]["resolvedCompliance"]>>[number];
type OpenRow = Awaited<ReturnType<Repos["vulnDailyCounts"]["openBySeverity"]>>[number];
type MttrRow = Awaited<ReturnType<Repos["vulnMetrics"]["mttr"]>>[number];
type FlowRow = Awaited<ReturnType<Repos["vulnDailyCounts"]["flowsByDay"]>>[number];

/** What the dashboard is computed from, whichever source produced it. */
interface MetricsInputs {
  asOf: string;
  open: OpenRow[];
  resolved: GroupRow[];
  breached: GroupRow[];
  due7: GroupRow[];
  mttr: MttrRow[];
  flows: FlowRow[];
}

/**
 * The vulnerability dashboard (issue 4: "metrics computed from the status-event log"). The
 * whole fleet and a team read the daily-counts summary the SLA sweep maintains (as of its last
 * run); one asset's few thousand findings are aggregated live. Every number is a SQL aggregate;
 * definitions in docs/vulns/sla-and-metrics.md.
 */
export function createVulnMetricsService(deps: ServiceDeps, opts: { policy?: SlaPolicy } = {}) {
  const { store, clock } = deps;
  // The stored (edited) policy's window, read per request: an edit applies without a restart.
  const soonDays = async () => (await currentSlaPolicy(store, opts.policy)).dueSoonDays;
  const iso = (t: number) => new Date(t).toISOString();

  async function fromSummary(team: string | undefined, since: string, firstMonth: string) {
    const d = store.vulnDailyCounts;
    let snap = await d.lastSnapshot();
    if (!snap) {
      // First use before any sweep: build the summary now (later sweeps keep it current).
      await refreshDailyCounts(store, clock.now(), await soonDays());
      snap = await d.lastSnapshot();
    }
    const sinceDay = since.slice(0, 10);
    const [open, resolved, breached, due7, mttr, flows] = await Promise.all([
      d.openBySeverity(team),
      d.resolvedCompliance(sinceDay, team),
      d.openGroups("breached", team),
      d.openGroups("due7", team),
      d.mttr(firstMonth.slice(0, 10), team),
      d.flowsByDay(sinceDay, team),
    ]);
    const asOf = snap?.computedAt ?? clock.now().toISOString();
    return { asOf, open, resolved, breached, due7, mttr, flows } satisfies MetricsInputs;
  }

  async function live(assetId: string, since: string, firstMonth: string) {
    const m = store.vulnMetrics;
    const scope = { assetId };
    const nowMs = clock.now().getTime();
    const now = iso(nowMs);
    const dueSoonDays = await soonDays();
    const [agg, resolved, breached, due7, mttr, detected, transitions, resolvedDays] =
      await Promise.all([
        m.openAggregate(scope, OPEN_STATUSES, {
          now,
          soon: iso(nowMs + dueSoonDays * DAY),
          ageEdges: AGE_EDGE_DAYS.map((d) => iso(nowMs - d * DAY)) as [
            string,
            string,
            string,
            string,
          ],
        }),
        m.resolvedCompliance(scope, since),
        m.openDueBetween(scope, OPEN_STATUSES, null, now),
        m.openDueBetween(scope, OPEN_STATUSES, now, iso(nowMs + 7 * DAY)),
        m.mttr(scope, firstMonth),
        m.detectedByDay(scope, since),
        m.transitionsByDay(scope, OPEN_STATUSES, CLOSED_STATUSES, since),
        m.resolvedByDay(scope, since),
      ]);
    const open = new Map<number, OpenRow>();
    for (const r of agg) {
      const o = open.get(r.severityRank) ?? {
        severityRank: r.severityRank,
        open: 0,
        breached: 0,
        dueSoon: 0,
        noSla: 0,
        ages: [0, 0, 0, 0, 0],
      };
      o.open += r.n;
      if (r.sla === "breached") o.breached += r.n;
      if (r.sla === "due_soon") o.dueSoon += r.n;
      if (r.sla === "none") o.noSla += r.n;
      o.ages[r.ageBucket] = (o.ages[r.ageBucket] ?? 0) + r.n;
      open.set(r.severityRank, o);
    }
    const flows = new Map<string, FlowRow>();
    const flow = (day: string) => {
      let f = flows.get(day);
      if (!f) flows.set(day, (f = { day, detected: 0, closed: 0, reopened: 0, resolved: 0 }));
      return f;
    };
    for (const r of detected) flow(r.day).detected += r.n;
    for (const r of resolvedDays) flow(r.day).resolved += r.n;
    for (const r of transitions) {
      flow(r.day).closed += r.closed;
      flow(r.day).reopened += r.reopened;
    }
    return {
      asOf: now,
      open: [...open.values()],
      resolved,
      breached,
      due7,
      mttr,
      flows: [...flows.values()],
    } satisfies MetricsInputs;
  }

  return {
    async dashboard(ctx: Ctx, q: DashboardInput) {
      requirePermission(ctx, "vulns:read");
      const asset = q.asset ? await resolveAssetRef(store, q.asset) : null;
      const team = asset ? undefined : q.team;
      const nowDate = clock.now();
      const nowMs = nowDate.getTime();
      const todayMs = Date.UTC(
        nowDate.getUTCFullYear(),
        nowDate.getUTCMonth(),
        nowDate.getUTCDate(),
      );
      const sinceMs = todayMs - (q.days - 1) * DAY;
      const since = iso(sinceMs);
      const firstMonth = new Date(
        Date.UTC(nowDate.getUTCFullYear(), nowDate.getUTCMonth() - (q.months - 1), 1),
      );
      const inputs: MetricsInputs = asset
        ? await live(asset.id, since, firstMonth.toISOString())
        : await fromSummary(team, since, firstMonth.toISOString());
      const { open, resolved, breached, due7, mttr, flows } = inputs;

      const openBySeverity = emptySeverityCounts();
      const byAge = new Map<Severity, number[]>(SEVERITIES.map((s) => [s, [0, 0, 0, 0, 0]]));
      const bySla = { breached: 0, dueSoon: 0, noSla: 0 };
      for (const r of open) {
        const sev = severityOfRank(r.severityRank);
        openBySeverity[sev] += r.open;
        const ages = byAge.get(sev)!;
        r.ages.forEach((n, i) => (ages[i] = (ages[i] ?? 0) + n));
        bySla.breached += r.breached;
        bySla.dueSoon += r.dueSoon;
        bySla.noSla += r.noSla;
      }
      const openTotal = Object.values(openBySeverity).reduce((s, n) => s + n, 0);
      const inWindow = flows.filter((f) => f.day >= since.slice(0, 10));

      const mttrKey = new Map(mttr.map((r) => [`${r.month}|${r.severityRank}`, r]));
      const severityKey = (r: { severityRank: number }) => severityOfRank(r.severityRank);
      const slaSeverities = SEVERITIES.filter((s) => s !== "info");
      return {
        generatedAt: iso(nowMs),
        scope: {
          asset,
          team: team ?? null,
          days: q.days,
          months: q.months,
          since,
          asOf: inputs.asOf,
        },
        totals: {
          open: openTotal,
          breached: bySla.breached,
          dueSoon: bySla.dueSoon,
          onTrack: openTotal - bySla.breached - bySla.dueSoon - bySla.noSla,
          noSla: bySla.noSla,
          resolvedInWindow: inWindow.reduce((s, f) => s + f.resolved, 0),
          detectedInWindow: inWindow.reduce((s, f) => s + f.detected, 0),
          openBySeverity,
        },
        openByAge: {
          buckets: [...AGE_BUCKETS],
          rows: SEVERITIES.map((severity) => {
            const counts = byAge.get(severity)!;
            return { severity, counts, total: counts.reduce((s, n) => s + n, 0) };
          }),
        },
        slaCompliance: {
          windowDays: q.days,
          overall: overallCompliance(resolved, breached),
          bySeverity: complianceBy(resolved, breached, severityKey, slaSeverities),
          byTeam: complianceBy(resolved, breached, (r) => r.ownerTeam),
          byAssetKind: complianceBy(resolved, breached, (r) => r.assetKind),
        },
        mttr: monthsFrom(firstMonth, nowDate).flatMap((month) =>
          SEVERITIES.map((severity) => {
            const r = mttrKey.get(`${month}|${4 - SEVERITIES.indexOf(severity)}`);
            return {
              month,
              severity,
              resolved: r?.resolved ?? 0,
              meanDays: r?.meanDays == null ? null : Math.round(r.meanDays * 10) / 10,
            };
          }),
        ),
        dueNext7Days: dueByOwner(due7),
        burndown: burndown(
          daysFrom(sinceMs, nowMs),
          openTotal,
          new Map(inWindow.map((f) => [f.day, f.detected])),
          new Map(inWindow.map((f) => [f.day, f.closed])),
          new Map(inWindow.map((f) => [f.day, f.reopened])),
        ),
      };
    },
  };
}
export type VulnMetricsService = ReturnType<typeof createVulnMetricsService>;
