import { api } from "@infrasec/contracts";
import type { WorkItemView } from "@infrasec/contracts";
import { client } from "../../../app/api-client";

/** The Decision Log, newest first, optionally searched. */
export async function listDecisions(q?: string): Promise<WorkItemView[]> {
  const query = q?.trim() ? { q: q.trim() } : {};
  return (await client.call(api.workTriage.decisions, { query })).items;
}
