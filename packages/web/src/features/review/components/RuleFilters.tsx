import { Button, Group, Select } from "@mantine/core";
import { SEVERITIES } from "@infrasec/core";
import type { RuleFilterKey, RuleListQuery } from "../review-query";
import { FRAMEWORK_OPTIONS, PROVIDER_OPTIONS } from "../rule-labels";
import { FilterText } from "./FilterText";

export function RuleFilters({
  query,
  onChange,
  onClear,
}: {
  query: RuleListQuery;
  onChange: (patch: Partial<Record<RuleFilterKey, string | undefined>>) => void;
  onClear: () => void;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Rule filters">
      <FilterText
        label="Search"
        placeholder="Id, title or description"
        w={260}
        value={query.q ?? ""}
        onApply={(v) => onChange({ q: v })}
      />
      <Select
        label="Framework"
        placeholder="Any"
        w={170}
        clearable
        data={FRAMEWORK_OPTIONS}
        value={query.framework ?? null}
        onChange={(v) => onChange({ framework: v ?? undefined })}
      />
      <Select
        label="Provider"
        placeholder="Any"
        w={150}
        clearable
        data={PROVIDER_OPTIONS}
        value={query.provider ?? null}
        onChange={(v) => onChange({ provider: v ?? undefined })}
      />
      <Select
        label="Severity"
        placeholder="Any"
        w={130}
        clearable
        data={SEVERITIES.map((s) => ({ value: s, label: s }))}
        value={query.severity ?? null}
        onChange={(v) => onChange({ severity: v ?? undefined })}
      />
      <Button variant="subtle" color="gray" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
