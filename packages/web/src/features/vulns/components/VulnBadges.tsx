import { Badge, Text } from "@mantine/core";
import type { VulnFinding, VulnFindingStatus, VulnJobStatus } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";
import {
  DISMISSAL_REASON_LABELS,
  FINDING_STATUS_COLORS,
  FINDING_STATUS_LABELS,
  JOB_STATUS_COLORS,
  JOB_STATUS_LABELS,
  slaText,
} from "../vulns-format";

export function FindingStatusBadge({
  status,
  reason,
}: {
  status: VulnFindingStatus;
  reason?: VulnFinding["dismissalReason"];
}) {
  return (
    <Badge color={FINDING_STATUS_COLORS[status]}>
      {FINDING_STATUS_LABELS[status]}
      {status === "dismissed" && reason ? ` · ${DISMISSAL_REASON_LABELS[reason]}` : ""}
    </Badge>
  );
}

export function JobStatusBadge({ status }: { status: VulnJobStatus }) {
  return <Badge color={JOB_STATUS_COLORS[status]}>{JOB_STATUS_LABELS[status]}</Badge>;
}

/** "overdue by 3 days" in red, "due in 12 days", with the due date one hover away. */
export function SlaText({
  finding,
  now,
}: {
  finding: Pick<VulnFinding, "status" | "slaDueAt" | "slaState">;
  now: number;
}) {
  const sla = slaText(finding, now);
  return (
    <Text
      size="sm"
      c={sla.color}
      fw={sla.overdue ? 600 : undefined}
      title={finding.slaDueAt ? `Due ${formatDateTime(finding.slaDueAt)}` : undefined}
    >
      {sla.text}
    </Text>
  );
}
