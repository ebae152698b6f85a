import type { Environment, Exposure, Severity } from "@infrasec/core";

/** Time allowed for one severity: remediation in days, optional first mitigation in hours. */
export interface SlaTarget {
  /** null: no remediation SLA for this severity (informational). */
  remediateDays: number | null;
  mitigateHours?: number | null;
}

/** An adjustment for assets matching `when` (all given fields must match). */
export interface SlaOverride {
  when: {
    criticality?: number[];
    environment?: Environment[];
    exposure?: Exposure[];
    severity?: Severity[];
  };
  /** Replace the days... */
  remediateDays?: number;
  /** ...or scale them (0.5 = half the time). Applied after a replacement. */
  factor?: number;
  reason: string;
}

/**
 * FedRAMP-VDR-style rule: a deadline in days for findings that are exploitable (KEV, or EPSS at
 * or above the policy threshold) and/or internet-facing. The first matching rule caps the days.
 */
export interface ExploitRule {
  when: { exploitable?: boolean; internetFacing?: boolean };
  days: number;
  reason: string;
}

/** A remediation policy as data. Versioned: stored clocks name the policy id and version. */
export interface SlaPolicy {
  id: string;
  version: number;
  name: string;
  targets: Readonly<Record<Severity, SlaTarget>>;
  /** Third-party packages and image components: start the clock at detection or when a fix exists. */
  thirdPartyClockStart: "detection" | "fix_available";
  /** A CISA KEV `dueDate` caps the deadline (a policy option: KEV dates are US-federal). */
  kevCap: boolean;
  /** EPSS probability at or above which a finding counts as exploitable; null: EPSS not used. */
  epssThreshold: number | null;
  exploitRules: readonly ExploitRule[];
  overrides: readonly SlaOverride[];
  /** What an approved exception does to the clock. */
  exceptionEffect: "pause" | "restart" | "none";
  /** A reactivated finding (fixed, then seen again) gets a fresh clock. */
  restartOnReactivation: boolean;
  /** "Due soon" window before the deadline, in days. */
  dueSoonDays: number;
  /** Count days on the calendar, or Monday–Friday only (UTC). */
  calendar: "calendar" | "business";
}

/**
 * GitLab handbook remediation SLAs (the infrasec default): Critical mitigated within 24 hours
 * and remediated within 30 days; High 30; Medium 90; Low 180. Third-party components start when
 * a fix is available; KEV due dates cap the deadline.
 */
export const HANDBOOK_SLA_POLICY: SlaPolicy = {
  id: "gitlab-handbook",
  version: 1,
  name: "GitLab handbook remediation SLAs",
  targets: {
    critical: { remediateDays: 30, mitigateHours: 24 },
    high: { remediateDays: 30 },
    medium: { remediateDays: 90 },
    low: { remediateDays: 180 },
    info: { remediateDays: null },
  },
  thirdPartyClockStart: "fix_available",
  kevCap: true,
  epssThreshold: null,
  exploitRules: [],
  overrides: [],
  exceptionEffect: "pause",
  restartOnReactivation: false,
  dueSoonDays: 7,
  calendar: "calendar",
};

/** DefectDojo's per-asset defaults: 7 / 30 / 90 / 120 days, clock at detection, 3-day warning. */
export const DEFECTDOJO_SLA_POLICY: SlaPolicy = {
  ...HANDBOOK_SLA_POLICY,
  id: "defectdojo",
  name: "DefectDojo defaults",
  targets: {
    critical: { remediateDays: 7 },
    high: { remediateDays: 30 },
    medium: { remediateDays: 90 },
    low: { remediateDays: 120 },
    info: { remediateDays: null },
  },
  thirdPartyClockStart: "detection",
  kevCap: false,
  exceptionEffect: "none",
  dueSoonDays: 3,
};

/**
 * FedRAMP VDR as DefectDojo Pro models it: 4 days when exploitable and internet-reachable, 14
 * when exploitable only, 30 when reachable only; otherwise the severity targets. The EPSS
 * threshold has no published default; 0.1 here is a starting point to tune.
 */
export const FEDRAMP_VDR_SLA_POLICY: SlaPolicy = {
  ...HANDBOOK_SLA_POLICY,
  id: "fedramp-vdr",
  name: "FedRAMP VDR",
  thirdPartyClockStart: "detection",
  epssThreshold: 0.1,
  exploitRules: [
    {
      when: { exploitable: true, internetFacing: true },
      days: 4,
      reason: "exploitable and internet-reachable",
    },
    { when: { exploitable: true }, days: 14, reason: "exploitable" },
    { when: { internetFacing: true }, days: 30, reason: "internet-reachable" },
  ],
};

/** Built-in presets by id. */
export const SLA_POLICY_PRESETS: Readonly<Record<string, SlaPolicy>> = {
  [HANDBOOK_SLA_POLICY.id]: HANDBOOK_SLA_POLICY,
  [DEFECTDOJO_SLA_POLICY.id]: DEFECTDOJO_SLA_POLICY,
  [FEDRAMP_VDR_SLA_POLICY.id]: FEDRAMP_VDR_SLA_POLICY,
};

/**
 * Default maximum exception durations by severity (issue 4: Critical 30 days, High 90, Medium
 * and Low 365); informational findings are not limited.
 */
export const DEFAULT_EXCEPTION_MAX_DAYS: Readonly<Record<Severity, number | null>> = {
  critical: 30,
  high: 90,
  medium: 365,
  low: 365,
  info: null,
};

/** What a stored deadline names as its policy: `id@version` (vuln_findings.sla_policy). */
export function slaPolicyStamp(policy: Pick<SlaPolicy, "id" | "version">): string {
  return `${policy.id}@${policy.version}`;
}

/**
 * What is wrong with a policy given as data (an edit through the API), each naming the field;
 * empty when it can be used. Types are the contract's job; this checks the ranges and meanings.
 */
export function slaPolicyProblems(policy: SlaPolicy): string[] {
  const out: string[] = [];
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(policy.id))
    out.push(`id: "${policy.id}" is not 1–64 lower-case letters, digits, ".", "_" or "-"`);
  if (!Number.isInteger(policy.version) || policy.version < 1)
    out.push(`version: ${policy.version} is not a positive integer`);
  for (const [sev, t] of Object.entries(policy.targets)) {
    if (t.remediateDays !== null && !(Number.isInteger(t.remediateDays) && t.remediateDays >= 1))
      out.push(
        `targets.${sev}.remediateDays: ${t.remediateDays} is not a whole number of days ≥ 1`,
      );
  }
  policy.overrides.forEach((o, i) => {
    if (
      o.remediateDays !== undefined &&
      !(Number.isInteger(o.remediateDays) && o.remediateDays >= 1)
    )
      out.push(`overrides[${i}].remediateDays: ${o.remediateDays} is not a whole number ≥ 1`);
    if (o.factor !== undefined && !(o.factor > 0 && o.factor <= 10))
      out.push(`overrides[${i}].factor: ${o.factor} is not in (0, 10]`);
    if (o.remediateDays === undefined && o.factor === undefined)
      out.push(`overrides[${i}]: neither remediateDays nor factor is given`);
  });
  policy.exploitRules.forEach((r, i) => {
    if (!(Number.isInteger(r.days) && r.days >= 1))
      out.push(`exploitRules[${i}].days: ${r.days} is not a whole number ≥ 1`);
  });
  if (policy.epssThreshold !== null && !(policy.epssThreshold >= 0 && policy.epssThreshold <= 1))
    out.push(`epssThreshold: ${policy.epssThreshold} is not between 0 and 1`);
  if (!(
    Number.isInteger(policy.dueSoonDays) &&
    policy.dueSoonDays >= 0 &&
    policy.dueSoonDays <= 90
  ))
    out.push(`dueSoonDays: ${policy.dueSoonDays} is not a whole number from 0 to 90`);
  return out;
}
