import { useState } from "react";
import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from "@mantine/core";
import type { ReviewDecision, ReviewItem } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { decideItem } from "../api";
import { DECISION_HINTS, DECISION_LABELS, decisionProblems } from "../campaign-form";

const DECISION_COLORS = { keep: "green", revoke: "red", modify: "yellow" } as const;

/** Records keep / revoke / modify on one item with its justification and follow-up ticket. */
export function DecisionModal({
  item,
  decision,
  onClose,
  onDecided,
}: {
  item: ReviewItem;
  decision: ReviewDecision;
  onClose: () => void;
  onDecided: (item: ReviewItem) => void;
}) {
  const [justification, setJustification] = useState(
    item.decision === decision ? (item.justification ?? "") : "",
  );
  const [ticket, setTicket] = useState(item.followUpTicket ?? "");
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problems = decisionProblems(decision, justification, ticket);
  const serverErrors = fieldErrors(error);

  const submit = () => {
    setTouched(true);
    if (problems.justification) return;
    setBusy(true);
    setError(null);
    decideItem(item.campaignId, item.id, {
      decision,
      justification: justification.trim(),
      ...(ticket.trim() ? { followUpTicket: ticket.trim() } : {}),
    })
      .then(onDecided)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened onClose={onClose} title={`${DECISION_LABELS[decision]}: ${item.principalName}`}>
      <Stack gap="sm">
        <Text size="sm">
          {item.entitlement.name}
          {item.entitlement.scope ? ` (${item.entitlement.scope})` : ""}
        </Text>
        <Textarea
          label="Justification"
          description={DECISION_HINTS[decision]}
          required
          autosize
          minRows={3}
          maxRows={10}
          maxLength={4000}
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          error={(touched && problems.justification) || serverErrors.justification}
          data-autofocus
        />
        <TextInput
          label="Follow-up ticket"
          description="Work item, issue or change request that carries out the decision"
          placeholder="#123 or https://…"
          maxLength={500}
          value={ticket}
          onChange={(e) => setTicket(e.currentTarget.value)}
          error={serverErrors.followUpTicket}
        />
        {problems.ticketWarning && (
          <Alert color="yellow" p="xs">
            <Text size="sm">{problems.ticketWarning}</Text>
          </Alert>
        )}
        {error !== null && <ErrorAlert error={error} title="The decision was not recorded" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={DECISION_COLORS[decision]} loading={busy} onClick={submit}>
            Record {DECISION_LABELS[decision].toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
