import type { ServiceDeps } from "../shared/service-context";
import { createNotificationsService } from "./notifications-service";
import { createWorkCatalogService } from "./work-catalog-service";
import { createWorkItemsService } from "./work-items-service";

/** The work-item core: items, the catalogue and notifications (top-level keys of services). */
export function createWorkServices(deps: ServiceDeps) {
  return {
    workItems: createWorkItemsService(deps),
    workCatalog: createWorkCatalogService(deps),
    notifications: createNotificationsService(deps),
  };
}
export type WorkServices = ReturnType<typeof createWorkServices>;
