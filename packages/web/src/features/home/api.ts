import { api } from "@infrasec/contracts";
import type { AuditEvent } from "@infrasec/contracts";
import { ASSET_KINDS } from "@infrasec/core";
import type { AssetKind } from "@infrasec/core";
import { client } from "../../app/api-client";

export interface AssetCounts {
  total: number;
  byKind: { kind: AssetKind; count: number }[];
  byCriticality: { criticality: number; count: number }[];
}

async function countAssets(query: Record<string, string | number>): Promise<number> {
  const res = await client.call(api.assets.list, { query: { ...query, limit: 1 } });
  return res.total;
}

/** Real counts from the list endpoint's totals (one small request per bucket). */
export async function loadAssetCounts(): Promise<AssetCounts> {
  const [total, kinds, crits] = await Promise.all([
    countAssets({}),
    Promise.all(ASSET_KINDS.map(async (kind) => ({ kind, count: await countAssets({ kind }) }))),
    Promise.all(
      [1, 2, 3, 4].map(async (c) => ({
        criticality: c,
        count: await countAssets({ criticality: c }),
      })),
    ),
  ]);
  return { total, byKind: kinds, byCriticality: crits };
}

export async function loadRecentActivity(limit = 15): Promise<AuditEvent[]> {
  const res = await client.call(api.audit.list, { query: { limit } });
  return res.items;
}
