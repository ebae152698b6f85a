import type { ServiceDeps } from "../shared/service-context";
import { createAccessCampaignsService } from "./access-campaigns-service";
import { createAccessSnapshotsService } from "./access-snapshots-service";
import { runCampaignReminders } from "./campaign-reminders";

/** Access reviews on the platform (issue 7): snapshots and campaigns. */
export function createAccessService(deps: ServiceDeps) {
  return {
    snapshots: createAccessSnapshotsService(deps),
    campaigns: createAccessCampaignsService(deps),
    /** One round of deadline reminders, escalations and removal-due events (background task). */
    remindCampaigns: () => runCampaignReminders(deps),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
