import { ASSET_SORTS } from "@infrasec/contracts";
import type { AssetListQuery } from "@infrasec/contracts";
import { ASSET_KINDS, DATA_CLASSIFICATIONS, ENVIRONMENTS, EXPOSURES } from "@infrasec/core";

export const FILTER_KEYS = [
  "q",
  "kind",
  "ownerTeam",
  "environment",
  "criticality",
  "exposure",
  "dataClassification",
  "tag",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type AssetSort = (typeof ASSET_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_LIMIT = 50;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function intIn(v: string | null, min: number, max: number): number | undefined {
  if (v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** URL search params → a valid list query; unknown or bad values are dropped, not sent. */
export function queryFromParams(
  params: URLSearchParams,
): AssetListQuery & { limit: number; offset: number } {
  const text = (k: string, max: number) => {
    const v = params.get(k)?.trim();
    return v ? v.slice(0, max) : undefined;
  };
  return {
    q: text("q", 200),
    kind: oneOf(ASSET_KINDS, params.get("kind")),
    ownerTeam: text("ownerTeam", 100),
    environment: oneOf(ENVIRONMENTS, params.get("environment")),
    criticality: intIn(params.get("criticality"), 1, 4),
    exposure: oneOf(EXPOSURES, params.get("exposure")),
    dataClassification: oneOf(DATA_CLASSIFICATIONS, params.get("dataClassification")),
    tag: text("tag", 64),
    sort: oneOf(ASSET_SORTS, params.get("sort")) ?? "name",
    limit: intIn(params.get("limit"), 1, 500) ?? DEFAULT_LIMIT,
    offset: intIn(params.get("offset"), 0, 1_000_000) ?? 0,
  };
}

/** A list query → URL search params, leaving defaults out so links stay short. */
export function paramsFromQuery(query: AssetListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    if (v === "") continue;
    if (k === "sort" && v === "name") continue;
    if (k === "limit" && v === DEFAULT_LIMIT) continue;
    if (k === "offset" && v === 0) continue;
    params.set(k, String(v));
  }
  return params;
}

export function hasFilters(query: AssetListQuery): boolean {
  return FILTER_KEYS.some((k) => query[k] !== undefined && query[k] !== "");
}

/** Clicking a column: ascending first, then descending. */
export function nextSort(
  current: AssetSort,
  column: "name" | "criticality" | "updatedAt" | "kind",
): AssetSort {
  if (column === "kind") return "kind";
  if (current === column) return `-${column}` as AssetSort;
  return column;
}
