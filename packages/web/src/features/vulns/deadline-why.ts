import type { VulnFindingDetail } from "@infrasec/contracts";

/**
 * Why a finding is due when it is, as the finding detail shows it: the SLA engine's reasons
 * (severity target, asset overrides, clock start, exception pauses, KEV cap), and a note when
 * the stored deadline is still waiting for a recomputation after a policy or asset change.
 */
export function deadlineWhy(f: Pick<VulnFindingDetail, "deadline" | "status">): {
  reasons: string[];
  note: string | null;
} {
  const d = f.deadline;
  if (!d) return { reasons: [], note: null };
  const open = f.status !== "resolved" && f.status !== "dismissed";
  return {
    reasons: d.explanation,
    note:
      open && !d.matchesStored
        ? `policy ${d.policy} gives ${d.dueAt ?? "no due date"}; the stored deadline is updated by the running recomputation or the next SLA sweep`
        : null,
  };
}
