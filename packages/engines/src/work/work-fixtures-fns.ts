import type { WorkItem } from "./work-item-types";
import { STATUS_MODELS } from "./work-status-types";

/**
 * Builds a work item with sensible defaults; for tests and demo data. Every test builds its own
 * items through this factory (no shared state).
 */
export function makeWorkItem(over: Partial<WorkItem> & Pick<WorkItem, "kind">): WorkItem {
  const at = over.createdAt ?? "2026-01-05T09:00:00.000Z";
  return {
    id: "item-1",
    title: "An item",
    status: STATUS_MODELS[over.kind].initial,
    labels: [],
    fields: {},
    assignees: [],
    confidential: false,
    links: [],
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}
