import { Badge } from "@mantine/core";
import type { DataClassification, Exposure, Severity } from "@infrasec/core";
import {
  CRITICALITY_SEVERITY,
  DATA_CLASSIFICATION_COLORS,
  EXPOSURE_COLORS,
  SEVERITY_COLORS,
  STATUS_COLORS,
} from "./theme";
import type { Status } from "./theme";

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge color={SEVERITY_COLORS[severity]}>{severity}</Badge>;
}

export function StatusBadge({ status, label }: { status: Status; label?: string }) {
  return <Badge color={STATUS_COLORS[status]}>{label ?? status.replace(/_/g, " ")}</Badge>;
}

export function CriticalityBadge({ criticality }: { criticality: number }) {
  const sev = CRITICALITY_SEVERITY[criticality] ?? "info";
  return (
    <Badge color={SEVERITY_COLORS[sev]} title={`Criticality ${criticality} (${sev})`}>
      {criticality} · {sev}
    </Badge>
  );
}

export function ExposureBadge({ exposure }: { exposure: Exposure }) {
  return <Badge color={EXPOSURE_COLORS[exposure]}>{exposure.replace(/_/g, " ")}</Badge>;
}

export function DataClassBadge({ value }: { value: DataClassification }) {
  return (
    <Badge color={DATA_CLASSIFICATION_COLORS[value]} variant="outline">
      {value}
    </Badge>
  );
}
