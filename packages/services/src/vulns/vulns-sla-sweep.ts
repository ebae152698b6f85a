import { slaTransition } from "@infrasec/engines/vulns";
import type { SlaEvent, SlaStatus } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import { OPEN_STATUSES } from "./reconcile-fns";

/**
 * The rules of the SLA sweep, apart from storage: which stored state a finding should have now,
 * which slices of (stored state, status, due date) can hold a finding whose state moved, and
 * which event a move emits. The due date itself is the SLA engine's (computeSlaClock at import,
 * stored in sla_due_at); the list's `sla` filter classifies the same due date the same way.
 */

export type StoredSlaState = "on_track" | "due_soon" | "breached" | "met" | "missed" | "none";
type SweepSlice = Parameters<Repos["vulnSla"]["sweepPage"]>[0];
type SweepRow = Awaited<ReturnType<Repos["vulnSla"]["sweepPage"]>>[number];

const OPEN_STATES: readonly StoredSlaState[] = ["on_track", "due_soon", "breached"];
const DAY = 86_400_000;

/** The state a finding should have at `now` (ISO), with `soon` = now + the warning window. */
export function targetSlaState(
  f: { status: string; slaDueAt: string | null; resolvedAt: string | null },
  now: string,
  soon: string,
): StoredSlaState {
  if (f.slaDueAt === null) return "none";
  if ((OPEN_STATUSES as readonly string[]).includes(f.status)) {
    if (f.slaDueAt < now) return "breached";
    return f.slaDueAt < soon ? "due_soon" : "on_track";
  }
  // Fixed: on time or late. Dismissed findings were not remediated: no SLA outcome.
  if (f.status === "resolved" && f.resolvedAt !== null) {
    return f.resolvedAt <= f.slaDueAt ? "met" : "missed";
  }
  return "none";
}

/**
 * The event a move records, per the engine's slaTransition (once per transition). Met and
 * missed are recorded only for findings that had a running clock when the sweep last saw them:
 * history resolved before SLA sweeps existed gets its state without an event.
 */
export function sweepEvent(prev: StoredSlaState | null, next: StoredSlaState): SlaEvent | null {
  const toStatus = (s: StoredSlaState): SlaStatus => (s === "none" ? "no_sla" : s);
  const ev = slaTransition(prev === null ? null : toStatus(prev), toStatus(next));
  if ((ev === "met" || ev === "missed") && !(prev !== null && OPEN_STATES.includes(prev))) {
    return null;
  }
  return ev;
}

export function soonOf(nowMs: number, dueSoonDays: number): string {
  return new Date(nowMs + dueSoonDays * DAY).toISOString();
}

/**
 * Every slice that can hold a finding whose stored state differs from its state at `now`;
 * together they are exactly those findings (a finding in none of them is up to date), so an
 * up-to-date database costs one empty index range read per slice.
 */
export function sweepSlices(now: string, soon: string): SweepSlice[] {
  const out: SweepSlice[] = [];
  const anyDue = (state: StoredSlaState | null, status: string) => {
    out.push({ state, status, due: { kind: "null" } });
    out.push({ state, status, due: { kind: "range" } });
  };
  for (const status of OPEN_STATUSES) {
    anyDue(null, status);
    out.push({ state: "none", status, due: { kind: "range" } });
    out.push({ state: "on_track", status, due: { kind: "null" } });
    out.push({ state: "on_track", status, due: { kind: "range", to: soon } });
    out.push({ state: "due_soon", status, due: { kind: "null" } });
    out.push({ state: "due_soon", status, due: { kind: "range", to: now } });
    out.push({ state: "due_soon", status, due: { kind: "range", from: soon } });
    out.push({ state: "breached", status, due: { kind: "null" } });
    out.push({ state: "breached", status, due: { kind: "range", from: now } });
    anyDue("met", status);
    anyDue("missed", status);
  }
  anyDue(null, "resolved");
  for (const s of OPEN_STATES) anyDue(s, "resolved");
  out.push({ state: "none", status: "resolved", due: { kind: "range" } });
  anyDue(null, "dismissed");
  for (const s of [...OPEN_STATES, "met", "missed"] as const) anyDue(s, "dismissed");
  return out;
}

/** Rows of one page grouped by the compare-and-set they need: (status, from, to). */
export function groupMoves(
  rows: readonly SweepRow[],
  now: string,
  soon: string,
): { status: string; from: StoredSlaState | null; to: StoredSlaState; rows: SweepRow[] }[] {
  const groups = new Map<
    string,
    { status: string; from: StoredSlaState | null; to: StoredSlaState; rows: SweepRow[] }
  >();
  for (const r of rows) {
    const to = targetSlaState(r, now, soon);
    const from = r.slaState as StoredSlaState | null;
    if (from === to) continue;
    const key = `${r.status}|${from ?? ""}|${to}`;
    const g = groups.get(key) ?? { status: r.status, from, to, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.values()];
}
