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
  User,
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
  close(): Promise<void>;
}
