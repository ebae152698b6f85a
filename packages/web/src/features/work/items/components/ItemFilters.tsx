import { Button, Group, MultiSelect, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { WORK_KINDS } from "@infrasec/contracts";
import type { LabelView } from "@infrasec/contracts";
import { STATUS_MODELS } from "@infrasec/engines/work";
import { KIND_LABELS, kindStatuses } from "../../shared/work-format";
import type { ItemFilterKey, ItemListQuery } from "../item-query";
import { DebouncedTextInput } from "./DebouncedTextInput";

const KIND_OPTIONS = WORK_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

/** Every status of every kind, once, for the status filter when no kind is chosen. */
const ALL_STATUSES = (() => {
  const seen = new Map<string, string>();
  for (const m of Object.values(STATUS_MODELS)) {
    for (const s of m.statuses) if (!seen.has(s.id)) seen.set(s.id, s.label);
  }
  return [...seen].map(([value, label]) => ({ value, label }));
})();

export function ItemFilters({
  query,
  labels,
  onChange,
  onClear,
}: {
  query: ItemListQuery;
  labels: LabelView[] | undefined;
  onChange: (patch: Partial<Record<ItemFilterKey, string | undefined>>) => void;
  onClear: () => void;
}) {
  const statusOptions = query.kind ? kindStatuses(query.kind) : ALL_STATUSES;
  const selectedLabels = (query.label ?? "").split(",").filter(Boolean);
  // Labels in the URL stay selectable even when the catalogue does not know them.
  const labelOptions = [...new Set([...(labels ?? []).map((l) => l.name), ...selectedLabels])].sort(
    (a, b) => a.localeCompare(b),
  );
  return (
    <Stack gap={6} role="search" aria-label="Work item filters">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <DebouncedTextInput
          label="Search"
          placeholder="Title, description, comments"
          w={240}
          value={query.q ?? ""}
          onApply={(v) => onChange({ q: v })}
        />
        <Select
          label="Kind"
          placeholder="Any"
          data={KIND_OPTIONS}
          w={200}
          clearable
          value={query.kind ?? null}
          onChange={(v) => onChange({ kind: v ?? undefined, status: undefined })}
        />
        <Select
          label="Status"
          placeholder="Any"
          data={statusOptions}
          w={190}
          clearable
          searchable
          value={query.status ?? null}
          onChange={(v) => onChange({ status: v ?? undefined })}
        />
        <MultiSelect
          label="Labels"
          placeholder={selectedLabels.length === 0 ? "Any" : undefined}
          data={labelOptions}
          w={300}
          searchable
          clearable
          value={selectedLabels}
          onChange={(v) => onChange({ label: v.join(",") || undefined })}
        />
        <DebouncedTextInput
          label="Assignee"
          leftSection="@"
          w={140}
          value={query.assignee ?? ""}
          onApply={(v) => onChange({ assignee: v.replace(/^@/, "") })}
        />
        <DebouncedTextInput
          label="Owner"
          leftSection="@"
          w={140}
          value={query.owner ?? ""}
          onApply={(v) => onChange({ owner: v.replace(/^@/, "") })}
        />
      </Group>
      <Group gap="xs">
        <Text size="sm" c="dimmed" id="item-state-label">
          State
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby="item-state-label"
          data={[
            { value: "open", label: "Open" },
            { value: "closed", label: "Closed" },
            { value: "all", label: "All" },
          ]}
          value={query.state}
          onChange={(v) => onChange({ state: v })}
        />
        <Select
          aria-label="Confidential"
          size="xs"
          placeholder="Confidential: any"
          w={150}
          clearable
          data={[
            { value: "true", label: "Confidential" },
            { value: "false", label: "Not confidential" },
          ]}
          value={query.confidential ?? null}
          onChange={(v) => onChange({ confidential: v ?? undefined })}
        />
        <Button variant="subtle" color="gray" size="xs" onClick={onClear}>
          Clear filters
        </Button>
      </Group>
    </Stack>
  );
}
