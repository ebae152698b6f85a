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
  // Vulnerability management (issue 4). Local mode runs the import to its end; remote mode
  // returns the queued job unless `wait` is set, then polls until it finishes.
  importVulnReport(
    input: Omit<VulnImportBody, "content"> & { content: Uint8Array },
    wait: boolean,
  ): Promise<VulnImportJob>;
  listVulnFindings(q: VulnFindingListQuery): Promise<{ items: VulnFinding[]; total: number }>;
  getVulnFinding(id: string): Promise<VulnFindingDetail>;
  close(): Promise<void>;
}
