import type { WorkItemKind } from "@infrasec/engines/work";
import type { WorkItemSummary } from "./work-view-types";

/**
 * What the board services answer; mirrors `boardSchema` and `boardViewSchema` of the contracts
 * (services may not import contracts; the routes serialize through them).
 */

export interface BoardView {
  id: string;
  name: string;
  mode: "scope" | "status";
  scope: string | null;
  columns: { value: string; title: string; wipLimit: number | null }[];
  swimlanes: "none" | "assignee";
  filterLabels: string[];
  kind: WorkItemKind | null;
  createdAt: string;
  updatedAt: string;
}

export interface BoardColumnContent {
  value: string;
  title: string;
  wipLimit: number | null;
  count: number;
  overLimit: boolean;
  items: WorkItemSummary[];
}

export interface BoardContentView {
  board: BoardView;
  columns: BoardColumnContent[];
  lanes: { key: string; title: string }[];
}

/** Filters of a board view, on top of the board's saved filters. */
export interface BoardViewQuery {
  /** A username. */
  assignee?: string;
  /** One label, or several separated by commas (label names have no commas). */
  label?: string;
  q?: string;
}
