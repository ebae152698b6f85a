import { useMemo, useState } from "react";
import {
  Button,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  TagsInput,
  Text,
} from "@mantine/core";
import type { LabelView, WorkItemSummary } from "@infrasec/contracts";
import { LabelBadge } from "../../shared/LabelBadge";
import { catalogMap } from "../../shared/label-colors";
import { actionReady } from "../bulk-selection";
import type { BulkAction } from "../bulk-selection";
import { BulkConfirmModal } from "./BulkConfirmModal";

type ActionType = BulkAction["type"];

/**
 * The bulk actions on the selected triage items: add or remove labels (scoped labels replace
 * their scope's value), assign, or close; every action asks for confirmation first.
 */
export function BulkActionBar({
  selected,
  catalog,
  usernames,
  onApply,
  onClear,
}: {
  selected: WorkItemSummary[];
  catalog?: readonly LabelView[];
  /** Suggestions for the assign field (empty when the user may not list users). */
  usernames: { value: string; label: string }[];
  onApply: (action: BulkAction) => Promise<unknown>;
  onClear: () => void;
}) {
  const [type, setType] = useState<ActionType>("labels");
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [assignees, setAssignees] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const map = useMemo(() => catalogMap(catalog), [catalog]);
  const catalogNames = useMemo(() => (catalog ?? []).map((l) => l.name).sort(), [catalog]);
  // Removable: what the selected items carry, plus the catalogue.
  const removable = useMemo(
    () => [...new Set([...selected.flatMap((i) => i.labels), ...catalogNames])].sort(),
    [selected, catalogNames],
  );

  const action: BulkAction =
    type === "labels"
      ? { type, add, remove }
      : type === "assign"
        ? { type, usernames: assignees }
        : { type: "close" };

  const renderLabel = ({ option }: { option: { value: string } }) => (
    <LabelBadge name={option.value} catalog={map} />
  );

  return (
    <Paper withBorder p="sm" role="region" aria-label="Bulk actions">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Text size="sm" fw={600} style={{ alignSelf: "center" }}>
          {selected.length} selected
        </Text>
        <SegmentedControl
          aria-label="Bulk action"
          size="xs"
          value={type}
          onChange={(v) => setType(v)}
          data={[
            { value: "labels", label: "Labels" },
            { value: "assign", label: "Assign" },
            { value: "close", label: "Close" },
          ]}
        />
        {type === "labels" && (
          <>
            <MultiSelect
              label="Add labels"
              description="A scoped label (Scope::value) replaces the item's other value of that scope"
              placeholder={catalog ? "Pick from the catalogue" : "Loading labels…"}
              data={catalogNames}
              value={add}
              onChange={setAdd}
              searchable
              clearable
              renderOption={renderLabel}
              w={320}
              size="xs"
              comboboxProps={{ withinPortal: true }}
            />
            <MultiSelect
              label="Remove labels"
              data={removable}
              value={remove}
              onChange={setRemove}
              searchable
              clearable
              renderOption={renderLabel}
              w={260}
              size="xs"
            />
          </>
        )}
        {type === "assign" && (
          <TagsInput
            label="Assign to"
            description="Usernames; replaces the current assignees"
            data={usernames}
            value={assignees}
            onChange={(v) => setAssignees(v.map((u) => u.trim().replace(/^@/, "").toLowerCase()))}
            w={320}
            size="xs"
            clearable
          />
        )}
        {type === "close" && (
          <Text size="sm" c="dimmed" style={{ alignSelf: "center" }}>
            Closes each item with its kind&apos;s closing status.
          </Text>
        )}
        <Group gap="xs" ml="auto">
          <Button variant="default" size="xs" onClick={onClear}>
            Clear selection
          </Button>
          <Button
            size="xs"
            color={type === "close" ? "red" : undefined}
            disabled={!actionReady(action)}
            onClick={() => setConfirming(true)}
          >
            {type === "close" ? "Close…" : "Apply…"}
          </Button>
        </Group>
      </Group>
      <BulkConfirmModal
        opened={confirming}
        action={action}
        items={selected}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          onApply(action).then(() => {
            setAdd([]);
            setRemove([]);
            setAssignees([]);
          })
        }
      />
    </Paper>
  );
}
