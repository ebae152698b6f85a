import type { ServiceDeps } from "../shared/service-context";
import { createPlanningEpicsService } from "./planning-epics-service";
import { createPlanningMilestonesService } from "./planning-milestones-service";
import { createPlanningOkrsService } from "./planning-okrs-service";

/** Planning: epics and status updates, roadmap, milestones with burnup, OKRs. */
export function createPlanningService(deps: ServiceDeps) {
  return {
    ...createPlanningEpicsService(deps),
    milestones: createPlanningMilestonesService(deps),
    objectives: createPlanningOkrsService(deps),
  };
}
export type PlanningService = ReturnType<typeof createPlanningService>;
