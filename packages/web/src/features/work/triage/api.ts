import { api } from "@infrasec/contracts";
import type { CallInput, TriageQueueView, WorkItemSummary } from "@infrasec/contracts";
import { client } from "../../../app/api-client";

export type BulkBody = NonNullable<CallInput<typeof api.workTriage.bulk>["body"]>;

export interface HygieneAction {
  item: WorkItemSummary;
  kind: "ping_assignee" | "add_label" | "close";
  label: string | null;
  reason: string;
}

export function triageQueue(): Promise<TriageQueueView> {
  return client.call(api.workTriage.queue);
}

export function triageReport(since?: string): Promise<{ markdown: string; generatedAt: string }> {
  return client.call(api.workTriage.report, { query: since ? { since } : {} });
}

export function bulkUpdate(body: BulkBody): Promise<{ updated: number }> {
  return client.call(api.workTriage.bulk, { body });
}

export function runHygiene(
  dryRun: boolean,
): Promise<{ actions: HygieneAction[]; applied: boolean }> {
  return client.call(api.workTriage.hygiene, { body: { dryRun } });
}

/** Usernames for the assign picker (only for users who may list users). */
export async function listUsernames(): Promise<{ value: string; label: string }[]> {
  const { items } = await client.call(api.users.list);
  return items
    .filter((u) => !u.disabled && u.kind === "human")
    .map((u) => ({
      value: u.username,
      label: u.displayName ? `${u.username} (${u.displayName})` : u.username,
    }));
}
