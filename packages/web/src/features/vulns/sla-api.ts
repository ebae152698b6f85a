import { api } from "@infrasec/contracts";
import type {
  VulnDashboard,
  VulnDashboardQuery,
  VulnSlaEvent,
  VulnSlaEventsQuery,
  VulnSlaSweepResult,
} from "@infrasec/contracts";
import { client } from "../../app/api-client";

/** The SLA dashboard, SLA events and the sweep (api.vulnSla). */

export function getDashboard(query: VulnDashboardQuery): Promise<VulnDashboard> {
  return client.call(api.vulnSla.dashboard, { query });
}

export function listSlaEvents(
  query: VulnSlaEventsQuery,
): Promise<{ items: VulnSlaEvent[]; nextCursor: string | null }> {
  return client.call(api.vulnSla.listSlaEvents, { query });
}

export function runSlaSweep(): Promise<VulnSlaSweepResult> {
  return client.call(api.vulnSla.runSlaSweep, {});
}
