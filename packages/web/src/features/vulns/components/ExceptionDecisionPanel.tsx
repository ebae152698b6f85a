import { useState } from "react";
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import type { VulnExceptionDetail } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { approveException, rejectException, revokeException } from "../exceptions-api";
import { decisionAvailability, decisionNoteProblem } from "../exception-format";

type Decision = "approve" | "reject" | "revoke";

const DECISIONS: Record<Decision, { label: string; color: string; help: string }> = {
  approve: {
    label: "Approve",
    color: "green",
    help: "The covered open findings are dismissed until the exception ends; its window starts now.",
  },
  reject: {
    label: "Reject",
    color: "red",
    help: "The findings stay as they are. Say why, so the requester knows what to change.",
  },
  revoke: {
    label: "Revoke",
    color: "orange",
    help: "The exception ends now and the findings it covered reopen with their SLA clocks.",
  },
};

function DecisionModal({
  exception,
  decision,
  onClose,
  onDecided,
}: {
  exception: VulnExceptionDetail;
  decision: Decision;
  onClose: () => void;
  onDecided: (e: VulnExceptionDetail) => void;
}) {
  const d = DECISIONS[decision];
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const missing = decisionNoteProblem(decision, note);
  const submit = () => {
    setTried(true);
    if (missing) return;
    setBusy(true);
    setError(null);
    const text = note.trim() || undefined;
    const call =
      decision === "approve"
        ? approveException(exception.id, text)
        : decision === "reject"
          ? rejectException(exception.id, text ?? "")
          : revokeException(exception.id, text);
    call
      .then(onDecided)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened onClose={onClose} title={`${d.label} the exception`}>
      <Stack gap="sm">
        <Text size="sm">{d.help}</Text>
        <Textarea
          label="Note"
          required={decisionNoteProblem(decision, "") !== null}
          description="Kept with the decision"
          autosize
          minRows={2}
          maxLength={10_000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={(tried && missing) || fieldErrors(error).note}
          data-autofocus
        />
        <ErrorAlert
          error={error}
          title={`The exception was not ${decision === "approve" ? "approved" : decision === "reject" ? "rejected" : "revoked"}`}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={d.color} loading={busy} onClick={submit}>
            {d.label}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Approve / Reject for a requested exception and Revoke for an approved one. A button the user
 * may not use is disabled with the reason next to it (not hidden), so the rule is visible.
 */
export function ExceptionDecisionPanel({
  exception,
  user,
  onDecided,
}: {
  exception: VulnExceptionDetail;
  user: { id: string; canApprove: boolean };
  onDecided: (e: VulnExceptionDetail) => void;
}) {
  const [open, setOpen] = useState<Decision | null>(null);
  const can = decisionAvailability(exception, user);
  const shown: Decision[] =
    exception.status === "requested"
      ? ["approve", "reject"]
      : exception.status === "approved"
        ? ["revoke"]
        : [];
  if (shown.length === 0)
    return (
      <Text size="sm" c="dimmed">
        This exception is {exception.status}: nothing left to decide.
      </Text>
    );
  const reasons = [...new Set(shown.map((d) => can[d].reason).filter(Boolean))];
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {shown.map((d) => (
          <Button
            key={d}
            size="xs"
            color={DECISIONS[d].color}
            variant={d === "approve" ? "filled" : "light"}
            disabled={!can[d].allowed}
            onClick={() => setOpen(d)}
          >
            {DECISIONS[d].label}…
          </Button>
        ))}
      </Group>
      {reasons.map((r) => (
        <Text key={r} size="xs" c="dimmed" data-testid="decision-disabled-reason">
          {r}
        </Text>
      ))}
      {open && (
        <DecisionModal
          exception={exception}
          decision={open}
          onClose={() => setOpen(null)}
          onDecided={(e) => {
            setOpen(null);
            onDecided(e);
          }}
        />
      )}
    </Stack>
  );
}
