import type { BoardFilters } from "./api";

const KEYS = ["assignee", "label", "q"] as const;

/** Board filters from the URL (shareable links); empty values are no filter. */
export function boardFiltersFromParams(params: URLSearchParams): BoardFilters {
  const out: BoardFilters = {};
  for (const k of KEYS) {
    const v = params.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** The URL parameters of board filters, in a stable order. */
export function paramsFromBoardFilters(filters: BoardFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of KEYS) {
    const v = filters[k]?.trim();
    if (v) out.set(k, v);
  }
  return out;
}

export function hasBoardFilters(filters: BoardFilters): boolean {
  return KEYS.some((k) => Boolean(filters[k]));
}
