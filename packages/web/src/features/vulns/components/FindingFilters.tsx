import { Button, Group, Select } from "@mantine/core";
import { SEVERITIES } from "@infrasec/core";
import { FilterText } from "../../review/components/FilterText";
import { FINDING_STATUS_LABELS } from "../vulns-format";
import type { FindingFilterKey, FindingsView } from "../vulns-query";

const STATUS_OPTIONS = [
  { value: "open", label: "open (detected, confirmed, in progress)" },
  { value: "detected", label: FINDING_STATUS_LABELS.detected },
  { value: "confirmed", label: FINDING_STATUS_LABELS.confirmed },
  { value: "in_progress", label: FINDING_STATUS_LABELS.in_progress },
  { value: "closed", label: "closed (resolved, dismissed)" },
  { value: "resolved", label: FINDING_STATUS_LABELS.resolved },
  { value: "dismissed", label: FINDING_STATUS_LABELS.dismissed },
  { value: "all", label: "any status" },
];

const KEV_OPTIONS = [
  { value: "true", label: "in KEV" },
  { value: "false", label: "not in KEV" },
];

const SLA_OPTIONS = [
  { value: "breached", label: "overdue" },
  { value: "due_soon", label: "due soon" },
  { value: "on_track", label: "on track" },
  { value: "none", label: "no SLA" },
];

export function FindingFilters({
  view,
  onChange,
  onStatus,
  onClear,
}: {
  view: FindingsView;
  onChange: (patch: Partial<Record<FindingFilterKey, string | undefined>>) => void;
  onStatus: (status: FindingsView["status"]) => void;
  onClear: () => void;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Finding filters">
      <Select
        label="Status"
        w={240}
        allowDeselect={false}
        data={STATUS_OPTIONS}
        value={view.status}
        onChange={(v) => onStatus((v ?? "open") as FindingsView["status"])}
      />
      <Select
        label="Severity"
        placeholder="Any"
        w={130}
        clearable
        data={SEVERITIES.map((s) => ({ value: s, label: s }))}
        value={view.severity ?? null}
        onChange={(v) => onChange({ severity: v ?? undefined })}
      />
      <Select
        label="SLA"
        placeholder="Any"
        w={130}
        clearable
        data={SLA_OPTIONS}
        value={view.sla ?? null}
        onChange={(v) => onChange({ sla: v ?? undefined })}
      />
      <Select
        label="KEV"
        placeholder="Any"
        w={130}
        clearable
        data={KEV_OPTIONS}
        value={view.kev ?? null}
        onChange={(v) => onChange({ kev: v ?? undefined })}
      />
      <FilterText
        label="Asset"
        placeholder="Key or id"
        w={170}
        value={view.asset ?? ""}
        onApply={(v) => onChange({ asset: v })}
      />
      <FilterText
        label="Vulnerability"
        placeholder="CVE-2024-… or alias"
        w={170}
        value={view.vulnId ?? ""}
        onApply={(v) => onChange({ vulnId: v })}
      />
      <FilterText
        label="Package"
        placeholder="openssl"
        w={140}
        value={view.package ?? ""}
        onApply={(v) => onChange({ package: v })}
      />
      <FilterText
        label="Search"
        placeholder="Id, alias, package, title"
        w={200}
        value={view.q ?? ""}
        onApply={(v) => onChange({ q: v })}
      />
      <Button variant="subtle" color="gray" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
