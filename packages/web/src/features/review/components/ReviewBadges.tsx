import { Badge } from "@mantine/core";
import type { ReviewStatus } from "@infrasec/contracts";
import { OUTCOME_COLORS } from "../review-format";

/** Finding statuses in change review; `new` is what the change introduced, so it stands out. */
export const FINDING_STATUS_COLORS: Record<ReviewStatus, string> = {
  new: "red",
  existing: "orange",
  fixed: "green",
  suppressed: "gray",
  unknown: "violet",
};

export function OutcomeBadge({
  outcome,
  failing,
}: {
  outcome: "passed" | "failed";
  failing?: number;
}) {
  const title =
    outcome === "failed" && failing !== undefined
      ? `${failing} new finding${failing === 1 ? "" : "s"} at or above the gate threshold`
      : undefined;
  return (
    <Badge color={OUTCOME_COLORS[outcome]} variant="filled" title={title}>
      {outcome}
    </Badge>
  );
}

export function FindingStatusBadge({ status }: { status: ReviewStatus }) {
  return <Badge color={FINDING_STATUS_COLORS[status]}>{status}</Badge>;
}
