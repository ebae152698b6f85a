/**
 * Public surface of the Sigma detection engine: rule loading and compilation, event
 * normalizers for Falco, osquery and auditd, and the streaming detector.
 */
export type {
  CorrelationHit,
  DetectionMatch,
  EventContext,
  EventSource,
  FieldValue,
  Logsource,
  RuleIssue,
  SigmaEvent,
  SigmaLevel,
} from "./detect-types";
export type { ConditionNode } from "./condition/condition-ast";
export { formatCondition } from "./condition/condition-ast";
export {
  parseCondition,
  parseConditionList,
  ConditionSyntaxError,
} from "./condition/condition-parser";
export { DEFAULT_MATCH_OPTIONS, type MatchOptions } from "./match/field-item-compiler";
export { KNOWN_MODIFIERS } from "./match/modifier-spec";
export {
  DEFAULT_LOAD_LIMITS,
  loadRuleDocuments,
  type LoadLimits,
  type LoadedDocuments,
  type RuleSource,
} from "./rules/rule-loader";
export type { CorrelationRule, SigmaDocument, SigmaFilter, SigmaRule } from "./rules/rule-types";
export {
  DEFAULT_CORRELATION_LIMITS,
  type CorrelationLimits,
  type CorrelationStats,
} from "./correlation/correlation-state";
export {
  compileRuleSet,
  type CompiledCorrelation,
  type CompiledRule,
  type CompiledRuleSet,
} from "./runtime/rule-set-compiler";
export { loadRuleSet, type LoadRuleSetOptions } from "./runtime/rule-set-loader";
export { BUILTIN_AUTHOR, builtinRuleSources, loadBuiltinRules } from "./builtin/builtin-rules";
export { createDetector, type Detector, type DetectorOptions } from "./runtime/detector";
export { logsourceAccepts } from "./runtime/logsource-index";
export { normalizeFalcoAlert, FALCO_FIELD_MAP, FALCO_LOSSES } from "./normalize/falco-normalizer";
export {
  normalizeOsqueryResult,
  OSQUERY_LOSSES,
  type OsqueryOptions,
  type OsqueryTable,
} from "./normalize/osquery-normalizer";
export { parseAuditLine, decodeAuditHex, type AuditRecord } from "./normalize/auditd-line-parser";
export { coalesceAuditRecords, decodeSaddr, AUDITD_LOSSES } from "./normalize/auditd-coalescer";
export {
  createAuditdNormalizer,
  auditRecordEvent,
  type AuditdNormalizer,
  type AuditdOptions,
} from "./normalize/auditd-normalizer";
export {
  normalizeGenericEvent,
  ECS_FIELD_MAP,
  type GenericOptions,
} from "./normalize/generic-normalizer";
export type { NormalizeResult, DeclaredLosses, FieldMap } from "./normalize/normalize-types";
