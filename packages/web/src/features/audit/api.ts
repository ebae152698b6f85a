import { api, buildUrl } from "@infrasec/contracts";
import type { AuditEvent, AuditFilter, AuditVerifyResult } from "@infrasec/contracts";
import { client } from "../../app/api-client";

export const AUDIT_FILTER_KEYS = [
  "actor",
  "action",
  "targetType",
  "targetId",
  "since",
  "until",
  "q",
] as const;

export function listAudit(
  filter: AuditFilter,
  before: number | undefined,
  limit: number,
): Promise<{ items: AuditEvent[]; nextBefore: number | null }> {
  return client.call(api.audit.list, { query: { ...filter, before, limit } });
}

export function verifyAudit(): Promise<AuditVerifyResult> {
  return client.call(api.audit.verify);
}

/** Download link of the filtered log; the browser sends the session cookie. */
export function auditExportUrl(filter: AuditFilter, format: "ndjson" | "csv"): string {
  return buildUrl(api.audit.export, {}, { ...filter, format });
}

/** `datetime-local` input value (browser zone) ↔ ISO 8601 UTC for the API and the URL. */
export function localToIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function isoToLocal(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
