import { Button, Group, Select } from "@mantine/core";
import type { RunFilterKey, RunListQuery } from "../review-query";
import { FilterText } from "./FilterText";

export function RunFilters({
  query,
  onChange,
  onClear,
}: {
  query: RunListQuery;
  onChange: (patch: Partial<Record<RunFilterKey, string | undefined>>) => void;
  onClear: () => void;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Run filters">
      <FilterText
        label="Project"
        placeholder="group/repo"
        w={220}
        value={query.project ?? ""}
        onApply={(v) => onChange({ project: v })}
      />
      <FilterText
        label="Ref"
        placeholder="main"
        w={160}
        value={query.ref ?? ""}
        onApply={(v) => onChange({ ref: v })}
      />
      <FilterText
        label="Merge request"
        placeholder="!12"
        w={120}
        value={query.mergeRequest === undefined ? "" : String(query.mergeRequest)}
        onApply={(v) => onChange({ mergeRequest: v })}
      />
      <Select
        label="Outcome"
        placeholder="Any"
        w={130}
        clearable
        data={[
          { value: "failed", label: "failed" },
          { value: "passed", label: "passed" },
        ]}
        value={query.outcome ?? null}
        onChange={(v) => onChange({ outcome: v ?? undefined })}
      />
      <Button variant="subtle" color="gray" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
