import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { VulnSlaPolicy, VulnSlaPolicyEdit, VulnSlaRecompute } from "@infrasec/contracts";

/**
 * How the patching (SLA) policy reads on its page, and the edit form's draft → request body.
 * The form checks only that numbers are whole numbers; ranges and cross-field rules are the
 * server's (slaPolicyProblems), whose 400 errors are shown next to the fields.
 */

export const CLOCK_START_LABELS: Readonly<Record<VulnSlaPolicy["thirdPartyClockStart"], string>> = {
  detection: "at detection",
  fix_available: "when a fix is available",
};

export const EXCEPTION_EFFECT_LABELS: Readonly<Record<VulnSlaPolicy["exceptionEffect"], string>> = {
  pause: "pauses the clock",
  restart: "restarts the clock",
  none: "does not stop the clock",
};

/** "30 days", "1 day", or "no deadline" (a severity without a remediation SLA). */
export function daysLabel(days: number | null | undefined): string {
  if (days === null || days === undefined) return "no deadline";
  return `${days} day${days === 1 ? "" : "s"}`;
}

/** "24 hours" or "—" when the severity has no mitigation target. */
export function hoursLabel(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return "—";
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

/** "criticality 1, 2 · environment production: 15 days (tier-1 services)". */
export function overrideSummary(o: VulnSlaPolicy["overrides"][number]): string {
  const when = [
    o.when.criticality?.length ? `criticality ${o.when.criticality.join(", ")}` : null,
    o.when.environment?.length ? `environment ${o.when.environment.join(", ")}` : null,
    o.when.exposure?.length ? `exposure ${o.when.exposure.join(", ")}` : null,
    o.when.severity?.length ? `severity ${o.when.severity.join(", ")}` : null,
  ].filter((p): p is string => p !== null);
  const effect =
    o.remediateDays !== undefined
      ? daysLabel(o.remediateDays)
      : o.factor !== undefined
        ? `× ${o.factor}`
        : "no change";
  return `${when.length > 0 ? when.join(" · ") : "every asset"}: ${effect} (${o.reason})`;
}

/** "running: 120 of 480 findings (25 %)", "done: 480 findings, 37 deadlines moved". */
export function recomputeSummary(t: VulnSlaRecompute): string {
  const n = (k: number) => `${k} finding${k === 1 ? "" : "s"}`;
  switch (t.status) {
    case "queued":
      return `queued: ${n(t.total)} to recompute`;
    case "running":
      return `running: ${t.done} of ${n(t.total)} (${recomputePercent(t)} %)`;
    case "done":
      return `done: ${n(t.done)} recomputed, ${t.changed} deadline${t.changed === 1 ? "" : "s"} moved`;
    case "failed":
      return `failed after ${t.done} of ${n(t.total)}: ${t.error ?? "no error recorded"}`;
  }
}

/** Whole percent done; an empty task (no open findings) counts as complete. */
export function recomputePercent(t: Pick<VulnSlaRecompute, "done" | "total">): number {
  if (t.total <= 0) return 100;
  return Math.min(100, Math.floor((t.done * 100) / t.total));
}

export function isRecomputeActive(t: Pick<VulnSlaRecompute, "status">): boolean {
  return t.status === "queued" || t.status === "running";
}

/** The edit form's fields, as typed (text, so an empty box means "none"). */
export interface SlaPolicyDraft {
  targets: Record<Severity, { remediateDays: string; mitigateHours: string }>;
  thirdPartyClockStart: VulnSlaPolicy["thirdPartyClockStart"];
  dueSoonDays: string;
}

export function draftOf(p: VulnSlaPolicy): SlaPolicyDraft {
  const text = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  const targets = {} as SlaPolicyDraft["targets"];
  for (const s of SEVERITIES) {
    targets[s] = {
      remediateDays: text(p.targets[s].remediateDays),
      mitigateHours: text(p.targets[s].mitigateHours),
    };
  }
  return {
    targets,
    thirdPartyClockStart: p.thirdPartyClockStart,
    dueSoonDays: text(p.dueSoonDays),
  };
}

/** Draft → edit body; problems are keyed like the server's field paths. */
export function slaPolicyEditBody(
  d: SlaPolicyDraft,
): { ok: true; body: VulnSlaPolicyEdit } | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const whole = (path: string, v: string, optional: boolean): number | null => {
    const t = v.trim();
    if (t === "") {
      if (!optional) problems[path] = "Enter a whole number";
      return null;
    }
    if (!/^\d+$/.test(t)) {
      problems[path] = `"${t}" is not a whole number`;
      return null;
    }
    return Number(t);
  };
  const targets = {} as NonNullable<VulnSlaPolicyEdit["targets"]>;
  for (const s of SEVERITIES) {
    const remediateDays = whole(`targets.${s}.remediateDays`, d.targets[s].remediateDays, true);
    const mitigateHours = whole(`targets.${s}.mitigateHours`, d.targets[s].mitigateHours, true);
    // An empty mitigation box is left out (as the presets do), so an unchanged target stays
    // equal and the audit event names only the fields really edited.
    targets[s] = mitigateHours === null ? { remediateDays } : { remediateDays, mitigateHours };
  }
  const dueSoonDays = whole("dueSoonDays", d.dueSoonDays, false);
  if (Object.keys(problems).length > 0 || dueSoonDays === null) return { ok: false, problems };
  return {
    ok: true,
    body: { targets, thirdPartyClockStart: d.thirdPartyClockStart, dueSoonDays },
  };
}
