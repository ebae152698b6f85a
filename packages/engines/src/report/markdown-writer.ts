import type { Finding, Severity } from "@infrasec/core";
import { SEVERITIES } from "@infrasec/core";
import { sortFindings, type ReviewReport, type WriteReportOptions } from "./report-model";

const BADGE: Record<Severity, string> = {
  critical: "🟣 critical",
  high: "🔴 high",
  medium: "🟠 medium",
  low: "🟡 low",
  info: "⚪ info",
};

/** Escapes text for a Markdown table cell (pipes, newlines, HTML that GitLab would render). */
export function mdCell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, " ");
}

function table(findings: readonly Finding[], max: number): string {
  const rows = findings
    .slice(0, max)
    .map(
      (f) =>
        `| ${BADGE[f.severity]} | \`${f.ruleId}\` | ${mdCell(f.message)} | \`${mdCell(f.location.file)}:${f.location.startLine}\` | \`${mdCell(f.resource)}\` |`,
    );
  const more = findings.length > max ? `\n\n…and ${findings.length - max} more.` : "";
  return `| Severity | Rule | Finding | Location | Resource |\n|---|---|---|---|---|\n${rows.join("\n")}${more}`;
}

function bySeverity(findings: readonly Finding[]): Finding[] {
  return sortFindings(findings).sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  );
}

function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/**
 * Markdown summary for a merge-request comment: counts, new findings first (most severe first),
 * then collapsible sections for existing, unknown, suppressed and fixed findings and errors.
 */
export function writeMarkdown(report: ReviewReport, opts: WriteReportOptions = {}): string {
  const max = opts.maxRows ?? 50;
  const of = (status: Finding["status"]): Finding[] =>
    bySeverity(report.findings.filter((f) => f.status === status));
  const fresh = of("new");
  const s = report.summary;
  const out: string[] = [`### ${report.tool.name} infrastructure review`, ""];
  const counts = SEVERITIES.filter((x) => fresh.some((f) => f.severity === x))
    .map((x) => `${fresh.filter((f) => f.severity === x).length} ${x}`)
    .join(", ");
  out.push(
    fresh.length === 0
      ? "✅ **No new findings.**"
      : `❌ **${fresh.length} new finding${fresh.length === 1 ? "" : "s"}** (${counts}).`,
  );
  out.push("");
  out.push(
    `| new | existing | fixed | suppressed | unknown | errors |\n|---|---|---|---|---|---|\n| ${s.byStatus.new} | ${s.byStatus.existing} | ${s.byStatus.fixed} | ${s.byStatus.suppressed} | ${s.byStatus.unknown} | ${s.errors} |`,
  );
  if (fresh.length > 0) out.push("", "#### New findings", "", table(fresh, max));
  const sections: [Finding["status"], string][] = [
    ["existing", "Existing findings"],
    ["unknown", "Undecided (needs a value)"],
    ["suppressed", "Suppressed findings"],
    ["fixed", "Fixed by this change"],
  ];
  for (const [status, label] of sections) {
    const list = of(status);
    if (list.length > 0) out.push("", details(`${label} (${list.length})`, table(list, max)));
  }
  if (report.errors.length > 0) {
    const rows = report.errors
      .slice(0, max)
      .map(
        (e) =>
          `| \`${mdCell(e.file)}${e.line !== undefined ? `:${e.line}` : ""}\` | ${mdCell(e.message)} |`,
      );
    out.push(
      "",
      details(
        `Files that could not be evaluated (${report.errors.length})`,
        `| File | Error |\n|---|---|\n${rows.join("\n")}`,
      ),
    );
  }
  out.push("", `<sub>${mdCell(report.tool.name)} ${mdCell(report.tool.version)}</sub>`);
  return `${out.join("\n")}\n`;
}
