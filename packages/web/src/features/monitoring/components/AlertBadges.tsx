import { Badge } from "@mantine/core";
import type { AlertLevel, AlertStatus } from "@infrasec/contracts";
import { SEVERITY_COLORS } from "../../../app/theme";
import { ALERT_STATUS_COLORS, LEVEL_SEVERITY, STATUS_LABELS } from "../alert-format";

/** A Sigma level on the platform's severity colours; the label stays Sigma's word. */
export function LevelBadge({ level }: { level: AlertLevel }) {
  return <Badge color={SEVERITY_COLORS[LEVEL_SEVERITY[level]]}>{level}</Badge>;
}

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return <Badge color={ALERT_STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function OriginBadge({ origin }: { origin: "builtin" | "user" | null }) {
  if (!origin) return null;
  return (
    <Badge variant="outline" color={origin === "builtin" ? "gray" : "violet"}>
      {origin === "builtin" ? "built-in" : "uploaded"}
    </Badge>
  );
}
