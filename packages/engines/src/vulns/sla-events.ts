import type { Severity } from "@infrasec/core";
import { DEFAULT_EXCEPTION_MAX_DAYS } from "./sla-policy";
import type { SlaStatus } from "./sla-clock";

/** Events a clock emits when its status moves (the jobs deliver them; this only decides). */
export type SlaEvent = "due_soon" | "breached" | "met" | "missed";

/**
 * The event to emit when a clock goes from `prev` to `next`, or null. Emitted once per
 * transition, so a job that recomputes clocks every hour does not repeat notifications.
 */
export function slaTransition(prev: SlaStatus | null, next: SlaStatus): SlaEvent | null {
  if (prev === next) return null;
  if (next === "due_soon" && prev !== "breached") return "due_soon";
  if (next === "breached") return "breached";
  if (next === "met" || next === "missed") return next;
  return null;
}

/**
 * Why an exception window is too long for the severity, or null when it is allowed. Default
 * maxima: Critical 30 days, High 90, Medium and Low 365 (issue 4).
 */
export function exceptionDurationProblem(
  severity: Severity,
  from: Date | string,
  to: Date | string,
  maxDays: Readonly<Record<Severity, number | null>> = DEFAULT_EXCEPTION_MAX_DAYS,
): string | null {
  const days = (new Date(to).getTime() - new Date(from).getTime()) / 86_400_000;
  if (!(days > 0)) return "an exception must end after it starts";
  const max = maxDays[severity];
  if (max !== null && days > max) {
    return `${severity} exceptions may last at most ${max} days (requested ${Math.ceil(days)})`;
  }
  return null;
}
