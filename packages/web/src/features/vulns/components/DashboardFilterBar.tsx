import { Button, Group, Select } from "@mantine/core";
import { FilterText } from "../../review/components/FilterText";
import { DASHBOARD_WINDOWS } from "../dashboard-view";
import type { DashboardFilters } from "../dashboard-view";

/** Asset, owner team and window of the dashboard; every change lands in the URL. */
export function DashboardFilterBar({
  filters,
  onChange,
}: {
  filters: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
}) {
  return (
    <Group gap="xs" align="flex-end" role="search" aria-label="Dashboard filters">
      <FilterText
        label="Asset"
        placeholder="Key or id"
        w={200}
        value={filters.asset ?? ""}
        onApply={(v) => onChange({ ...filters, asset: v.trim() || undefined })}
      />
      <FilterText
        label="Owner team"
        placeholder="As in the inventory"
        w={200}
        value={filters.team ?? ""}
        onApply={(v) => onChange({ ...filters, team: v.trim() || undefined })}
      />
      <Select
        label="Window"
        w={130}
        allowDeselect={false}
        data={DASHBOARD_WINDOWS.map((d) => ({ value: String(d), label: `${d} days` }))}
        value={String(filters.days)}
        onChange={(v) => onChange({ ...filters, days: Number(v ?? filters.days) })}
      />
      {(filters.asset || filters.team) && (
        <Button variant="subtle" color="gray" onClick={() => onChange({ days: filters.days })}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
