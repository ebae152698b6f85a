import { useState } from "react";
import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from "@mantine/core";
import type { Alert } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { fieldErrors } from "../../../app/api-client";
import { entityLabel } from "../alert-format";

/** The incident title the server would choose; shown so people can edit it. */
export function defaultIncidentTitle(
  a: Pick<
    Alert,
    "level" | "ruleTitle" | "host" | "containerId" | "containerName" | "image" | "namespace" | "pod"
  >,
): string {
  const entity = entityLabel(a);
  const base = `${a.level} alert: ${a.ruleTitle}`;
  return (entity === "—" ? base : `${base} on ${entity}`).slice(0, 200);
}

/**
 * Escalation to SIRT: opens a confidential incident work item with the alert's summary (and the
 * note on top), then the caller goes to it.
 */
export function EscalateModal({
  alert,
  opened,
  onClose,
  onEscalate,
}: {
  alert: Alert;
  opened: boolean;
  onClose: () => void;
  onEscalate: (body: { title?: string; note?: string }) => Promise<unknown>;
}) {
  const [title, setTitle] = useState(() => defaultIncidentTitle(alert));
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const submit = () => {
    setBusy(true);
    setError(null);
    onEscalate({
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Escalate to SIRT" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Opens a confidential incident work item for SIRT with this alert&apos;s rule, entity,
          matched fields and a link back here, and notifies the delivery integrations.
        </Text>
        <TextInput
          label="Incident title"
          maxLength={200}
          value={title}
          error={errors.title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Textarea
          label="Note"
          description="Added above the alert summary: what you saw, what you did already"
          autosize
          minRows={3}
          maxLength={10_000}
          value={note}
          error={errors.note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <ErrorAlert error={error} title="Could not escalate" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={submit}>
            Create incident
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
