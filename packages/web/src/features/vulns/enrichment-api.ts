import { api } from "@infrasec/contracts";
import type {
  VulnEnrichmentImportResult,
  VulnEnrichmentStatus,
  VulnFixAction,
  VulnFixActionQuery,
} from "@infrasec/contracts";
import { client } from "../../app/api-client";

/** EPSS / KEV feeds and fix actions (api.vulnEnrichment). */

export function getEnrichmentStatus(): Promise<VulnEnrichmentStatus> {
  return client.call(api.vulnEnrichment.status, {});
}

export function importEpss(
  content: string,
  fileName?: string,
): Promise<VulnEnrichmentImportResult> {
  return client.call(api.vulnEnrichment.importEpss, { body: { content, fileName } });
}

export function importKev(content: string, fileName?: string): Promise<VulnEnrichmentImportResult> {
  return client.call(api.vulnEnrichment.importKev, { body: { content, fileName } });
}

export function listFixActions(
  query: VulnFixActionQuery,
): Promise<{ items: VulnFixAction[]; total: number }> {
  return client.call(api.vulnEnrichment.fixActions, { query });
}
