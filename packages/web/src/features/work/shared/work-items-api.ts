import { api } from "@infrasec/contracts";
import type {
  CreateWorkItemBody,
  PatchWorkItemBody,
  TemplateView,
  WorkComment,
  WorkHistoryEntry,
  WorkItemSummary,
  WorkItemView,
  WorkListQuery,
} from "@infrasec/contracts";
import { client } from "../../../app/api-client";

/** Thin wrappers over the work-item routes, so pages read as what they do. */

export function listWorkItems(
  query: WorkListQuery,
): Promise<{ items: WorkItemSummary[]; total: number }> {
  return client.call(api.workItems.list, { query });
}

export function getWorkItem(id: string): Promise<WorkItemView> {
  return client.call(api.workItems.get, { params: { id } });
}

export function getWorkItemByNumber(number: number): Promise<WorkItemView> {
  return client.call(api.workItems.byNumber, { params: { number } });
}

export function createWorkItem(body: CreateWorkItemBody): Promise<WorkItemView> {
  return client.call(api.workItems.create, { body });
}

export function updateWorkItem(id: string, body: PatchWorkItemBody): Promise<WorkItemView> {
  return client.call(api.workItems.update, { params: { id }, body });
}

export function changeWorkItemLabels(
  id: string,
  change: { add?: string[]; remove?: string[] },
): Promise<WorkItemView> {
  return client.call(api.workItems.labels, { params: { id }, body: change });
}

export function workItemHistory(id: string): Promise<{ items: WorkHistoryEntry[] }> {
  return client.call(api.workItems.history, { params: { id } });
}

export function workItemComments(id: string): Promise<{ items: WorkComment[] }> {
  return client.call(api.workItems.comments, { params: { id } });
}

export function addWorkItemComment(id: string, body: string): Promise<WorkComment> {
  return client.call(api.workItems.addComment, { params: { id }, body: { body } });
}

export function giveVerdict(
  id: string,
  body: { verdict: "approved" | "refused"; level?: string; comment?: string },
): Promise<WorkItemView> {
  return client.call(api.workItems.verdict, { params: { id }, body });
}

export type ChangeApprovalInput = {
  requirement: "manager_approved" | "eoc_approved" | "dbre_review" | "peer_review";
  capacity:
    "peer" | "reliability" | "manager" | "senior_manager" | "director" | "vp" | "eoc" | "dbre";
};

export function recordChangeApproval(id: string, body: ChangeApprovalInput): Promise<WorkItemView> {
  return client.call(api.workItems.changeApproval, { params: { id }, body });
}

export function addWorkItemLink(
  id: string,
  body: {
    type: WorkItemView["links"][number]["type"];
    targetKind?: "item" | "asset" | "finding";
    target: string;
  },
): Promise<WorkItemView> {
  return client.call(api.workItems.addLink, { params: { id }, body });
}

export function removeWorkItemLink(id: string, linkId: string): Promise<WorkItemView> {
  return client.call(api.workItems.removeLink, { params: { id, linkId } });
}

export function listTemplates(): Promise<TemplateView[]> {
  return client.call(api.workCatalog.listTemplates).then((r) => r.items);
}

export function getTemplate(id: string): Promise<TemplateView> {
  return client.call(api.workCatalog.getTemplate, { params: { id } });
}
