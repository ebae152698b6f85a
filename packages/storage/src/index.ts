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
export type {
  WorkItemRecord,
  WorkVisibility,
  WorkItemFilterRecord,
  WorkItemSort,
  WorkHistoryRecord,
  WorkCommentRecord,
  WorkVerdictRecord,
  WorkChangeApprovalRecord,
  WorkLinkRecord,
  WorkItemsRepo,
} from "./repos/work-items-repo";
export { workSearchText } from "./repos/work-items-repo";
export type {
  WorkLabelRecord,
  WorkTemplateRecord,
  WorkCatalogRepo,
} from "./repos/work-catalog-repo";
export type {
  NotificationRecord,
  OutboundEventRecord,
  NotificationsRepo,
} from "./repos/notifications-repo";
export { auditHash, GENESIS_HASH } from "./repos/audit-hash";
export type {
  MilestoneRecord,
  ObjectiveRecord,
  KeyResultRecord,
  StatusUpdateRecord,
  ItemHistoryRecord,
  WorkPlanningRepo,
} from "./repos/work-planning-repo";
export type { BoardRecord, BoardColumnRecord, WorkBoardsRepo } from "./repos/work-boards-repo";
export type {
  ReviewRunRecord,
  ReviewRunFilter,
  ReviewSuppressionRecord,
  ReviewProjectRecord,
  ReviewRunsRepo,
} from "./repos/review-runs-repo";
export type {
  ReviewFindingRecord,
  ReviewFindingFilter,
  ReviewFindingsRepo,
} from "./repos/review-findings-repo";
export type {
  VulnSlaPolicyRow,
  VulnSlaRecomputeRecord,
  VulnSlaRecomputeRepo,
} from "./repos/vulns-sla-recompute-repo";
export type {
  DeadlineInputRow,
  DeadlineSelector,
  DeadlineWrite,
} from "./repos/vulns-deadline-inputs";
export { DEADLINES_PER_STATEMENT } from "./repos/vulns-deadline-inputs";
export { vulnContentHash } from "./repos/vulns-content-hash";
