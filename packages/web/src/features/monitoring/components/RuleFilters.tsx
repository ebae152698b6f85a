import { Button, Group, Select } from "@mantine/core";
import { ALERT_LEVELS } from "@infrasec/contracts";
import { FilterText } from "../../review/components/FilterText";
import type { RuleFilterKey, RulesView } from "../monitoring-query";

export function RuleFilters({
  view,
  onChange,
  onClear,
}: {
  view: RulesView;
  onChange: (patch: Partial<Record<RuleFilterKey, string | undefined>>) => void;
  onClear: () => void;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Rule filters">
      <FilterText
        label="Search"
        placeholder="Title, id, author or tag"
        w={260}
        value={view.q ?? ""}
        onApply={(v) => onChange({ q: v })}
      />
      <Select
        label="Origin"
        placeholder="Any"
        w={140}
        clearable
        data={[
          { value: "builtin", label: "built-in" },
          { value: "user", label: "uploaded" },
        ]}
        value={view.origin ?? null}
        onChange={(v) => onChange({ origin: v ?? undefined })}
      />
      <Select
        label="Enabled"
        placeholder="Either"
        w={130}
        clearable
        data={[
          { value: "true", label: "enabled" },
          { value: "false", label: "disabled" },
        ]}
        value={view.enabled ?? null}
        onChange={(v) => onChange({ enabled: v ?? undefined })}
      />
      <Select
        label="Level"
        placeholder="Any"
        w={140}
        clearable
        data={[...ALERT_LEVELS].reverse().map((l) => ({ value: l, label: l }))}
        value={view.level ?? null}
        onChange={(v) => onChange({ level: v ?? undefined })}
      />
      <Button variant="subtle" color="gray" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
