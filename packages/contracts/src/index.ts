import { accessRoutes } from "./access/access-contract";
import { assetsRoutes } from "./assets/assets-contract";
import { auditRoutes } from "./audit/audit-contract";
import { authRoutes } from "./auth/auth-contract";
import { monitoringRoutes } from "./monitoring/monitoring-contract";
import { reviewRoutes } from "./review/review-contract";
import { systemRoutes } from "./system/system-contract";
import { teamsRoutes } from "./teams/teams-contract";
import { tokensRoutes } from "./tokens/tokens-contract";
import { usersRoutes } from "./users/users-contract";
import { vulnsRoutes } from "./vulns/vulns-contract";
import { vulnUploadsRoutes } from "./vulns/vulns-import-upload-contract";
import { vulnSlaRoutes } from "./vulns/vulns-sla-contract";
import { vulnSlaPolicyRoutes } from "./vulns/vulns-sla-policy-contract";
import { vulnExceptionsRoutes } from "./vulns/vulns-exceptions-contract";
import { vulnEnrichmentRoutes } from "./vulns/vulns-enrichment-contract";
import { vulnStatesRoutes } from "./vulns/vulns-states-contract";
import {
  notificationsRoutes,
  workCatalogRoutes,
  workItemsRoutes,
  workPlanningRoutes,
  workTriageRoutes,
} from "./work";
import type { RouteDef } from "./route";

export * from "./route";
export * from "./client";
export * from "./auth/auth-contract";
export * from "./users/users-contract";
export * from "./teams/teams-contract";
export * from "./tokens/tokens-contract";
export * from "./audit/audit-contract";
export * from "./assets/assets-contract";
export * from "./system/system-contract";
export * from "./review/review-contract";
export * from "./work";
export * from "./vulns/vulns-contract";
export * from "./vulns/vulns-import-upload-contract";
export * from "./vulns/vulns-sla-contract";
export * from "./vulns/vulns-sla-policy-contract";
export * from "./vulns/vulns-exceptions-contract";
export * from "./vulns/vulns-enrichment-contract";
export * from "./vulns/vulns-states-contract";
export * from "./monitoring/monitoring-contract";
export * from "./access/access-contract";

/** The API as one object: the server registers it, the auth-matrix test walks it. */
export const api = {
  auth: authRoutes,
  users: usersRoutes,
  teams: teamsRoutes,
  tokens: tokensRoutes,
  audit: auditRoutes,
  assets: assetsRoutes,
  system: systemRoutes,
  workItems: workItemsRoutes,
  workCatalog: workCatalogRoutes,
  workTriage: workTriageRoutes,
  workPlanning: workPlanningRoutes,
  notifications: notificationsRoutes,
  review: reviewRoutes,
  vulns: vulnsRoutes,
  vulnUploads: vulnUploadsRoutes,
  vulnSla: vulnSlaRoutes,
  vulnSlaPolicy: vulnSlaPolicyRoutes,
  vulnExceptions: vulnExceptionsRoutes,
  vulnEnrichment: vulnEnrichmentRoutes,
  vulnStates: vulnStatesRoutes,
  monitoring: monitoringRoutes,
  access: accessRoutes,
};

/** Every route of the API as a flat list. */
export function allRoutes(): RouteDef[] {
  return Object.values(api).flatMap((group) => Object.values(group) as RouteDef[]);
}
