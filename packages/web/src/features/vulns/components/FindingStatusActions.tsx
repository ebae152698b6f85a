import { useState } from "react";
import { Button, Group } from "@mantine/core";
import type { VulnDismissalReason, VulnFindingStatus } from "@infrasec/contracts";
import {
  FINDING_STATUS_LABELS,
  STATUS_ACTION_COLORS,
  nextStatuses,
  statusActionLabel,
  statusNeeds,
} from "../vulns-format";
import { StatusChangeModal } from "./StatusChangeModal";

/** The status changes the finding's status offers; each opens its form. */
export function FindingStatusActions({
  status,
  onChange,
}: {
  status: VulnFindingStatus;
  onChange: (
    to: VulnFindingStatus,
    body: { reason?: VulnDismissalReason; comment?: string },
  ) => Promise<unknown>;
}) {
  const [target, setTarget] = useState<VulnFindingStatus | null>(null);
  const describe = (to: VulnFindingStatus) => {
    const needs = statusNeeds(to);
    const move = `${FINDING_STATUS_LABELS[status]} → ${FINDING_STATUS_LABELS[to]}.`;
    if (needs.reason) return `${move} Choose a reason and say why; both are kept in the history.`;
    if (needs.comment) return `${move} Say what fixed it; the note is kept in the history.`;
    return `${move} A comment is optional.`;
  };
  return (
    <>
      <Group gap="xs">
        {nextStatuses(status).map((to) => (
          <Button
            key={to}
            size="xs"
            variant={to === "confirmed" ? "filled" : "light"}
            color={STATUS_ACTION_COLORS[to]}
            onClick={() => setTarget(to)}
          >
            {statusActionLabel(to)}…
          </Button>
        ))}
      </Group>
      {target && (
        <StatusChangeModal
          to={target}
          description={describe(target)}
          onSubmit={(body) => onChange(target, body)}
          onClose={() => setTarget(null)}
        />
      )}
    </>
  );
}
