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
export { computeSlaClock, combineClocks, addDays } from "./sla-clock";
export type { SlaClock, SlaClockInput, SlaStatus } from "./sla-clock";
export { slaTransition, exceptionDurationProblem } from "./sla-events";
export type { SlaEvent } from "./sla-events";
export { computePriority, DEFAULT_PRIORITY_MODEL } from "./priority";
export type { Priority, PriorityFactor, PriorityInput, PriorityModel } from "./priority";
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
