import { api } from "@infrasec/contracts";
import type {
  Asset,
  AssetAccessFindings,
  AssetListQuery,
  AuditEvent,
  ImportFormat,
  ImportResult,
} from "@infrasec/contracts";
import type { AssetInput, Severity } from "@infrasec/core";
import { client } from "../../app/api-client";

export type AssetPatch = Omit<Partial<AssetInput>, "key">;

export function listAssets(query: AssetListQuery): Promise<{ items: Asset[]; total: number }> {
  return client.call(api.assets.list, { query });
}

export function getAsset(id: string): Promise<Asset> {
  return client.call(api.assets.get, { params: { id } });
}

export function createAsset(body: AssetInput): Promise<Asset> {
  return client.call(api.assets.create, { body });
}

export function updateAsset(id: string, body: AssetPatch): Promise<Asset> {
  return client.call(api.assets.update, { params: { id }, body });
}

export function deleteAsset(id: string): Promise<void> {
  return client.call(api.assets.remove, { params: { id } });
}

export function importAssets(format: ImportFormat, content: string): Promise<ImportResult> {
  return client.call(api.assets.import, { body: { format, content } });
}

export function assetHistory(id: string): Promise<{ items: AuditEvent[] }> {
  return client.call(api.assets.history, { params: { id } });
}

const PAGE = 500;
const EXPORT_MAX = 100_000;

/** Every asset matching the filters, page by page (for export of exactly what is filtered). */
export async function listAllAssets(
  query: AssetListQuery,
  onProgress?: (loaded: number, total: number) => void,
): Promise<Asset[]> {
  const out: Asset[] = [];
  for (let offset = 0; offset < EXPORT_MAX; offset += PAGE) {
    const page = await listAssets({ ...query, limit: PAGE, offset });
    out.push(...page.items);
    onProgress?.(out.length, page.total);
    if (page.items.length < PAGE || out.length >= page.total) break;
  }
  return out;
}

/** Open access findings of the asset: those of its latest access snapshot. */
export function assetAccessFindings(
  id: string,
  query: { severity?: Severity; limit?: number; offset?: number } = {},
): Promise<AssetAccessFindings> {
  return client.call(api.access.assetFindings, { params: { id }, query });
}
