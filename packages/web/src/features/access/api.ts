import { api, buildUrl } from "@infrasec/contracts";
import type {
  AccessFindingDto,
  AccessSnapshotDto,
  Campaign,
  CampaignListQuery,
  CreateCampaignBody,
  CreateSnapshotBody,
  DecideBody,
  DiffResult,
  FindingListQuery,
  PrincipalDetail,
  PrincipalListQuery,
  PrincipalRow,
  ReviewItem,
  ReviewItemListQuery,
  SnapshotListQuery,
  User,
  VerifyResult,
} from "@infrasec/contracts";
import { client } from "../../app/api-client";

type Page<T> = Promise<{ items: T[]; total: number }>;

export function listSnapshots(query: SnapshotListQuery): Page<AccessSnapshotDto> {
  return client.call(api.access.listSnapshots, { query });
}

export function getSnapshot(id: string): Promise<AccessSnapshotDto> {
  return client.call(api.access.getSnapshot, { params: { id } });
}

export function createSnapshot(body: CreateSnapshotBody): Promise<AccessSnapshotDto> {
  return client.call(api.access.createSnapshot, { body });
}

export function listPrincipals(id: string, query: PrincipalListQuery): Page<PrincipalRow> {
  return client.call(api.access.listPrincipals, { params: { id }, query });
}

/** `principalId` is the row id or the engine id (ARN, subject, member): the server takes both. */
export function getPrincipal(id: string, principalId: string): Promise<PrincipalDetail> {
  return client.call(api.access.getPrincipal, { params: { id, principalId } });
}

export function listAccessFindings(id: string, query: FindingListQuery): Page<AccessFindingDto> {
  return client.call(api.access.listFindings, { params: { id }, query });
}

export function diffSnapshots(oldId: string, newId: string): Promise<DiffResult> {
  return client.call(api.access.diff, { query: { old: oldId, new: newId } });
}

export function listCampaigns(query: CampaignListQuery): Page<Campaign> {
  return client.call(api.access.listCampaigns, { query });
}

export function getCampaign(id: string): Promise<Campaign> {
  return client.call(api.access.getCampaign, { params: { id } });
}

export function createCampaign(body: CreateCampaignBody): Promise<Campaign> {
  return client.call(api.access.createCampaign, { body });
}

export function listReviewItems(id: string, query: ReviewItemListQuery): Page<ReviewItem> {
  return client.call(api.access.listItems, { params: { id }, query });
}

export function decideItem(id: string, itemId: string, body: DecideBody): Promise<ReviewItem> {
  return client.call(api.access.decide, { params: { id, itemId }, body });
}

export function closeCampaign(id: string, force: boolean): Promise<Campaign> {
  return client.call(api.access.close, { params: { id }, body: force ? { force } : {} });
}

export function verifyCampaign(id: string, snapshotId: string): Promise<VerifyResult> {
  return client.call(api.access.verify, { params: { id }, query: { snapshotId } });
}

/** Plain links (GET with the session cookie): the browser downloads the evidence itself. */
export function evidenceUrls(id: string): { csv: string; json: string } {
  return {
    csv: buildUrl(api.access.evidenceCsv, { id }),
    json: buildUrl(api.access.evidenceBundle, { id }),
  };
}

/** Usernames for reviewer pickers; empty for roles that may not list users (typed by hand). */
export async function listUsernames(): Promise<string[]> {
  const res: { items: User[] } = await client.call(api.users.list);
  return res.items.filter((u) => !u.disabled).map((u) => u.username);
}
