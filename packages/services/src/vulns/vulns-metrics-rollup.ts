import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";

/**
 * Turns the metrics repository's grouped counts (at most kinds × teams × severities rows) into
 * the dashboard's series. No finding is read here: only aggregate rows.
 */

type GroupRow = Awaited<ReturnType<Repos["vulnMetrics"]["resolvedCompliance"]>>[number];

export const AGE_BUCKETS = ["0-7", "8-30", "31-90", "91-180", "181+"] as const;
const DAY = 86_400_000;

/** critical 4 … info 0 (vuln_findings.severity_rank) → severity. */
export function severityOfRank(rank: number): Severity {
  return SEVERITIES[4 - rank] ?? "info";
}

export function emptySeverityCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export interface ComplianceRow {
  key: string | null;
  met: number;
  missed: number;
  openBreached: number;
  compliancePct: number | null;
}

function pct(met: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((met / denominator) * 1000) / 10;
}

/**
 * SLA compliance rows keyed by `keyOf` (severity, team, asset kind): met / (met + missed +
 * open breached). Severity rows always list critical to low (info has no SLA unless a policy
 * gives it one: listed when it has data); other keys are sorted, null (no owner) last.
 */
export function complianceBy(
  resolved: readonly GroupRow[],
  breached: readonly GroupRow[],
  keyOf: (r: GroupRow) => string | null,
  fixedKeys: readonly string[] = [],
): ComplianceRow[] {
  const acc = new Map<string | null, { met: number; missed: number; openBreached: number }>();
  const get = (k: string | null) => {
    let v = acc.get(k);
    if (!v) acc.set(k, (v = { met: 0, missed: 0, openBreached: 0 }));
    return v;
  };
  for (const k of fixedKeys) get(k);
  for (const r of resolved) {
    const v = get(keyOf(r));
    v.met += r.a;
    v.missed += r.b;
  }
  for (const r of breached) get(keyOf(r)).openBreached += r.a;
  const keys = [...acc.keys()];
  const ordered = fixedKeys.length
    ? [...fixedKeys, ...keys.filter((k) => k === null || !fixedKeys.includes(k))]
    : keys.sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return ordered.map((key) => {
    const v = acc.get(key)!;
    return { key, ...v, compliancePct: pct(v.met, v.met + v.missed + v.openBreached) };
  });
}

export function overallCompliance(
  resolved: readonly GroupRow[],
  breached: readonly GroupRow[],
): ComplianceRow {
  const met = resolved.reduce((s, r) => s + r.a, 0);
  const missed = resolved.reduce((s, r) => s + r.b, 0);
  const openBreached = breached.reduce((s, r) => s + r.a, 0);
  return {
    key: null,
    met,
    missed,
    openBreached,
    compliancePct: pct(met, met + missed + openBreached),
  };
}

/** Due-in-7-days rows by owner team, most first (then by name, unowned last). */
export function dueByOwner(rows: readonly GroupRow[]) {
  const acc = new Map<string | null, Record<Severity, number>>();
  for (const r of rows) {
    const c = acc.get(r.ownerTeam) ?? emptySeverityCounts();
    c[severityOfRank(r.severityRank)] += r.a;
    acc.set(r.ownerTeam, c);
  }
  return [...acc.entries()]
    .map(([ownerTeam, bySeverity]) => ({
      ownerTeam,
      total: Object.values(bySeverity).reduce((s, n) => s + n, 0),
      bySeverity,
    }))
    .sort(
      (a, b) =>
        b.total - a.total ||
        (a.ownerTeam === null
          ? 1
          : b.ownerTeam === null
            ? -1
            : a.ownerTeam.localeCompare(b.ownerTeam)),
    );
}

/** The UTC days from `since` (a midnight) to `now`'s day, as YYYY-MM-DD. */
export function daysFrom(sinceMs: number, nowMs: number): string[] {
  const out: string[] = [];
  for (let t = sinceMs; t <= nowMs; t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The months (YYYY-MM) from `first` to `now`'s month. */
export function monthsFrom(first: Date, now: Date): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
  while (d.getTime() <= now.getTime()) {
    out.push(d.toISOString().slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

/**
 * Open count at the end of each day, walking back from the open count now: the day before
 * had what today has minus today's detections and reopenings plus today's closures.
 */
export function burndown(
  days: readonly string[],
  openNow: number,
  detected: ReadonlyMap<string, number>,
  closed: ReadonlyMap<string, number>,
  reopened: ReadonlyMap<string, number>,
) {
  const out: { day: string; open: number; detected: number; closed: number }[] = [];
  let open = openNow;
  for (let i = days.length - 1; i >= 0; i--) {
    const day = days[i]!;
    const d = detected.get(day) ?? 0;
    const c = closed.get(day) ?? 0;
    out.push({ day, open, detected: d, closed: c });
    open = open - d - (reopened.get(day) ?? 0) + c;
  }
  return out.reverse();
}
