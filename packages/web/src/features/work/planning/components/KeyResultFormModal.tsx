import { useState } from "react";
import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { fieldErrors } from "../../../../app/api-client";
import type { KeyResultBody, KeyResultView } from "../api";
import { previewKeyResult } from "../okr-bands";
import { BandBadge } from "./BandBadge";
import { UsernameInput } from "./UsernameInput";

const num = (v: number | string): number => (typeof v === "number" ? v : Number.parseFloat(v));

/** Add or edit a key result: a measurable target from a start value, with exactly one DRI. */
export function KeyResultFormModal({
  keyResult,
  objectiveTitle,
  onClose,
  onSave,
}: {
  keyResult: KeyResultView | null;
  objectiveTitle: string;
  onClose: () => void;
  onSave: (body: KeyResultBody) => Promise<unknown>;
}) {
  const [title, setTitle] = useState(keyResult?.title ?? "");
  const [owner, setOwner] = useState(keyResult?.owner?.username ?? "");
  const [startValue, setStartValue] = useState<number | string>(keyResult?.startValue ?? 0);
  const [target, setTarget] = useState<number | string>(keyResult?.target ?? "");
  const [current, setCurrent] = useState<number | string>(keyResult?.current ?? 0);
  const [unit, setUnit] = useState(keyResult?.unit ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const values = { startValue: num(startValue), target: num(target), current: num(current) };
  const complete = title.trim() !== "" && Object.values(values).every(Number.isFinite);
  const preview = complete
    ? previewKeyResult(values.startValue, values.target, values.current)
    : null;

  const save = () => {
    setBusy(true);
    setError(null);
    onSave({ title, owner: owner.trim() || null, unit, ...values })
      .then(onClose)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={keyResult ? "Edit key result" : `Add a key result to “${objectiveTitle}”`}
    >
      <Stack gap="sm">
        <TextInput
          label="Key result"
          required
          description="Measurable: e.g. “Rotate every service-account key older than 365 days”"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <UsernameInput
          label="DRI (owner)"
          description="Exactly one directly responsible individual; they may update the current value."
          value={owner}
          onChange={setOwner}
          error={errors.owner}
        />
        <Group grow>
          <NumberInput
            label="Start value"
            value={startValue}
            onChange={setStartValue}
            error={errors.startValue}
          />
          <NumberInput
            label="Target"
            required
            value={target}
            onChange={setTarget}
            error={errors.target}
          />
          <NumberInput
            label="Current value"
            value={current}
            onChange={setCurrent}
            error={errors.current}
          />
        </Group>
        <TextInput
          label="Unit"
          placeholder="%, keys, hosts"
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value)}
          error={errors.unit}
        />
        {preview && (
          <Group gap="xs">
            <Text size="sm">Score:</Text>
            <BandBadge band={preview.band} score={preview.score} />
            <Text size="xs" c="dimmed">
              {preview.explanation}
            </Text>
          </Group>
        )}
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={!complete} onClick={save}>
            {keyResult ? "Save key result" : "Add key result"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
