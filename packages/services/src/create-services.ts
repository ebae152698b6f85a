import type { Clock } from "@infrasec/core";
import type { Store } from "@infrasec/storage";
import { createAssetsService } from "./assets/assets-service";
import { createAuditService } from "./audit/audit-service";
import { createAuthService, DEFAULT_AUTH_POLICY, type AuthPolicy } from "./auth/auth-service";
import { createTeamsService } from "./teams/teams-service";
import { createTokensService } from "./tokens/tokens-service";
import { createUsersService } from "./users/users-service";
import { createReviewService } from "./review/review-service";
import { createMonitoringService } from "./monitoring/monitoring-service";
import { createAccessService } from "./access/access-service";
import { createVulnsService, type VulnsOptions } from "./vulns/vulns-service";
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
}

/** Composition root of the use cases; the server and the CLI's local mode both call this. */
export function createServices(deps: CreateServicesDeps) {
  const base = { store: deps.store, clock: deps.clock };
  return {
    auth: createAuthService(base, deps.authPolicy ?? DEFAULT_AUTH_POLICY),
    users: createUsersService(base),
    teams: createTeamsService(base),
    tokens: createTokensService(base),
    audit: createAuditService(base),
    assets: createAssetsService(base),
    review: createReviewService(base),
    ...createWorkServices(base),
    triage: createTriageService(base),
    boards: createBoardsService(base),
    planning: createPlanningService(base),
    vulns: createVulnsService(base, deps.vulns),
    monitoring: createMonitoringService(base),
    access: createAccessService(base),
    ping: () => deps.store.ping(),
    dialect: deps.store.dialect,
  };
}
export type Services = ReturnType<typeof createServices>;
