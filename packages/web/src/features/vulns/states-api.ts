import { api, buildUrl } from "@infrasec/contracts";
import type {
  VulnBulkStatusBody,
  VulnBulkStatusResult,
  VulnExportFormat,
  VulnExportQuery,
  VulnStatesImportBody,
  VulnStatesImportResult,
} from "@infrasec/contracts";
import { client } from "../../app/api-client";

/** Finding states in bulk, VEX / GitLab state imports and exports. */

export function bulkChangeStatus(body: VulnBulkStatusBody): Promise<VulnBulkStatusResult> {
  return client.call(api.vulnStates.bulkStatus, { body });
}

export function applyVex(body: VulnStatesImportBody): Promise<VulnStatesImportResult> {
  return client.call(api.vulnStates.applyVex, { body });
}

export function applyGitlabStates(body: VulnStatesImportBody): Promise<VulnStatesImportResult> {
  return client.call(api.vulnStates.applyGitlabStates, { body });
}

/**
 * A plain link to the export (GET with the session cookie): the browser streams the file to
 * disk itself, so a large export never sits in the tab's memory.
 */
export function exportUrl(format: VulnExportFormat, filters: Omit<VulnExportQuery, "format">) {
  return buildUrl(api.vulnStates.exportFindings, {}, { ...filters, format });
}
