import type { StatementMatch } from "./statement-matcher";

/** One hop of an escalation path, explained: who did what to whom, and which statements allow it. */
export interface EscalationStep {
  from: string;
  to: string;
  techniqueId: string;
  pathfindingId: string | undefined;
  actions: readonly string[];
  /** `conditional` when a statement's condition could not be decided offline. */
  verdict: "allowed" | "conditional";
  /** True when the step rides on a resource (function, stack, instance) that may not exist. */
  needsExistingResource: boolean;
  explanation: string;
  /** `policyId#index` of the allowing statements. */
  statements: readonly string[];
}

/** A path from a principal to admin or to another principal. */
export interface EscalationPath {
  /** The pathfinding.cloud id when the path is a catalogued one, else the infrasec technique id. */
  pathId: string;
  outcome: "admin" | "lateral";
  steps: readonly EscalationStep[];
  conditional: boolean;
  needsExistingResource: boolean;
}

/** Summarizes allowing statements of a decision for an explanation. */
export function allowingStatements(matches: readonly StatementMatch[]): string[] {
  return matches
    .filter((m) => m.effect === "Allow" && m.policyKind !== "boundary" && m.policyKind !== "scp")
    .map((m) => `${m.policyId}#${m.sid ?? m.index}`);
}
