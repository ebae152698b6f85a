import type { Finding, Severity } from "@infrasec/core";
import { SEVERITIES } from "@infrasec/core";
import { sortFindings, type ReviewReport, type WriteReportOptions } from "./report-model";

const COLORS: Record<Severity, string> = {
  critical: "\u001b[1;35m",
  high: "\u001b[1;31m",
  medium: "\u001b[33m",
  low: "\u001b[36m",
  info: "\u001b[2m",
};
const RESET = "\u001b[0m";
const DIM = "\u001b[2m";
const BOLD = "\u001b[1m";

/**
 * Human-readable report grouped by file. Colours only when `opts.color` is true: the caller
 * decides (TTY and NO_COLOR), the writer stays pure.
 */
export function writeText(report: ReviewReport, opts: WriteReportOptions = {}): string {
  const paint = (code: string, text: string): string =>
    opts.color ? `${code}${text}${RESET}` : text;
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of sortFindings(report.findings)) {
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(paint(BOLD, file));
    for (const f of findings) {
      const sev = paint(COLORS[f.severity], f.severity.toUpperCase().padEnd(8));
      const status = f.status === "new" ? "" : ` ${paint(DIM, `(${f.status})`)}`;
      out.push(
        `  ${String(f.location.startLine).padStart(5)}  ${sev} ${f.ruleId}  ${f.message}${status}`,
      );
      out.push(
        `         ${paint(DIM, f.resource + (f.attributePath ? ` · ${f.attributePath}` : ""))}`,
      );
      if (f.suppression)
        out.push(
          `         ${paint(DIM, `suppressed by ${f.suppression.source}: ${f.suppression.reason}`)}`,
        );
    }
    out.push("");
  }
  if (report.errors.length > 0) {
    out.push(paint(BOLD, "Errors"));
    for (const e of report.errors)
      out.push(`  ${e.file}${e.line !== undefined ? `:${e.line}` : ""}  ${e.message}`);
    out.push("");
  }
  const s = report.summary;
  const sev = SEVERITIES.filter((x) => s.bySeverity[x] > 0).map((x) => `${s.bySeverity[x]} ${x}`);
  const status = (["new", "existing", "fixed", "suppressed", "unknown"] as const)
    .filter((x) => s.byStatus[x] > 0)
    .map((x) => `${s.byStatus[x]} ${x}`);
  out.push(
    `${s.total} finding${s.total === 1 ? "" : "s"}` +
      (sev.length ? ` (${sev.join(", ")})` : "") +
      (status.length ? `; ${status.join(", ")}` : "") +
      `; ${s.errors} error${s.errors === 1 ? "" : "s"}.`,
  );
  return `${out.join("\n")}\n`;
}
