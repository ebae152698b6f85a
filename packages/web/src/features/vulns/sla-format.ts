import type { MantineColor } from "@mantine/core";
import type { VulnSlaEventKind, VulnSlaSweepResult } from "@infrasec/contracts";

/** How SLA events and sweeps read in the UI. */

export const SLA_EVENT_LABELS: Readonly<Record<VulnSlaEventKind, string>> = {
  due_soon: "due soon",
  breached: "breached",
  met: "met",
  missed: "missed",
};

export const SLA_EVENT_COLORS: Readonly<Record<VulnSlaEventKind, MantineColor>> = {
  due_soon: "orange",
  breached: "red",
  met: "green",
  missed: "gray",
};

/** "12 findings checked, 3 changed: 1 due soon, 2 breached" — what a sweep did, in one line. */
export function sweepSummary(r: VulnSlaSweepResult): string {
  const e = r.events;
  const parts = [
    e.due_soon > 0 && `${e.due_soon} due soon`,
    e.breached > 0 && `${e.breached} breached`,
    e.met > 0 && `${e.met} met`,
    e.missed > 0 && `${e.missed} missed`,
  ].filter((p): p is string => typeof p === "string");
  return (
    `${r.examined} finding${r.examined === 1 ? "" : "s"} checked, ${r.changed} changed` +
    (parts.length > 0 ? `: ${parts.join(", ")}` : "")
  );
}
