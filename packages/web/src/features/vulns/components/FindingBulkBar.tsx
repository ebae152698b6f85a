import { useState } from "react";
import { Button, Group, Paper, Text } from "@mantine/core";
import type {
  VulnDismissalReason,
  VulnExceptionDetail,
  VulnFinding,
  VulnFindingStatus,
} from "@infrasec/contracts";
import { STATUS_ACTION_COLORS, bulkPlan, describeBulk, statusActionLabel } from "../vulns-format";
import { ExceptionRequestModal } from "./ExceptionRequestModal";
import { StatusChangeModal } from "./StatusChangeModal";

const BULK_STATUSES: VulnFindingStatus[] = [
  "confirmed",
  "in_progress",
  "resolved",
  "dismissed",
  "detected",
];

/**
 * Status changes on the selected findings (for users who may change findings) and "Request
 * exception" for them (for users who may request one). The confirmation states how many
 * findings change and how many are left alone because their status does not offer that change.
 */
export function FindingBulkBar({
  selected,
  canChange,
  canRequest,
  onApply,
  onRequested,
  onClear,
}: {
  selected: VulnFinding[];
  canChange: boolean;
  canRequest: boolean;
  onRequested: (exception: VulnExceptionDetail) => void;
  onApply: (
    ids: string[],
    status: VulnFindingStatus,
    body: { reason?: VulnDismissalReason; comment?: string },
  ) => Promise<unknown>;
  onClear: () => void;
}) {
  const [target, setTarget] = useState<VulnFindingStatus | null>(null);
  const [requesting, setRequesting] = useState(false);
  const plan = target ? bulkPlan(selected, target) : { eligible: [], skipped: [] };
  return (
    <Paper withBorder p="sm" role="region" aria-label="Bulk actions">
      <Group gap="sm">
        <Text size="sm" fw={600}>
          {selected.length} selected
        </Text>
        {(canChange ? BULK_STATUSES : [])
          .filter((s) => bulkPlan(selected, s).eligible.length > 0)
          .map((s) => (
            <Button
              key={s}
              size="xs"
              variant="light"
              color={STATUS_ACTION_COLORS[s]}
              onClick={() => setTarget(s)}
            >
              {statusActionLabel(s)}…
            </Button>
          ))}
        {canRequest && (
          <Button size="xs" variant="light" color="grape" onClick={() => setRequesting(true)}>
            Request exception…
          </Button>
        )}
        <Button size="xs" variant="default" ml="auto" onClick={onClear}>
          Clear selection
        </Button>
      </Group>
      {target && (
        <StatusChangeModal
          to={target}
          count={plan.eligible.length}
          description={describeBulk(target, plan.eligible.length, plan.skipped.length)}
          onSubmit={(body) => onApply(plan.eligible, target, body)}
          onClose={() => setTarget(null)}
        />
      )}
      {requesting && (
        <ExceptionRequestModal
          findings={selected}
          onClose={() => setRequesting(false)}
          onRequested={(e) => {
            setRequesting(false);
            onRequested(e);
          }}
        />
      )}
    </Paper>
  );
}
