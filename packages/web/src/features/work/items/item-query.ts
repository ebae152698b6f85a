import { WORK_KINDS, WORK_SORTS } from "@infrasec/contracts";
import type { WorkListQuery } from "@infrasec/contracts";

/** The work-item list's filters in the URL (shareable links), validated both ways. */

export const ITEM_FILTER_KEYS = [
  "q",
  "kind",
  "label",
  "status",
  "state",
  "assignee",
  "owner",
  "confidential",
] as const;
export type ItemFilterKey = (typeof ITEM_FILTER_KEYS)[number];
export type ItemSort = (typeof WORK_SORTS)[number];
export const ITEM_PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_ITEM_LIMIT = 50;
export const DEFAULT_ITEM_SORT: ItemSort = "-updatedAt";
const STATES = ["open", "closed", "all"] as const;

export type ItemListQuery = WorkListQuery & {
  state: (typeof STATES)[number];
  sort: ItemSort;
  limit: number;
  offset: number;
};

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function intIn(v: string | null, min: number, max: number): number | undefined {
  if (v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** URL search params → a valid list query; bad values are dropped, not sent. */
export function itemQueryFromParams(params: URLSearchParams): ItemListQuery {
  const text = (k: string, max: number) => {
    const v = params.get(k)?.trim();
    return v ? v.slice(0, max) : undefined;
  };
  // Several labels are one comma-separated value (items carrying every one of them).
  const labels = (params.get("label") ?? "")
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    q: text("q", 200),
    kind: oneOf(WORK_KINDS, params.get("kind")),
    label: labels.length > 0 ? labels.join(",").slice(0, 500) : undefined,
    status: text("status", 50),
    state: oneOf(STATES, params.get("state")) ?? "open",
    assignee: text("assignee", 64)?.replace(/^@/, ""),
    owner: text("owner", 64)?.replace(/^@/, ""),
    confidential: oneOf(["true", "false"] as const, params.get("confidential")),
    sort: oneOf(WORK_SORTS, params.get("sort")) ?? DEFAULT_ITEM_SORT,
    limit: intIn(params.get("limit"), 1, 500) ?? DEFAULT_ITEM_LIMIT,
    offset: intIn(params.get("offset"), 0, 1_000_000) ?? 0,
  };
}

/** A list query → URL search params, defaults left out so links stay short. */
export function itemParamsFromQuery(query: Partial<ItemListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of [...ITEM_FILTER_KEYS, "sort", "limit", "offset"] as const) {
    const v = query[k];
    if (typeof v !== "string" && typeof v !== "number") continue;
    if (v === "") continue;
    if (k === "state" && v === "open") continue;
    if (k === "sort" && v === DEFAULT_ITEM_SORT) continue;
    if (k === "limit" && v === DEFAULT_ITEM_LIMIT) continue;
    if (k === "offset" && v === 0) continue;
    params.set(k, String(v));
  }
  return params;
}

export function hasItemFilters(query: Partial<ItemListQuery>): boolean {
  return ITEM_FILTER_KEYS.some(
    (k) => query[k] !== undefined && query[k] !== "" && !(k === "state" && query[k] === "open"),
  );
}

export type ItemSortColumn = "number" | "title" | "dueDate" | "updatedAt";

/**
 * Clicking a column header: numbers and dates start newest first, title A→Z; a second click
 * reverses where the API offers the reverse.
 */
export function nextItemSort(current: ItemSort, column: ItemSortColumn): ItemSort {
  const order: Record<ItemSortColumn, readonly ItemSort[]> = {
    number: ["-number", "number"],
    updatedAt: ["-updatedAt", "updatedAt"],
    dueDate: ["dueDate"],
    title: ["title"],
  };
  const cycle = order[column];
  const i = cycle.indexOf(current);
  return cycle[(i + 1) % cycle.length] ?? cycle[0] ?? DEFAULT_ITEM_SORT;
}

/** Adds a label to the comma-separated label filter (no duplicates). */
export function withLabelFilter(current: string | undefined, label: string): string {
  const list = (current ?? "").split(",").filter(Boolean);
  return list.includes(label) ? list.join(",") : [...list, label].join(",");
}
