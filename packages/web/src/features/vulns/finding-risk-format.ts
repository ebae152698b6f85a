import type {
  VulnCvss,
  VulnEpss,
  VulnKev,
  VulnPriority,
  VulnPriorityFactor,
  VulnSlaState,
  VulnFinding,
} from "@infrasec/contracts";
import { epssPercent } from "./priority-format";

/**
 * How a finding's risk signals read on its detail page: the priority as the sum of its
 * factors (the arithmetic written out), EPSS as a probability with its percentile, the KEV
 * entry with CISA's due date, and the CVSS version, score and vector.
 */

/**
 * Lower bounds of the bands P1, P2, P3 of the default model (below P3 is P4). Mirrors
 * DEFAULT_PRIORITY_MODEL.bands of @infrasec/engines/vulns; a test keeps the two equal.
 */
export const DEFAULT_MODEL_ID = "infrasec-priority@1";
export const DEFAULT_BANDS: readonly [number, number, number] = [75, 55, 35];

export const FACTOR_LABELS: Readonly<Record<VulnPriorityFactor["factor"], string>> = {
  severity: "Severity",
  exploitation: "Exploitation",
  exposure: "Exposure",
  criticality: "Asset criticality",
};

/** Scores keep at most one decimal, as the model rounds them. */
function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * The sum behind the score, e.g. "47.5 + 25 + 10 + 15 = 97.5", with the cap at 100 and the
 * band thresholds spelled out when the score came from the default model.
 */
export function priorityArithmetic(p: Pick<VulnPriority, "score" | "band" | "model" | "factors">): {
  sum: string;
  band: string;
} {
  const total = p.factors.reduce((s, f) => s + f.points, 0);
  const terms = p.factors.map((f) => num(f.points)).join(" + ");
  const capped = Math.round(total * 10) / 10 > p.score ? `, capped at ${num(p.score)}` : "";
  const sum = `${terms} = ${num(total)}${capped} of 100`;
  if (p.model !== DEFAULT_MODEL_ID) return { sum, band: `${p.band} under model ${p.model}` };
  const [p1, p2, p3] = DEFAULT_BANDS;
  const rule = `P1 from ${p1}, P2 from ${p2}, P3 from ${p3}, P4 below`;
  return { sum, band: `${num(p.score)} → ${p.band} (${rule})` };
}

/** "severity 47.5 of 50" with what the points came from. */
export function factorLine(f: VulnPriorityFactor): string {
  return `${num(f.points)} of ${num(f.max)}`;
}

/** "0.973 (97 % chance of exploitation activity within 30 days; percentile 99.9: …)". */
export function epssText(epss: VulnEpss): string {
  const pct = `${epssPercent(epss.score)} chance of exploitation activity within 30 days`;
  const percentile =
    epss.percentile === null
      ? ""
      : `; percentile ${num(epss.percentile * 100)}: as high as or higher than ${num(epss.percentile * 100)} % of scored CVEs`;
  return `${epss.score.toFixed(3)} (${pct}${percentile})`;
}

/** The KEV line: when CISA listed it, its due date (past or not) and ransomware use. */
export function kevText(kev: VulnKev, now: number): { text: string; overdue: boolean } {
  const parts = [`${kev.cve} listed on ${kev.dateAdded.slice(0, 10)}`];
  let overdue = false;
  if (kev.dueDate) {
    const due = Date.parse(kev.dueDate);
    overdue = !Number.isNaN(due) && due < now;
    parts.push(`CISA due date ${kev.dueDate.slice(0, 10)}${overdue ? " (passed)" : ""}`);
  }
  if (kev.ransomware) parts.push("known use in ransomware campaigns");
  return { text: parts.join(" · "), overdue };
}

/** "CVSS 3.1 · 9.8" or what is missing. */
export function cvssText(cvss: VulnCvss): string {
  if (cvss.score === null && cvss.vector === null) return "no CVSS score or vector known";
  const version = cvss.version ? `CVSS ${cvss.version}` : "CVSS (version unknown)";
  return cvss.score === null ? `${version} · no score` : `${version} · ${cvss.score.toFixed(1)}`;
}

const SLA_STATE_WORDS: Readonly<Record<VulnSlaState, string>> = {
  on_track: "on track",
  due_soon: "due soon",
  breached: "breached: past its due date",
  none: "no clock: no due date yet (for packages, the clock starts when a fix is available)",
};

/** The SLA state in words; a closed finding's clock is stopped, and says why. */
export function slaStateText(
  f: Pick<VulnFinding, "status" | "slaState" | "dismissalReason">,
): string {
  if (f.status === "resolved") return "stopped: resolved";
  if (f.status === "dismissed")
    return `stopped while dismissed${f.dismissalReason ? ` (${f.dismissalReason.replace(/_/g, " ")})` : ""}`;
  return SLA_STATE_WORDS[f.slaState];
}
