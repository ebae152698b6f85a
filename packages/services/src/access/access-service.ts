import type { ServiceDeps } from "../shared/service-context";
import { createAssetAccessFindings } from "./access-asset-findings";
import { createAccessCampaignsService } from "./access-campaigns-service";
import { createAccessSnapshotsService } from "./access-snapshots-service";
import { runCampaignReminders } from "./campaign-reminders";

/** Access reviews on the platform (issue 7): snapshots and campaigns. */
export function createAccessService(deps: ServiceDeps) {
  return {
    snapshots: createAccessSnapshotsService(deps),
    campaigns: createAccessCampaignsService(deps),
    /** Open access findings of an inventory asset (its latest snapshot's). */
    assetFindings: createAssetAccessFindings(deps),
    /** One round of deadline reminders, escalations and removal-due events (background task). */
    remindCampaigns: () => runCampaignReminders(deps),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
