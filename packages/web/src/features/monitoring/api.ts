import { api } from "@infrasec/contracts";
import type {
  Alert,
  AlertDetail,
  AlertLevel,
  AlertListQuery,
  AlertStatus,
  MonitoringRule,
  MonitoringRuleDetail,
  MonitoringRuleTestResult,
  MonitoringSource,
  Suppression,
  SuppressionCreateBody,
} from "@infrasec/contracts";
import { client } from "../../app/api-client";

export interface RuleListQuery {
  q?: string;
  origin?: "builtin" | "user";
  enabled?: "true" | "false";
  level?: AlertLevel;
  limit?: number;
  offset?: number;
}
export type RuleUploadResult = Awaited<ReturnType<typeof uploadRule>>;
export type BulkStatusResult = Awaited<ReturnType<typeof bulkAlertStatus>>;
export type EscalateResult = Awaited<ReturnType<typeof escalateAlert>>;
export type RuleIssue = RuleUploadResult["warnings"][number];

export function listAlerts(query: AlertListQuery): Promise<{ items: Alert[]; total: number }> {
  return client.call(api.monitoring.listAlerts, { query });
}

export function getAlert(id: string): Promise<AlertDetail> {
  return client.call(api.monitoring.getAlert, { params: { id } });
}

export function setAlertStatus(id: string, status: AlertStatus, comment?: string): Promise<Alert> {
  return client.call(api.monitoring.setAlertStatus, {
    params: { id },
    body: { status, ...(comment ? { comment } : {}) },
  });
}

export function bulkAlertStatus(ids: string[], status: AlertStatus, comment?: string) {
  return client.call(api.monitoring.bulkAlertStatus, {
    body: { ids, status, ...(comment ? { comment } : {}) },
  });
}

export function escalateAlert(id: string, body: { title?: string; note?: string }) {
  return client.call(api.monitoring.escalateAlert, { params: { id }, body });
}

export function listRules(
  query: RuleListQuery,
): Promise<{ items: MonitoringRule[]; total: number }> {
  return client.call(api.monitoring.listRules, { query });
}

export function getRule(id: string): Promise<MonitoringRuleDetail> {
  return client.call(api.monitoring.getRule, { params: { id } });
}

export function uploadRule(yaml: string, enabled: boolean) {
  return client.call(api.monitoring.uploadRule, { body: { yaml, enabled } });
}

export function setRuleEnabled(id: string, enabled: boolean): Promise<MonitoringRule> {
  return client.call(api.monitoring.setRuleEnabled, { params: { id }, body: { enabled } });
}

export function deleteRule(id: string): Promise<void> {
  return client.call(api.monitoring.deleteRule, { params: { id } });
}

export function testRule(body: {
  event: string | Record<string, unknown>;
  source?: MonitoringSource;
  ruleId?: string;
  yaml?: string;
}): Promise<MonitoringRuleTestResult> {
  return client.call(api.monitoring.testRule, { body });
}

export function listSuppressions(query: {
  ruleId?: string;
  includeExpired?: "true" | "false";
}): Promise<{ items: Suppression[] }> {
  return client.call(api.monitoring.listSuppressions, { query });
}

export function createSuppression(body: SuppressionCreateBody): Promise<Suppression> {
  return client.call(api.monitoring.createSuppression, { body });
}

export function deleteSuppression(id: string): Promise<void> {
  return client.call(api.monitoring.deleteSuppression, { params: { id } });
}
