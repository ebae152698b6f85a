import { useEffect, useState } from "react";
import { api } from "@infrasec/contracts";
import type { LabelView } from "@infrasec/contracts";
import { client } from "../../../app/api-client";

/**
 * The label catalogue, loaded once per page load and shared by every list and badge (it changes
 * rarely; `invalidateLabels` after an admin edits it). A failed load is forgotten so the next
 * caller tries again.
 */
let cached: Promise<LabelView[]> | null = null;

export function listLabels(): Promise<LabelView[]> {
  cached ??= client.call(api.workCatalog.listLabels, { query: {} }).then(
    (r) => r.items,
    (e: unknown) => {
      cached = null;
      throw e;
    },
  );
  return cached;
}

export function invalidateLabels(): void {
  cached = null;
}

/** The catalogue for components; undefined while loading or when it cannot be read. */
export function useLabelCatalog(): LabelView[] | undefined {
  const [labels, setLabels] = useState<LabelView[] | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    listLabels().then(
      (items) => {
        if (!cancelled) setLabels(items);
      },
      // Badges fall back to a neutral colour; the page shows its own errors.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return labels;
}
