import { api } from "@infrasec/contracts";
import type {
  VulnEditBody,
  VulnFinding,
  VulnFindingDetail,
  VulnFindingListQuery,
  VulnImportBody,
  VulnImportJob,
  VulnStatusBody,
} from "@infrasec/contracts";
import { client } from "../../app/api-client";

export function listFindings(
  query: VulnFindingListQuery,
): Promise<{ items: VulnFinding[]; total: number }> {
  return client.call(api.vulns.listFindings, { query });
}

export function getFinding(id: string): Promise<VulnFindingDetail> {
  return client.call(api.vulns.getFinding, { params: { id } });
}

export function changeFindingStatus(id: string, body: VulnStatusBody): Promise<VulnFindingDetail> {
  return client.call(api.vulns.changeStatus, { params: { id }, body });
}

export function editFinding(id: string, body: VulnEditBody): Promise<VulnFindingDetail> {
  return client.call(api.vulns.editFinding, { params: { id }, body });
}

export function importReport(body: VulnImportBody): Promise<VulnImportJob> {
  return client.call(api.vulns.importReport, { body });
}

export function listImports(query: { asset?: string; limit?: number }) {
  return client.call(api.vulns.listImports, { query });
}

export function getImport(id: string): Promise<VulnImportJob> {
  return client.call(api.vulns.getImport, { params: { id } });
}

export function confirmImport(id: string): Promise<VulnImportJob> {
  return client.call(api.vulns.confirmImport, { params: { id } });
}
