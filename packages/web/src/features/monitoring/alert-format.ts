import type { MantineColor } from "@mantine/core";
import type { Alert, AlertLevel, AlertStatus } from "@infrasec/contracts";
import type { Severity } from "@infrasec/core";

/**
 * How alerts read in the UI: Sigma levels on the one severity palette, status labels and
 * colours, the status changes each status allows (the contract's lifecycle), and the entity an
 * alert is about in one line.
 */

/** Sigma's `informational` is the platform's `info`; the other levels share their names. */
export const LEVEL_SEVERITY: Readonly<Record<AlertLevel, Severity>> = {
  critical: "critical",
  high: "high",
  medium: "medium",
  low: "low",
  informational: "info",
};

export const STATUS_LABELS: Readonly<Record<AlertStatus, string>> = {
  new: "new",
  acknowledged: "acknowledged",
  resolved: "resolved",
  false_positive: "false positive",
};

export const ALERT_STATUS_COLORS: Readonly<Record<AlertStatus, MantineColor>> = {
  new: "red",
  acknowledged: "blue",
  resolved: "green",
  false_positive: "gray",
};

/**
 * new → acknowledged → resolved | false_positive; new may close directly; a closed alert may be
 * reopened (to acknowledged). Mirrors the contract so buttons are never offered to fail.
 */
export function nextStatuses(status: AlertStatus): AlertStatus[] {
  switch (status) {
    case "new":
      return ["acknowledged", "resolved", "false_positive"];
    case "acknowledged":
      return ["resolved", "false_positive"];
    case "resolved":
    case "false_positive":
      return ["acknowledged"];
  }
}

/** The button that moves an alert from `from` to `to`. */
export function statusActionLabel(from: AlertStatus, to: AlertStatus): string {
  if (to === "acknowledged") return from === "new" ? "Acknowledge" : "Reopen";
  if (to === "resolved") return "Resolve";
  if (to === "false_positive") return "False positive";
  return "Mark new";
}

/** The bulk actions of the queue, in the order people use them. */
export const BULK_STATUSES = [
  { status: "acknowledged", label: "Acknowledge", color: "blue" },
  { status: "resolved", label: "Resolve", color: "green" },
  { status: "false_positive", label: "False positive", color: "gray" },
] as const satisfies readonly { status: AlertStatus; label: string; color: MantineColor }[];

const CLOSED: readonly AlertStatus[] = ["resolved", "false_positive"];

/**
 * Selected alerts split by whether `to` is a status change their current status allows. Bulk
 * "Acknowledge" never reopens closed alerts (that is a deliberate, one-alert action on the
 * detail page), so a selection mixing open and closed alerts acknowledges only the new ones.
 */
export function bulkPlan(
  alerts: readonly Pick<Alert, "id" | "status">[],
  to: AlertStatus,
): { eligible: string[]; skipped: string[] } {
  const eligible: string[] = [];
  const skipped: string[] = [];
  for (const a of alerts) {
    const ok = nextStatuses(a.status).includes(to) && !CLOSED.includes(a.status);
    (ok ? eligible : skipped).push(a.id);
  }
  return { eligible, skipped };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The confirmation sentence of a bulk action, stating the counts. */
export function describeBulk(to: AlertStatus, eligible: number, skipped: number): string {
  const verb =
    to === "acknowledged"
      ? "Acknowledge"
      : to === "resolved"
        ? "Resolve"
        : to === "false_positive"
          ? "Mark as false positive"
          : "Change";
  const base = `${verb} ${plural(eligible, "alert")}.`;
  if (skipped === 0) return base;
  return `${base} ${plural(skipped, "selected alert")} already ${skipped === 1 ? "has" : "have"} a status that cannot change to ${STATUS_LABELS[to]} and ${skipped === 1 ? "is" : "are"} left as ${skipped === 1 ? "it is" : "they are"}.`;
}

/** Short container id as `docker ps` shows it. */
export function shortContainerId(id: string): string {
  return /^[0-9a-f]{13,}$/i.test(id) ? id.slice(0, 12) : id;
}

export interface EntityParts {
  host: string | null;
  /** Container name, else short id. */
  container: string | null;
  /** namespace/pod. */
  pod: string | null;
  image: string | null;
}

export function entityParts(
  a: Pick<Alert, "host" | "containerId" | "containerName" | "image" | "namespace" | "pod">,
): EntityParts {
  const pod = a.pod ? (a.namespace ? `${a.namespace}/${a.pod}` : a.pod) : null;
  // Falco reports processes outside any container with container.id "host".
  const containerId = a.containerId === "host" ? null : a.containerId;
  return {
    host: a.host,
    container: a.containerName ?? (containerId ? shortContainerId(containerId) : null),
    pod,
    image: a.image,
  };
}

/** "web-1 · nginx (4f2a…) · prod/web-7d9" in one line, or "—" when the event named nothing. */
export function entityLabel(
  a: Pick<Alert, "host" | "containerId" | "containerName" | "image" | "namespace" | "pod">,
): string {
  const p = entityParts(a);
  const parts = [p.host, p.pod ?? p.container].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join(" · ") : "—";
}
