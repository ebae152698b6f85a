import { useState } from "react";
import {
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import type { MilestoneView } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { fieldErrors } from "../../../../app/api-client";
import type { MilestoneBody } from "../api";
import { currentQuarter, quarterBounds } from "../quarters";

/**
 * Create or edit a milestone. Milestones are quarterly by convention, so a new one starts as
 * the current quarter (first to last day); any dates are allowed.
 */
export function MilestoneFormModal({
  milestone,
  opened,
  onClose,
  onSave,
}: {
  milestone: MilestoneView | null;
  opened: boolean;
  onClose: () => void;
  onSave: (body: MilestoneBody) => Promise<unknown>;
}) {
  const quarter = currentQuarter();
  const bounds = quarterBounds(quarter);
  const [title, setTitle] = useState(milestone?.title ?? quarter);
  const [description, setDescription] = useState(milestone?.description ?? "");
  const [startDate, setStartDate] = useState(milestone?.startDate.slice(0, 10) ?? bounds.start);
  const [dueDate, setDueDate] = useState(milestone?.dueDate.slice(0, 10) ?? bounds.end);
  const [state, setState] = useState<"active" | "closed">(milestone?.state ?? "active");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const datesWrong = startDate !== "" && dueDate !== "" && dueDate < startDate;

  const save = () => {
    setBusy(true);
    setError(null);
    onSave({ title, description, startDate, dueDate, state })
      .then(onClose)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={milestone ? `Edit milestone ${milestone.title}` : "New milestone"}
    >
      <Stack gap="sm">
        <TextInput
          label="Title"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <Group grow>
          <TextInput
            type="date"
            label="Start date"
            required
            value={startDate}
            onChange={(e) => setStartDate(e.currentTarget.value)}
            error={errors.startDate}
          />
          <TextInput
            type="date"
            label="Due date"
            required
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            error={errors.dueDate ?? (datesWrong ? "the due date is before the start" : undefined)}
          />
        </Group>
        <Textarea
          label="Description"
          description="Markdown: the quarter's commitments, links to the epics labelled InfraSec::this-quarter."
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="milestone-state-label">
            State
          </Text>
          <SegmentedControl
            aria-labelledby="milestone-state-label"
            value={state}
            onChange={setState}
            data={[
              { value: "active", label: "Active" },
              { value: "closed", label: "Closed" },
            ]}
          />
        </div>
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={!title.trim() || datesWrong} onClick={save}>
            {milestone ? "Save milestone" : "Create milestone"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
