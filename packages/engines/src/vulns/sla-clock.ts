import type { Clock, Environment, Exposure, Severity } from "@infrasec/core";
import type { SlaPolicy } from "./sla-policy";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Everything the SLA of one (asset × vulnerability) depends on. Dates as Date or ISO strings. */
export interface SlaClockInput {
  severity: Severity;
  /** First detection of this vulnerability on this asset. */
  detectedAt: Date | string;
  /** Third-party package, image component or OS package (vs own code, image or config). */
  thirdParty: boolean;
  /** When a fixed version became available; null or absent = no fix yet. */
  fixAvailableAt?: Date | string | null;
  /** CISA KEV entry of any alias; absent = not in KEV (or not enriched). */
  kev?: { dueDate: Date | string; dateAdded?: Date | string | null } | null;
  /** EPSS probability (0–1) of the most exploitable alias. */
  epss?: number | null;
  asset?: { criticality?: number; environment?: Environment; exposure?: Exposure };
  /** Approved exception windows (risk acceptances); `to` null = still running. */
  exceptions?: readonly { from: Date | string; to?: Date | string | null }[];
  /** Last time the finding came back after being fixed. */
  reactivatedAt?: Date | string | null;
  /** When it was fixed (closes the clock). */
  resolvedAt?: Date | string | null;
}

/** Where a clock stands. `met` / `missed` once resolved; `not_started` while no fix exists. */
export type SlaStatus =
  "no_sla" | "not_started" | "on_track" | "due_soon" | "breached" | "paused" | "met" | "missed";

/** A computed clock with the reasons behind each number. */
export interface SlaClock {
  policy: string;
  status: SlaStatus;
  startAt: Date | null;
  targetDays: number | null;
  dueAt: Date | null;
  mitigateDueAt: Date | null;
  pausedMs: number;
  /** Milliseconds until due (negative once breached); null without a due date. */
  remainingMs: number | null;
  breachedAt: Date | null;
  explanation: string[];
}

/**
 * Computes the SLA clock of one (asset × vulnerability). Pure: the time comes from `clock`.
 * Order: severity target → asset overrides → exploitability rules → clock start (detection,
 * fix availability, reactivation) → exception pauses or restarts → KEV cap → status.
 */
export function computeSlaClock(input: SlaClockInput, policy: SlaPolicy, clock: Clock): SlaClock {
  const now = clock.now().getTime();
  const why: string[] = [];
  const base = {
    policy: `${policy.id}@${policy.version}`,
    pausedMs: 0,
    breachedAt: null,
    mitigateDueAt: null,
  };
  const target = policy.targets[input.severity];
  const detected = ms(input.detectedAt);
  if (target.remediateDays === null) {
    why.push(`no remediation SLA for ${input.severity} findings`);
    return {
      ...base,
      status: "no_sla",
      startAt: null,
      targetDays: null,
      dueAt: null,
      remainingMs: null,
      explanation: why,
    };
  }
  let days = target.remediateDays;
  why.push(`${input.severity}: ${days} days (${policy.name})`);
  for (const o of policy.overrides) {
    if (!overrideMatches(o.when, input)) continue;
    if (o.remediateDays !== undefined) days = o.remediateDays;
    if (o.factor !== undefined) days = Math.max(1, Math.round(days * o.factor));
    why.push(`override "${o.reason}": ${days} days`);
  }
  const exploitable =
    input.kev != null ||
    (policy.epssThreshold !== null && (input.epss ?? 0) >= policy.epssThreshold);
  const internet = input.asset?.exposure === "internet_facing";
  const rule = policy.exploitRules.find(
    (r) =>
      (r.when.exploitable === undefined || r.when.exploitable === exploitable) &&
      (r.when.internetFacing === undefined || r.when.internetFacing === internet),
  );
  if (rule && rule.days < days) {
    days = rule.days;
    why.push(`${rule.reason}: ${days} days`);
  }
  const mitigateDueAt = target.mitigateHours
    ? new Date(detected + target.mitigateHours * HOUR)
    : null;
  let start = detected;
  if (input.thirdParty && policy.thirdPartyClockStart === "fix_available") {
    if (input.fixAvailableAt == null) {
      why.push("third-party component without an available fix: the clock has not started");
      return {
        ...base,
        mitigateDueAt,
        status: "not_started",
        startAt: null,
        targetDays: days,
        dueAt: null,
        remainingMs: null,
        explanation: why,
      };
    }
    const fix = ms(input.fixAvailableAt);
    if (fix > start) why.push(`clock starts when the fix became available (${iso(fix)})`);
    start = Math.max(start, fix);
  } else why.push(`clock starts at first detection (${iso(start)})`);
  if (
    policy.restartOnReactivation &&
    input.reactivatedAt != null &&
    ms(input.reactivatedAt) > start
  ) {
    start = ms(input.reactivatedAt);
    why.push(`restarted on reactivation (${iso(start)})`);
  }
  const end = input.resolvedAt != null ? ms(input.resolvedAt) : now;
  const windows = mergeWindows(
    (input.exceptions ?? []).map((e) => [ms(e.from), e.to == null ? Infinity : ms(e.to)]),
  );
  const inException = windows.some(([a, b]) => a <= end && end < b);
  let pausedMs = 0;
  if (policy.exceptionEffect === "restart") {
    const lastEnd = Math.max(
      ...windows.map(([, b]) => b).filter((b) => b <= end && b > start),
      -Infinity,
    );
    if (lastEnd > start) {
      start = lastEnd;
      why.push(`restarted when an exception ended (${iso(start)})`);
    }
  } else if (policy.exceptionEffect === "pause") {
    for (const [a, b] of windows) pausedMs += Math.max(0, Math.min(b, end) - Math.max(a, start));
    if (pausedMs > 0) why.push(`paused ${fmtDuration(pausedMs)} by approved exceptions`);
  }
  let due = addDays(start, days, policy.calendar) + pausedMs;
  if (policy.calendar === "business") why.push("business days (Monday–Friday, UTC)");
  if (policy.kevCap && input.kev) {
    const kevDue = kevDeadline(input.kev, start);
    if (kevDue < due) {
      due = kevDue;
      why.push(kevCapReason(input.kev, kevDue));
    }
  }
  const status = statusOf(
    input.resolvedAt != null ? end : null,
    now,
    due,
    policy.dueSoonDays,
    inException,
  );
  return {
    ...base,
    status,
    startAt: new Date(start),
    targetDays: days,
    dueAt: new Date(due),
    mitigateDueAt,
    pausedMs,
    remainingMs: due - now,
    breachedAt:
      status === "breached" || status === "missed" || (status === "paused" && now > due)
        ? new Date(due)
        : null,
    explanation: why,
  };
}

/**
 * A finding's clock over its assets: the earliest deadline wins (domain brief §14.6); the
 * explanation names which asset's clock that is.
 */
export function combineClocks(
  clocks: readonly { asset: string; clock: SlaClock }[],
): { asset: string; clock: SlaClock } | null {
  let best: { asset: string; clock: SlaClock } | null = null;
  for (const c of clocks) {
    if (c.clock.dueAt === null) continue;
    if (c.clock.status === "met" || c.clock.status === "missed") continue;
    if (!best || c.clock.dueAt < best.clock.dueAt!) best = c;
  }
  return best;
}

function statusOf(
  resolved: number | null,
  now: number,
  due: number,
  soonDays: number,
  paused: boolean,
): SlaStatus {
  if (resolved !== null) return resolved <= due ? "met" : "missed";
  if (paused) return "paused";
  if (now > due) return "breached";
  return now >= due - soonDays * DAY ? "due_soon" : "on_track";
}

function overrideMatches(w: SlaPolicyOverrideWhen, input: SlaClockInput): boolean {
  const a = input.asset ?? {};
  if (w.severity && !w.severity.includes(input.severity)) return false;
  if (w.criticality && (a.criticality === undefined || !w.criticality.includes(a.criticality)))
    return false;
  if (w.environment && (a.environment === undefined || !w.environment.includes(a.environment)))
    return false;
  if (w.exposure && (a.exposure === undefined || !w.exposure.includes(a.exposure))) return false;
  return true;
}
type SlaPolicyOverrideWhen = SlaPolicy["overrides"][number]["when"];

/** Adds calendar days, or business days (skipping Saturday and Sunday, UTC). */
export function addDays(start: number, days: number, calendar: "calendar" | "business"): number {
  if (calendar === "calendar") return start + days * DAY;
  let t = start;
  let left = days;
  while (left > 0) {
    t += DAY;
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return t;
}

function mergeWindows(ws: [number, number][]): [number, number][] {
  const sorted = ws.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else out.push([w[0], w[1]]);
  }
  return out;
}

function ms(d: Date | string): number {
  const t = typeof d === "string" ? Date.parse(d) : d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`invalid date: ${String(d)}`);
  return t;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function fmtDuration(d: number): string {
  return d >= DAY ? `${Math.round((d / DAY) * 10) / 10} days` : `${Math.round(d / HOUR)} hours`;
}

/**
 * The deadline a CISA KEV entry sets for a clock that started at `startMs`. KEV due dates are
 * absolute (BOD 22-01: the same date for every agency), so a finding found before its KEV due
 * date is due on it. A finding first found after that date had passed gets KEV's window
 * (`dueDate - dateAdded`, usually 14 or 21 days) from its own start, instead of a deadline that
 * was already missed when it was found (without `dateAdded`: due at its start).
 */
export function kevDeadline(
  kev: { dueDate: Date | string; dateAdded?: Date | string | null },
  startMs: number,
): number {
  const due = ms(kev.dueDate);
  if (due >= startMs) return due;
  const window = kev.dateAdded != null ? Math.max(0, due - ms(kev.dateAdded)) : 0;
  return startMs + window;
}

/** The explanation line of a KEV cap (also written into the finding's history). */
export function kevCapReason(
  kev: { dueDate: Date | string; dateAdded?: Date | string | null },
  capMs: number,
): string {
  const due = ms(kev.dueDate);
  return capMs === due
    ? `capped by the CISA KEV due date ${iso(due)}`
    : `capped by the CISA KEV window (${iso(due)} for agencies, applied from this finding's start): ${iso(capMs)}`;
}
