import { Button, Group, Select } from "@mantine/core";
import type { SuppressionFilterKey, SuppressionListQuery } from "../review-query";
import { FilterText } from "./FilterText";

const STATE_OPTIONS = [
  { value: "active", label: "active" },
  { value: "expired", label: "expired" },
  { value: "stale", label: "stale (matched nothing)" },
];

const EXPIRING_OPTIONS = [
  { value: "7", label: "within 7 days" },
  { value: "30", label: "within 30 days" },
  { value: "90", label: "within 90 days" },
];

export function SuppressionFilters({
  query,
  onChange,
  onClear,
}: {
  query: SuppressionListQuery;
  onChange: (patch: Partial<Record<SuppressionFilterKey, string | undefined>>) => void;
  onClear: () => void;
}) {
  const expiring = query.expiringWithinDays === undefined ? null : String(query.expiringWithinDays);
  const expiringData =
    EXPIRING_OPTIONS.some((o) => o.value === expiring) || expiring === null
      ? EXPIRING_OPTIONS
      : [...EXPIRING_OPTIONS, { value: expiring, label: `within ${expiring} days` }];
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Suppression filters">
      <FilterText
        label="Project"
        placeholder="group/repo"
        w={220}
        value={query.project ?? ""}
        onApply={(v) => onChange({ project: v })}
      />
      <FilterText
        label="Rule id"
        placeholder="AWS-S3-001"
        w={160}
        value={query.ruleId ?? ""}
        onApply={(v) => onChange({ ruleId: v })}
      />
      <Select
        label="State"
        placeholder="Any"
        w={200}
        clearable
        data={STATE_OPTIONS}
        value={query.state ?? null}
        onChange={(v) => onChange({ state: v ?? undefined })}
      />
      <Select
        label="Expires"
        placeholder="Any time"
        w={160}
        clearable
        data={expiringData}
        value={expiring}
        onChange={(v) => onChange({ expiringWithinDays: v ?? undefined })}
      />
      <Button variant="subtle" color="gray" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
