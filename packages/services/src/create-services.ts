import type { Clock } from "@infrasec/core";
import type { Store } from "@infrasec/storage";
import { createAssetsService } from "./assets/assets-service";
import { createAuditService } from "./audit/audit-service";
import { createAuthService, DEFAULT_AUTH_POLICY, type AuthPolicy } from "./auth/auth-service";
import { createTeamsService } from "./teams/teams-service";
import { createTokensService } from "./tokens/tokens-service";
import { createUsersService } from "./users/users-service";
import { createReviewService } from "./review/review-service";
import { createMonitoringService, type MonitoringOptions } from "./monitoring/monitoring-service";
import { createAccessService } from "./access/access-service";
import { createVulnsService, type VulnsOptions } from "./vulns/vulns-service";
import { createVulnExceptionsService } from "./vulns/vulns-exceptions-service";
import { createVulnSlaService } from "./vulns/vulns-sla-service";
import { createVulnSlaPolicyService } from "./vulns/vulns-sla-policy-service";
import { assetSlaReason, createSlaRecomputeRunner } from "./vulns/sla-recompute-runner";
import { createVulnMetricsService } from "./vulns/vulns-metrics-service";
import { createVulnEnrichmentService } from "./vulns/vulns-enrichment-service";
import { createVulnStatesService } from "./vulns/vulns-states-service";
import { createWorkServices } from "./work/create-work-services";
import { createBoardsService } from "./work/boards-service";
import { createPlanningService } from "./work/planning-service";
import { createTriageService } from "./work/triage-service";

export interface CreateServicesDeps {
  store: Store;
  clock: Clock;
  authPolicy?: AuthPolicy;
  /** Vulnerability imports: mass-close ratio, SLA policy. */
  vulns?: VulnsOptions;
  /** Monitoring: grouping window, lateness, NATS mode's event publisher. */
  monitoring?: MonitoringOptions;
}

/** Composition root of the use cases; the server and the CLI's local mode both call this. */
export function createServices(deps: CreateServicesDeps) {
  const base = { store: deps.store, clock: deps.clock };
  // Deadline recomputation (policy edits, asset changes, the sweep's drift repair): one runner.
  const slaRunner = createSlaRecomputeRunner({ ...base, configured: deps.vulns?.policy });
  return {
    auth: createAuthService(base, deps.authPolicy ?? DEFAULT_AUTH_POLICY),
    users: createUsersService(base),
    teams: createTeamsService(base),
    tokens: createTokensService(base),
    audit: createAuditService(base),
    assets: createAssetsService(base, {
      slaInputsChanged: (tx, ctx, asset, changes) =>
        slaRunner
          .queue(tx, ctx, { kind: "asset", assetId: asset.id }, assetSlaReason(asset.key, changes))
          .then(() => undefined),
      afterCommit: () => slaRunner.kick(),
    }),
    review: createReviewService(base),
    ...createWorkServices(base),
    triage: createTriageService(base),
    boards: createBoardsService(base),
    planning: createPlanningService(base),
    vulns: createVulnsService(base, deps.vulns),
    vulnExceptions: createVulnExceptionsService(base, deps.vulns),
    vulnSla: createVulnSlaService(base, { policy: deps.vulns?.policy, runner: slaRunner }),
    vulnSlaPolicy: createVulnSlaPolicyService(base, {
      policy: deps.vulns?.policy,
      runner: slaRunner,
    }),
    slaRecompute: slaRunner,
    vulnMetrics: createVulnMetricsService(base, { policy: deps.vulns?.policy }),
    vulnEnrichment: createVulnEnrichmentService(base, { policy: deps.vulns?.policy }),
    vulnStates: createVulnStatesService(base, { policy: deps.vulns?.policy }),
    monitoring: createMonitoringService(base, deps.monitoring),
    access: createAccessService(base),
    ping: () => deps.store.ping(),
    dialect: deps.store.dialect,
  };
}
export type Services = ReturnType<typeof createServices>;
