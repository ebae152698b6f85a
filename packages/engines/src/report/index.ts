import { writeGitlabCodeQuality } from "./gitlab-codequality-writer";
import { writeGitlabSast } from "./gitlab-sast-writer";
import { writeJson } from "./json-writer";
import { writeJunit } from "./junit-writer";
import { writeMarkdown } from "./markdown-writer";
import type { ReportFormat, ReviewReport, WriteReportOptions } from "./report-model";
import { writeSarif } from "./sarif-writer";
import { writeText } from "./text-writer";

export * from "./report-model";
export { stableHash, stableUuid } from "./report-hash";
export { writeText } from "./text-writer";
export { writeJson, toJsonReport, JSON_SCHEMA_VERSION } from "./json-writer";
export type { JsonFinding, JsonReport } from "./json-writer";
export { writeSarif, toSarif, SARIF_LEVELS, SECURITY_SEVERITY } from "./sarif-writer";
export { writeJunit } from "./junit-writer";
export {
  writeGitlabCodeQuality,
  toCodeQuality,
  CODEQUALITY_SEVERITY,
} from "./gitlab-codequality-writer";
export type { CodeQualityIssue } from "./gitlab-codequality-writer";
export { writeGitlabSast, toGitlabSast, GITLAB_SAST_SCHEMA_VERSION } from "./gitlab-sast-writer";
export { writeMarkdown } from "./markdown-writer";

/**
 * Renders one report in the requested format. Every writer is a pure function of the same model
 * and sorts findings the same way, so outputs are deterministic (golden-file tested).
 */
export function writeReport(
  report: ReviewReport,
  format: ReportFormat,
  opts: WriteReportOptions = {},
): string {
  switch (format) {
    case "text":
      return writeText(report, opts);
    case "json":
      return writeJson(report);
    case "sarif":
      return writeSarif(report);
    case "junit":
      return writeJunit(report);
    case "gitlab-codequality":
      return writeGitlabCodeQuality(report);
    case "gitlab-sast":
      return writeGitlabSast(report);
    case "markdown":
      return writeMarkdown(report, opts);
  }
}
