/**
 * Public surface of the vulnerability engine: report parsers with format detection, versioned
 * identity and alias merging, SLA clocks and priority. Pure: bytes and a Clock in, data out.
 */
export { parseReport } from "./parse-report";
export type { ParseReportOptions } from "./parse-report";
export { parseReportStream } from "./parse-stream";
export { toParseOutput } from "./parse-output";
export type { ParseOutput, ParseOutputRecord } from "./parse-output";
export type { ParseReportStreamOptions } from "./parse-stream";
export { streamRecords } from "./stream-records";
export type { StreamRecordsEnd, StreamRecordsOptions } from "./stream-records";
export {
  FORMAT_NAMES,
  detectJsonFormat,
  detectXmlFormat,
  detectSyntax,
  sniffFormat,
} from "./detect-format";
export { vulnParseError } from "./parse-error";
export type { ParsePlace } from "./parse-error";
export {
  computeIdentity,
  hashTuple,
  packageKey,
  IDENTITY_VERSIONS,
  FORMAT_IDENTITY_VERSIONS,
} from "./identity";
export type { IdentityInput } from "./identity";
export { resolveRecords, resolveRecordsWithIndex, mergeFindings } from "./merge-findings";
export {
  buildAliasIndex,
  normalizeVulnId,
  vulnIdFamily,
  compareVulnIds,
  purlBase,
  purlType,
} from "./vuln-ids";
export type { AliasIndex, VulnIdFamily } from "./vuln-ids";
export { severityFromScore, severityFromText, normalizeSeverity } from "./severity-normalize";
export {
  HANDBOOK_SLA_POLICY,
  DEFECTDOJO_SLA_POLICY,
  FEDRAMP_VDR_SLA_POLICY,
  SLA_POLICY_PRESETS,
  DEFAULT_EXCEPTION_MAX_DAYS,
} from "./sla-policy";
export type { SlaPolicy, SlaTarget, SlaOverride, ExploitRule } from "./sla-policy";
export { slaPolicyStamp, slaPolicyProblems } from "./sla-policy";
export { computeSlaClock, combineClocks, addDays, kevDeadline, kevCapReason } from "./sla-clock";
export type { SlaClock, SlaClockInput, SlaStatus } from "./sla-clock";
export { slaTransition, exceptionDurationProblem } from "./sla-events";
export type { SlaEvent } from "./sla-events";
export {
  exceptionScopeProblem,
  exceptionWindowProblem,
  scopeCovers,
  worstSeverity,
} from "./exception-scope";
export type { ExceptionScope, ScopedFinding } from "./exception-scope";
export { computePriority, DEFAULT_PRIORITY_MODEL } from "./priority";
export type { Priority, PriorityFactor, PriorityInput, PriorityModel } from "./priority";
export {
  scoreCvss,
  tryScoreCvss,
  cvssSeverity,
  cvssVersionOf,
  CvssVectorError,
} from "./cvss-score";
export type { CvssResult, CvssVersion } from "./cvss-score";
export { createEpssLineParser, parseEpss, EPSS_MAX_ROWS } from "./epss-parser";
export type { EpssHeader, EpssRow, EpssLineParser, EpssParseOptions } from "./epss-parser";
export { parseKev } from "./kev-parser";
export type { KevCatalog, KevEntry, KevParseOptions } from "./kev-parser";
export {
  planFixActions,
  completeFixActions,
  fixActionSummary,
  FIX_ACTION_VULN_IDS,
} from "./fix-actions";
export type { FixAction, FixGroup, FixInstall, PlannedFixAction } from "./fix-actions";
export { compareVersions, pickFixedVersion } from "./version-order";
export { VULN_REPORT_FORMATS } from "./vulns-types";
export type {
  VulnReportFormat,
  RecordKind,
  SeveritySource,
  CvssScore,
  FixState,
  Occurrence,
  VexStatement,
  VulnIdentity,
  VulnRecord,
  VulnFinding,
  ParsedReport,
  ReportCoverage,
  CoverageTarget,
  ScannerInfo,
} from "./vulns-types";
export {
  FINDING_STATUSES,
  DISMISSAL_REASONS,
  VEX_STATES,
  VEX_JUSTIFICATIONS,
  VEX_RESPONSES,
  GITLAB_STATES,
  GITLAB_DISMISSAL_REASONS,
  toVexAnalysis,
  fromVexAnalysis,
  toGitlabState,
  fromGitlabState,
  importChanges,
} from "./state-mapping";
export type {
  FindingState,
  FindingStatus,
  DismissalReason,
  VexAnalysis,
  VexJustification,
  GitlabState,
  GitlabDismissalReason,
  ImportedState,
} from "./state-mapping";
export { statementMatches, componentFromRef } from "./state-statements";
export type { StateStatement, StatementComponent, MatchableFinding } from "./state-statements";
export { readVexStatements } from "./vex-statements";
export { readGitlabStatesCsv, GITLAB_CSV_MAX_ROWS } from "./gitlab-states-csv";
export { exportWriter, csvCell, EXPORT_FORMATS } from "./export-findings";
export type { ExportFinding, ExportFormat, ExportMeta, ExportWriter } from "./export-findings";
