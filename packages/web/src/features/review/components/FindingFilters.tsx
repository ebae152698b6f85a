import { Button, Group, Select } from "@mantine/core";
import { SEVERITIES } from "@infrasec/core";
import type { FindingListQuery } from "../review-query";
import { FilterText } from "./FilterText";

type Key = "severity" | "ruleId" | "file";

export function FindingFilters({
  query,
  onChange,
  onClear,
}: {
  query: FindingListQuery;
  onChange: (patch: Partial<Record<Key, string | undefined>>) => void;
  onClear: () => void;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Finding filters">
      <Select
        label="Severity"
        placeholder="Any"
        w={130}
        clearable
        data={SEVERITIES.map((s) => ({ value: s, label: s }))}
        value={query.severity ?? null}
        onChange={(v) => onChange({ severity: v ?? undefined })}
      />
      <FilterText
        label="Rule id"
        placeholder="AWS-S3-001"
        w={160}
        value={query.ruleId ?? ""}
        onApply={(v) => onChange({ ruleId: v })}
      />
      <FilterText
        label="File"
        placeholder="path contains…"
        w={220}
        value={query.file ?? ""}
        onApply={(v) => onChange({ file: v })}
      />
      <Button variant="subtle" color="gray" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
