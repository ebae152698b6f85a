import type { Executor } from "./executor";
import { vulnFindingsRepo } from "./vulns-findings-repo";
import { vulnJobsRepo } from "./vulns-jobs-repo";
import { vulnEnrichmentRepo } from "./vulns-enrichment-repo";
import { vulnStatesRepo } from "./vulns-states-repo";

/** Vulnerability management storage (issue 4): findings with their history, and import jobs. */
export function vulnsRepo(db: Executor) {
  return {
    ...vulnFindingsRepo(db),
    jobs: vulnJobsRepo(db),
    enrichment: vulnEnrichmentRepo(db),
    states: vulnStatesRepo(db),
  };
}
export type VulnsRepo = ReturnType<typeof vulnsRepo>;
export type * from "./vulns-findings-repo";
export type * from "./vulns-jobs-repo";
export type * from "./vulns-enrichment-repo";
export type * from "./vulns-states-repo";
export { VULN_FINDING_SORTS } from "./vulns-findings-repo";
