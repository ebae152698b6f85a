export * from "./db";
export * from "./store";
export type { Database } from "./schema/database";
export type { UserRecord, UserPatch, UsersRepo } from "./repos/users-repo";
export type { TeamRecord, TeamsRepo } from "./repos/teams-repo";
export type { SessionRecord, SessionsRepo } from "./repos/sessions-repo";
export type { TokenRecord, TokenWithOwner, TokensRepo } from "./repos/tokens-repo";
export type {
  AuditEventRecord,
  NewAuditEvent,
  AuditQuery,
  AuditRepo,
  ChainBreak,
} from "./repos/audit-repo";
export type { AssetRecord, AssetFilter, AssetSort, AssetsRepo } from "./repos/assets-repo";
export { auditHash, GENESIS_HASH } from "./repos/audit-hash";
