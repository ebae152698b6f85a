import { Button, Group, Select } from "@mantine/core";
import { ALERT_LEVELS } from "@infrasec/contracts";
import { FilterText } from "../../review/components/FilterText";
import { STATUS_LABELS } from "../alert-format";
import { TIME_RANGES } from "../monitoring-query";
import type { AlertFilterKey, AlertsView } from "../monitoring-query";

const STATUS_OPTIONS = [
  { value: "open", label: "open (new + acknowledged)" },
  { value: "new", label: STATUS_LABELS.new },
  { value: "acknowledged", label: STATUS_LABELS.acknowledged },
  { value: "resolved", label: STATUS_LABELS.resolved },
  { value: "false_positive", label: STATUS_LABELS.false_positive },
  { value: "all", label: "any status" },
];

const LEVEL_OPTIONS = [...ALERT_LEVELS].reverse().map((l) => ({ value: l, label: l }));

export function AlertFilters({
  view,
  onChange,
  onStatus,
  onClear,
}: {
  view: AlertsView;
  onChange: (patch: Partial<Record<AlertFilterKey, string | undefined>>) => void;
  onStatus: (status: AlertsView["status"]) => void;
  onClear: () => void;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Alert filters">
      <Select
        label="Status"
        w={200}
        allowDeselect={false}
        data={STATUS_OPTIONS}
        value={view.status}
        onChange={(v) => onStatus((v ?? "open") as AlertsView["status"])}
      />
      <Select
        label="Level"
        placeholder="Any"
        w={140}
        clearable
        data={LEVEL_OPTIONS}
        value={view.level ?? null}
        onChange={(v) => onChange({ level: v ?? undefined })}
      />
      <Select
        label="At least"
        placeholder="Any level"
        w={140}
        clearable
        data={LEVEL_OPTIONS}
        value={view.minLevel ?? null}
        onChange={(v) => onChange({ minLevel: v ?? undefined })}
      />
      <FilterText
        label="Rule id"
        placeholder="Sigma id"
        w={200}
        value={view.ruleId ?? ""}
        onApply={(v) => onChange({ ruleId: v })}
      />
      <FilterText
        label="Host"
        placeholder="web-1"
        w={150}
        value={view.host ?? ""}
        onApply={(v) => onChange({ host: v })}
      />
      <FilterText
        label="Search"
        placeholder="Rule, host, container, image, asset"
        w={240}
        value={view.q ?? ""}
        onApply={(v) => onChange({ q: v })}
      />
      <Select
        label="Last seen"
        placeholder="Any time"
        w={150}
        clearable
        data={TIME_RANGES.map((r) => ({ value: r.value, label: r.label }))}
        value={view.range ?? null}
        onChange={(v) => onChange({ range: v ?? undefined })}
      />
      <Select
        label="Escalated"
        placeholder="Either"
        w={120}
        clearable
        data={[
          { value: "true", label: "escalated" },
          { value: "false", label: "not escalated" },
        ]}
        value={view.escalated ?? null}
        onChange={(v) => onChange({ escalated: v ?? undefined })}
      />
      <Button variant="subtle" color="gray" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
