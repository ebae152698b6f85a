import { useState } from "react";
import { Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { VULN_DISMISSAL_REASONS } from "@infrasec/contracts";
import type { VulnDismissalReason, VulnFindingStatus } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import {
  DISMISSAL_REASON_LABELS,
  STATUS_ACTION_COLORS,
  statusActionLabel,
  statusChangeProblems,
  statusNeeds,
} from "../vulns-format";

/**
 * The form of one status change (for one finding or a selection): a typed reason to dismiss, a
 * comment that dismissing and resolving require and the other changes keep in the history.
 */
export function StatusChangeModal({
  to,
  description,
  count,
  onSubmit,
  onClose,
}: {
  to: VulnFindingStatus;
  description: string;
  /** Findings that will change; the button says it and is disabled at 0. */
  count?: number;
  onSubmit: (body: { reason?: VulnDismissalReason; comment?: string }) => Promise<unknown>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState<VulnDismissalReason | null>(null);
  const [comment, setComment] = useState("");
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const needs = statusNeeds(to);
  const problems = statusChangeProblems(to, reason, comment);
  const server = fieldErrors(error);
  const submit = () => {
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    onSubmit({
      ...(needs.reason && reason ? { reason } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    })
      .then(onClose)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  const label = statusActionLabel(to);
  return (
    <Modal opened onClose={onClose} title={`${label}${count === undefined ? "" : ` ${count}`}`}>
      <Stack gap="sm">
        <Text size="sm">{description}</Text>
        {needs.reason && (
          <Select
            label="Reason"
            required
            placeholder="Why is it dismissed?"
            data={VULN_DISMISSAL_REASONS.map((r) => ({
              value: r,
              label: DISMISSAL_REASON_LABELS[r],
            }))}
            value={reason}
            onChange={(v) => setReason(v)}
            error={(tried && problems.reason) || server.reason}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Textarea
          label={to === "resolved" ? "Note" : "Comment"}
          required={needs.comment}
          description="Kept in the finding's history"
          autosize
          minRows={2}
          maxLength={10_000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={(tried && problems.comment) || server.comment}
        />
        <ErrorAlert error={error} title="The status did not change" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={STATUS_ACTION_COLORS[to]}
            loading={busy}
            disabled={count === 0}
            onClick={submit}
          >
            {label}
            {count === undefined ? "" : ` ${count}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
