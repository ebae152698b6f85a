import { useState } from "react";
import { Button, Group, NumberInput, Progress, Stack, Table, Text } from "@mantine/core";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { UserRefText } from "../../shared/UserRefText";
import type { KeyResultView } from "../api";
import { BAND_COLORS, previewKeyResult } from "../okr-bands";
import { BandBadge } from "./BandBadge";

function valueText(kr: KeyResultView): string {
  const unit = kr.unit ? ` ${kr.unit}` : "";
  return `${kr.current} / ${kr.target}${unit}`;
}

/**
 * One key result: owner, progress towards the target in its band colour, and (for its owner or
 * work:manage) an inline "update current value" with a live preview of the new score.
 */
export function KeyResultRow({
  kr,
  canUpdate,
  canManage,
  onUpdateCurrent,
  onEdit,
  onDelete,
}: {
  kr: KeyResultView;
  canUpdate: boolean;
  canManage: boolean;
  onUpdateCurrent: (current: number) => Promise<unknown>;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<number | string>(kr.current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const numeric = typeof value === "number" ? value : Number.parseFloat(value);
  const preview = Number.isFinite(numeric)
    ? previewKeyResult(kr.startValue, kr.target, numeric)
    : null;

  const save = () => {
    if (!Number.isFinite(numeric)) return;
    setBusy(true);
    setError(null);
    onUpdateCurrent(numeric)
      .then(() => setEditing(false))
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {kr.title}
        </Text>
        <Text size="xs" c="dimmed" component="div">
          DRI <UserRefText user={kr.owner} size="xs" empty="none" />
        </Text>
      </Table.Td>
      <Table.Td w={200}>
        <Stack gap={2}>
          <Progress.Root size="md">
            <Progress.Section
              value={Math.max(0, Math.min(100, kr.score))}
              color={BAND_COLORS[kr.band]}
              aria-label={`Progress of ${kr.title}`}
            />
          </Progress.Root>
          <Text size="xs" c="dimmed">
            from {kr.startValue} to {kr.target}
            {kr.unit ? ` ${kr.unit}` : ""}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        {editing ? (
          <Stack gap={4}>
            <Group gap={4} wrap="nowrap">
              <NumberInput
                aria-label={`Current value of ${kr.title}`}
                size="xs"
                w={110}
                value={value}
                onChange={setValue}
                onKeyDown={(e) => {
                  if (e.key === "Enter") save();
                  if (e.key === "Escape") setEditing(false);
                }}
                data-autofocus
                autoFocus
              />
              <Button size="compact-sm" loading={busy} onClick={save} disabled={!preview}>
                Save
              </Button>
              <Button size="compact-sm" variant="subtle" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </Group>
            {preview && (
              <Text size="xs" c="dimmed">
                new score {preview.score}% ({preview.explanation})
              </Text>
            )}
            <ErrorAlert error={error} title="Not saved" />
          </Stack>
        ) : (
          <Group gap={6} wrap="nowrap">
            <Text size="sm" style={{ whiteSpace: "nowrap" }}>
              {valueText(kr)}
            </Text>
            {canUpdate && (
              <Button
                size="compact-xs"
                variant="light"
                aria-label={`Update current value of ${kr.title}`}
                onClick={() => {
                  setValue(kr.current);
                  setEditing(true);
                }}
              >
                Update
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <BandBadge band={kr.band} score={kr.score} />
      </Table.Td>
      {canManage && (
        <Table.Td>
          <Group gap={2} justify="flex-end" wrap="nowrap">
            <Button
              size="compact-sm"
              variant="subtle"
              aria-label={`Edit key result ${kr.title}`}
              onClick={onEdit}
            >
              Edit
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              aria-label={`Delete key result ${kr.title}`}
              onClick={onDelete}
            >
              Delete
            </Button>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
