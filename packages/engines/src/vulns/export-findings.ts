import { toGitlabState, toVexAnalysis } from "./state-mapping";
import type { ExportFormat, ExportMeta, ExportWriter } from "./export-types";
import { cyclonedxVexWriter } from "./export-cyclonedx";
import { gitlabReportWriter } from "./export-gitlab";
import { sarifWriter } from "./export-sarif";

export type { ExportFinding, ExportFormat, ExportMeta, ExportWriter } from "./export-types";
export { EXPORT_FORMATS } from "./export-types";

export function exportWriter(format: ExportFormat, meta: ExportMeta): ExportWriter {
  switch (format) {
    case "cyclonedx-vex":
      return cyclonedxVexWriter(meta);
    case "gitlab":
      return gitlabReportWriter(meta);
    case "csv":
      return csvWriter();
    case "sarif":
      return sarifWriter(meta);
  }
}

/**
 * One CSV cell: RFC 4180 quoting, and a leading quote before = + - @ (and tab or CR) so a
 * spreadsheet opening the export does not run a title or comment as a formula.
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS = [
  "id",
  "asset",
  "vuln_id",
  "aliases",
  "title",
  "severity",
  "cvss_score",
  "cvss_vector",
  "package",
  "version",
  "fixed_version",
  "status",
  "dismissal_reason",
  "vex_justification",
  "status_note",
  "gitlab_state",
  "gitlab_dismissal_reason",
  "vex_state",
  "scanner",
  "first_seen_at",
  "last_seen_at",
  "sla_due_at",
] as const;

function csvWriter(): ExportWriter {
  const line = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(",")}\r\n`;
  return {
    mediaType: "text/csv; charset=utf-8",
    extension: "csv",
    start: () => line([...CSV_COLUMNS]),
    item(f) {
      const state = { status: f.status, reason: f.dismissalReason, justification: f.justification };
      const gl = toGitlabState(state);
      return line([
        f.id,
        f.assetKey,
        f.vulnId,
        f.aliases.join(" "),
        f.title,
        f.severity,
        f.cvssScore,
        f.cvssVector,
        f.package,
        f.version,
        f.fixedVersion,
        f.status,
        f.dismissalReason,
        f.justification,
        f.statusNote,
        gl.state,
        gl.dismissalReason,
        toVexAnalysis(state).state,
        f.scanner,
        f.firstSeenAt,
        f.lastSeenAt,
        f.slaDueAt,
      ]);
    },
    end: () => "",
  };
}
