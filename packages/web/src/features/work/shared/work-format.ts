import type { MantineColor } from "@mantine/core";
import type { WorkKind } from "@infrasec/contracts";
import {
  EFFORT_LABELS,
  HEALTH_LABELS,
  STATUS_MODELS,
  WEIGHTS,
  isClosedStatus,
} from "@infrasec/engines/work";
import type { HealthStatus, Weight } from "@infrasec/engines/work";

/** Display names of the item kinds, as the team says them. */
export const KIND_LABELS: Readonly<Record<WorkKind, string>> = {
  security_review_request: "Security review request",
  bau_request: "BAU request",
  change_request: "Change request",
  task: "Task",
  decision: "Decision",
  design_doc: "Design doc",
  epic: "Epic",
  incident: "Incident",
};

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind.replace(/_/g, " ");
}

/** The display name of a status in the kind's status model (`in-review` → "In review"). */
export function statusLabel(kind: string, status: string): string {
  const model = (STATUS_MODELS as Record<string, (typeof STATUS_MODELS)[WorkKind] | undefined>)[
    kind
  ];
  const def = model?.statuses.find((s) => s.id === status);
  if (def) return def.label;
  const text = status.replace(/[-_]/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every status of a kind, in model order, for filters and menus. */
export function kindStatuses(kind: WorkKind): { value: string; label: string }[] {
  return STATUS_MODELS[kind].statuses.map((s) => ({ value: s.id, label: s.label }));
}

/** True when the status counts as closed in the kind's model. */
export function isClosed(kind: WorkKind, status: string): boolean {
  return isClosedStatus({ kind, status });
}

/** Badge colour of a status: closed-good green, closed-bad grey/red, open by progress. */
export function statusColor(kind: string, status: string): MantineColor {
  if (/^(rejected|aborted|cancelled)$/.test(status)) return "red";
  if (/^(superseded|closed)$/.test(status)) return "gray";
  if (/^(completed|approved|accepted|done|self-service)$/.test(status)) return "green";
  if (/^(ongoing|in-progress|in-review|scheduled|planned)$/.test(status)) return "blue";
  if (/^pending/.test(status)) return "yellow";
  return kind === "incident" ? "red" : "indigo";
}

export { HEALTH_LABELS, WEIGHTS };
export type { HealthStatus, Weight };

/** Health colours as GitLab draws them. */
export const HEALTH_COLORS: Readonly<Record<HealthStatus, MantineColor>> = {
  on_track: "green",
  needs_attention: "yellow",
  at_risk: "red",
};

/** Weight names from the `InfraSecEffort::` scale ("3 · Medium"). */
export const WEIGHT_LABELS: Readonly<Record<Weight, string>> = Object.fromEntries(
  WEIGHTS.map((w) => {
    const effort = EFFORT_LABELS.find((e) => e.weight === w);
    const name = effort ? effort.name.split("::").pop() : "";
    return [w, `${w} · ${name} (${effort?.description ?? ""})`];
  }),
) as Record<Weight, string>;

/** Short weight text for lists ("3 · Medium"). */
export function weightLabel(weight: number | null | undefined): string {
  if (weight === null || weight === undefined) return "—";
  const effort = EFFORT_LABELS.find((e) => e.weight === weight);
  return effort ? `${weight} · ${effort.name.split("::").pop() ?? ""}` : String(weight);
}

export function healthLabel(health: string | null | undefined): string {
  if (!health) return "—";
  return (HEALTH_LABELS as Record<string, string>)[health] ?? health;
}

/** Colour of a risk band, on the shared severity palette. */
export const BAND_COLORS: Readonly<Record<string, MantineColor>> = {
  Critical: "red",
  High: "orange",
  Medium: "yellow",
  Low: "blue",
};

/** "#12" */
export function itemRef(number: number): string {
  return `#${number}`;
}

/** A YYYY-MM-DD day as is (dates carry no time zone), or "—". */
export function formatDay(day: string | null | undefined): string {
  return day ? day.slice(0, 10) : "—";
}
