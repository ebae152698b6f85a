export * from "./create-services";
export * from "./shared/service-context";
export * from "./auth/auth-service";
export * from "./users/users-service";
export * from "./teams/teams-service";
export * from "./tokens/tokens-service";
export * from "./audit/audit-service";
export * from "./assets/assets-service";
export { createTriageService, type TriageService } from "./work/triage-service";
export type { TriageQueueView, BulkInput, HygieneActionView } from "./work/triage-view-types";
export { createBoardsService, type BoardsService } from "./work/boards-service";
export type { BoardInput } from "./work/boards-fns";
export { DEFAULT_BOARD_ID } from "./work/boards-fns";
export type { BoardView, BoardContentView, BoardViewQuery } from "./work/boards-view-types";
export { createPlanningService, type PlanningService } from "./work/planning-service";
export type * from "./work/planning-view-types";
export { parseAssetImport, MAX_IMPORT_ROWS, type ImportFormat } from "./assets/asset-import-fns";
export { correlationCandidates } from "./assets/correlate-fns";
export { generatePassword, TOKEN_PREFIX } from "./auth/secrets-fns";
export * from "./work/work-view-types";
export * from "./work/work-visibility-fns";
export * from "./work/work-item-store";
export * from "./work/work-catalog-store";
export * from "./work/create-work-services";
export type {
  WorkItemsService,
  CreateWorkItemInput,
  PatchWorkItemInput,
  WorkListInput,
} from "./work/work-items-service";
export type { WorkCatalogService } from "./work/work-catalog-service";
export type { NotificationsService } from "./work/notifications-service";
export { loadDemoData, type DemoLoadResult } from "./work/demo-load";
export * from "./review";
export {
  IngestBusyError,
  type EventPublisher,
  type MonitoringOptions,
} from "./monitoring/monitoring-service";
export { DEFAULT_RETENTION } from "./monitoring/monitoring-retention-service";
export {
  DEFAULT_NATS_CONFIG,
  natsConfig,
  partitionOf,
  partitionKeyOf,
  type NatsDetectConfig,
} from "./monitoring/nats/nats-config";
export { createJetStreamPublisher } from "./monitoring/nats/event-stream";
export {
  startDetectionWorker,
  type DetectionWorker,
  type DetectionWorkerOptions,
  type WorkerStats,
} from "./monitoring/nats/detection-worker";
