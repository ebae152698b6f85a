import type { Kysely } from "kysely";
import type { DatabaseHandle, Dialect } from "./db";
import type { Database } from "./schema/database";
import type { Executor } from "./repos/executor";
import { assetsRepo } from "./repos/assets-repo";
import { auditRepo } from "./repos/audit-repo";
import { sessionsRepo } from "./repos/sessions-repo";
import { teamsRepo } from "./repos/teams-repo";
import { tokensRepo } from "./repos/tokens-repo";
import { usersRepo } from "./repos/users-repo";
import { workItemsRepo } from "./repos/work-items-repo";
import { workCatalogRepo } from "./repos/work-catalog-repo";
import { notificationsRepo } from "./repos/notifications-repo";
import { workBoardsRepo } from "./repos/work-boards-repo";
import { vulnsRepo } from "./repos/vulns-repo";
import { vulnSlaRepo } from "./repos/vulns-sla-repo";
import { vulnSlaRecomputeRepo } from "./repos/vulns-sla-recompute-repo";
import { vulnMetricsRepo } from "./repos/vulns-metrics-repo";
import { vulnDailyCountsRepo } from "./repos/vulns-daily-counts-repo";
import { vulnExceptionsRepo } from "./repos/vulns-exceptions-repo";
import { workPlanningRepo } from "./repos/work-planning-repo";
import { reviewFindingsRepo } from "./repos/review-findings-repo";
import { reviewRunsRepo } from "./repos/review-runs-repo";
import { monitoringAlertsRepo } from "./repos/monitoring-alerts-repo";
import { monitoringRulesRepo } from "./repos/monitoring-rules-repo";
import { monitoringSuppressionsRepo } from "./repos/monitoring-suppressions-repo";
import { monitoringRetentionRepo } from "./repos/monitoring-retention-repo";
import { monitoringMarksRepo } from "./repos/monitoring-marks-repo";
import { accessSnapshotsRepo } from "./repos/access-snapshots-repo";
import { accessCampaignsRepo } from "./repos/access-campaigns-repo";
import { accessSignalsRepo } from "./repos/access-signals-repo";
import { accessFindingsRepo } from "./repos/access-findings-repo";

function bind(db: Executor, dialect: Dialect) {
  return {
    users: usersRepo(db),
    teams: teamsRepo(db),
    sessions: sessionsRepo(db),
    tokens: tokensRepo(db),
    audit: auditRepo(db, dialect),
    assets: assetsRepo(db),
    work: workItemsRepo(db),
    workCatalog: workCatalogRepo(db),
    notifications: notificationsRepo(db),
    workPlanning: workPlanningRepo(db),
    workBoards: workBoardsRepo(db),
    review: { runs: reviewRunsRepo(db), findings: reviewFindingsRepo(db) },
    vulns: vulnsRepo(db),
    vulnSla: vulnSlaRepo(db),
    vulnSlaRecompute: vulnSlaRecomputeRepo(db),
    vulnMetrics: vulnMetricsRepo(db, dialect),
    vulnDailyCounts: vulnDailyCountsRepo(db, dialect),
    vulnExceptions: vulnExceptionsRepo(db),
    monitoring: {
      alerts: monitoringAlertsRepo(db),
      rules: monitoringRulesRepo(db),
      suppressions: monitoringSuppressionsRepo(db),
      retention: monitoringRetentionRepo(db),
      marks: monitoringMarksRepo(db),
    },
    access: {
      snapshots: accessSnapshotsRepo(db),
      campaigns: accessCampaignsRepo(db),
      signals: accessSignalsRepo(db),
      findings: accessFindingsRepo(db),
    },
  };
}

/** The repositories bound to one executor (a connection or a transaction). */
export type Repos = ReturnType<typeof bind>;

/**
 * Repositories plus a transaction runner. Services put a mutation and its audit event in one
 * `transaction` so that both commit or neither does.
 */
export interface Store extends Repos {
  dialect: Dialect;
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
}

export function createStore(handle: Pick<DatabaseHandle, "db" | "dialect">): Store {
  const db: Kysely<Database> = handle.db;
  return {
    ...bind(db, handle.dialect),
    dialect: handle.dialect,
    transaction: (fn) => db.transaction().execute((trx) => fn(bind(trx, handle.dialect))),
    async ping() {
      await db.selectFrom("audit_head").select("seq").limit(1).execute();
    },
  };
}
