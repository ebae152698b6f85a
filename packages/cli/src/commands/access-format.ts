import { SEVERITIES, type Finding, type Severity } from "@infrasec/core";
import {
  ACCESS_RULES,
  type AccessCliJson,
  type AccessDiff,
  type AccessInputAnalysis,
} from "@infrasec/engines/access";
import { summarize, toSarif, type ReviewReport } from "@infrasec/engines/report";

/**
 * The readable report of `access analyze --format text`: inputs, admins, escalation paths step
 * by step, findings grouped by severity, input errors.
 */
export function renderAccessText(a: AccessInputAnalysis, j: AccessCliJson): string {
  const lines: string[] = [];
  const admins = j.principals.filter((p) => p.isAdmin);
  const escalating = j.principals.filter((p) => p.escalations.length > 0);
  lines.push(
    `access analysis: ${j.principals.length} principal(s), ${admins.length} admin(s), ` +
      `${escalating.length} with escalation paths, ${j.findings.length} finding(s)`,
  );
  lines.push("", "Inputs:");
  for (const i of a.inputs) lines.push(`  ${i.file}: ${i.kind}`);
  lines.push("", `Admin-equivalent principals (${admins.length}):`);
  if (admins.length === 0) lines.push("  (none)");
  for (const p of admins) lines.push(`  ${p.id} (${p.type})`);
  lines.push("", `Escalation paths (${escalating.length} principal(s)):`);
  if (escalating.length === 0) lines.push("  (none)");
  for (const p of escalating) {
    for (const e of p.escalations) {
      lines.push(`  ${p.id} via ${e.pathId}${e.conditional ? " [conditional]" : ""}`);
      e.steps.forEach((s, i) => {
        const flags = [
          s.conditional ? "conditional" : "",
          s.needsExistingResource ? "needs an existing resource" : "",
        ].filter((x) => x !== "");
        lines.push(
          `    ${i + 1}. ${s.technique}${s.actions.length > 0 ? ` (${s.actions.join(", ")})` : ""}: ${s.explanation}${flags.length > 0 ? ` [${flags.join(", ")}]` : ""}`,
        );
        if (s.statements.length > 0) lines.push(`       allowed by ${s.statements.join(", ")}`);
      });
    }
  }
  lines.push("", `Findings (${j.findings.length}):`);
  if (j.findings.length === 0) lines.push("  (none)");
  for (const sev of SEVERITIES) {
    const list = j.findings.filter((f) => f.severity === sev);
    if (list.length === 0) continue;
    lines.push(`  ${sev.toUpperCase()} (${list.length})`);
    for (const f of list) lines.push(`    ${f.ruleId} ${f.principal}: ${f.title} — ${f.evidence}`);
  }
  if (j.errors.length > 0) {
    lines.push("", `Input errors (${j.errors.length}):`);
    for (const e of j.errors) lines.push(`  ${e.file}: ${e.path}: ${e.message}`);
  }
  return `${lines.join("\n")}\n`;
}

/** SARIF 2.1.0 through the shared report writer: every access rule is a driver rule. */
export function accessSarif(
  a: AccessInputAnalysis,
  tool: { name: string; version: string },
): Record<string, unknown> {
  const findings: Finding[] = a.reports.flatMap((r) => r.findings);
  const errors = a.reports.flatMap((r) =>
    r.errors.map((e) => ({ file: e.file, message: `${e.path}: ${e.message}` })),
  );
  const report: ReviewReport = {
    tool,
    rules: [...ACCESS_RULES],
    findings,
    errors,
    summary: summarize(findings, errors, {
      subjects: a.reports.reduce((n, r) => n + r.principals.length, 0),
      files: a.inputs.length,
    }),
    finishedAt: a.now,
  };
  return toSarif(report);
}

/** Findings at or above the threshold (SEVERITIES runs from critical down). */
export function failingFindings(j: AccessCliJson, failOn: Severity | "none"): number {
  if (failOn === "none") return 0;
  const max = SEVERITIES.indexOf(failOn);
  return j.findings.filter((f) => SEVERITIES.indexOf(f.severity as Severity) <= max).length;
}

/** `access diff --format text`. */
export function renderDiffText(d: AccessDiff): string {
  const lines: string[] = [];
  const section = (title: string, items: string[]): void => {
    lines.push(`${title} (${items.length}):`);
    if (items.length === 0) lines.push("  (none)");
    for (const i of items) lines.push(`  ${i}`);
  };
  section("New admins", d.newAdmins);
  section("Removed admins", d.removedAdmins);
  section(
    "New escalation paths",
    d.newEscalations.map((e) => `${e.principal} via ${e.pathId}`),
  );
  section(
    "Removed escalation paths",
    d.removedEscalations.map((e) => `${e.principal} via ${e.pathId}`),
  );
  section(
    "Widened permissions",
    d.widened.map((w) => `${w.principal}: + ${w.grants.join(", ")}`),
  );
  section(
    "Removed permissions",
    d.narrowed.map((w) => `${w.principal}: - ${w.grants.join(", ")}`),
  );
  section("New principals", d.addedPrincipals);
  section("Removed principals", d.removedPrincipals);
  return `${lines.join("\n")}\n`;
}
