import { api } from "@infrasec/contracts";
import type { VulnSlaPolicyEdit, VulnSlaPolicyView, VulnSlaRecompute } from "@infrasec/contracts";
import { client } from "../../app/api-client";

/** The stored patching (SLA) policy, its edit and the recompute it queues (api.vulnSlaPolicy). */

export function getSlaPolicy(): Promise<VulnSlaPolicyView> {
  return client.call(api.vulnSlaPolicy.getSlaPolicy, {});
}

export function updateSlaPolicy(body: VulnSlaPolicyEdit): Promise<VulnSlaPolicyView> {
  return client.call(api.vulnSlaPolicy.updateSlaPolicy, { body });
}

export function getSlaRecompute(id: string): Promise<VulnSlaRecompute> {
  return client.call(api.vulnSlaPolicy.getSlaRecompute, { params: { id } });
}
