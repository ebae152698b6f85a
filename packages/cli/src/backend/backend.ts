import type {
  ApiToken,
  Asset,
  AssetListQuery,
  AuditFilter,
  AuditVerifyResult,
  CreateTokenBody,
  CreateUserBody,
  ImportFormat,
  ImportResult,
  ReviewRunDetail,
  ReviewUploadBody,
  User,
} from "@infrasec/contracts";
import type {
  CreateWorkItemBody,
  PatchWorkItemBody,
  WorkComment,
  WorkHistoryEntry,
  WorkItemSummary,
  WorkItemView,
  WorkListQuery,
} from "@infrasec/contracts";
import type { DemoLoadResult } from "@infrasec/services";
import type {
  VulnFinding,
  VulnFindingDetail,
  VulnFindingListQuery,
  VulnImportBody,
  VulnImportJob,
} from "@infrasec/contracts";
import type {
  VulnEnrichmentImportResult,
  VulnEnrichmentStatus,
  VulnFixAction,
  VulnFixActionQuery,
} from "@infrasec/contracts";

import type { VulnExceptionsBackend } from "./vulns-exceptions-backend";
import type { VulnStatesBackend } from "./vulns-states-backend";
import type { VulnSlaBackend } from "./vulns-sla-backend";

/**
 * What management commands need, implemented twice: on services over the embedded database
 * (local mode) and on the HTTP API with a token (remote mode, `--server URL`).
 */
export interface Backend {
  readonly mode: "local" | "remote";
  createUser(body: CreateUserBody): Promise<{ user: User; initialPassword: string | null }>;
  listUsers(): Promise<User[]>;
  findUserId(username: string): Promise<string>;
  createToken(body: CreateTokenBody): Promise<{ token: ApiToken; secret: string }>;
  listTokens(all: boolean): Promise<ApiToken[]>;
  revokeToken(id: string): Promise<ApiToken>;
  importAssets(format: ImportFormat, content: string, file: string): Promise<ImportResult>;
  listAssets(q: AssetListQuery): Promise<{ items: Asset[]; total: number }>;
  getAsset(idOrKey: string): Promise<Asset>;
  verifyAudit(): Promise<AuditVerifyResult>;
  exportAudit(
    filter: AuditFilter,
    format: "ndjson" | "csv",
    write: (chunk: string) => void,
  ): Promise<void>;
  // Team workflow (issue 5): work items and the triage report.
  createWorkItem(body: CreateWorkItemBody): Promise<WorkItemView>;
  listWorkItems(q: WorkListQuery): Promise<{ items: WorkItemSummary[]; total: number }>;
  getWorkItemByNumber(num: number): Promise<WorkItemView>;
  workItemHistory(id: string): Promise<WorkHistoryEntry[]>;
  workItemComments(id: string): Promise<WorkComment[]>;
  updateWorkItem(id: string, patch: PatchWorkItemBody): Promise<WorkItemView>;
  changeWorkItemLabels(
    id: string,
    change: { add: string[]; remove: string[] },
  ): Promise<WorkItemView>;
  addWorkComment(id: string, body: string): Promise<WorkComment>;
  triageReport(since?: string): Promise<{ markdown: string; generatedAt: string }>;
  /** Change review (issue 3): stores one review run (the JSON report plus CI metadata). */
  uploadReviewRun(body: ReviewUploadBody): Promise<ReviewRunDetail>;
  /** Loads the demo data set; local mode only (remote mode refuses). */
  loadDemoData(): Promise<DemoLoadResult>;
  // Vulnerability management (issue 4). Local mode streams the file (plain or gzip) into an
  // import run to its end; remote mode streams it to the upload route and returns the queued
  // job unless `wait` is set, then polls until it finishes.
  importVulnReport(
    input: Omit<VulnImportBody, "content"> & { file: string },
    wait: boolean,
  ): Promise<VulnImportJob>;
  listVulnFindings(q: VulnFindingListQuery): Promise<{ items: VulnFinding[]; total: number }>;
  getVulnFinding(id: string): Promise<VulnFindingDetail>;
  // EPSS/KEV enrichment and fix actions (vulns-enrich-command.ts). Files may be gzip; local
  // mode streams the EPSS file, remote mode sends it as text.
  importEpss(file: string): Promise<VulnEnrichmentImportResult>;
  importKev(file: string): Promise<VulnEnrichmentImportResult>;
  enrichmentStatus(): Promise<VulnEnrichmentStatus>;
  fixActions(q: VulnFixActionQuery): Promise<{ items: VulnFixAction[]; total: number }>;
  /** Risk acceptances and deviation requests (vulns-exceptions-command.ts). */
  vulnExceptions: VulnExceptionsBackend;
  /** Bulk status, VEX / GitLab state imports, exports (vulns-states-command.ts). */
  vulnStates: VulnStatesBackend;
  /** SLA sweeps and events, and the dashboard (vulns-sla-command.ts). */
  vulnSla: VulnSlaBackend;
  close(): Promise<void>;
}
