import type { Value } from "../terraform/eval/values";

/** One entry of a plan's `resource_changes`, the subject of change-aware rules. */
export interface PlanChange {
  address: string;
  type: string;
  actions: readonly string[];
  before: Record<string, Value> | null;
  after: Record<string, Value> | null;
  /** Paths of `after` only known after apply (from `after_unknown`). */
  afterUnknown: Record<string, Value> | null;
  actionReason?: string;
  file: string;
  line: number;
}
