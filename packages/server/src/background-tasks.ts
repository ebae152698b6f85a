import { systemActor } from "@infrasec/core";
import type { Services } from "@infrasec/services";

/**
 * Periodic work the server runs while it is up (SLA sweeps, exception expiry, campaign reminders…).
 * Each task must be idempotent: it is run at start-up, then every `everyMs`, and a task that runs
 * in several server processes at once must not double its effects (tasks compare stored state
 * before they write). Add a task here; the scheduler in background-scheduler.ts runs the list.
 */
export interface BackgroundTask {
  name: string;
  everyMs: number;
  /** Does one round; returns a short summary for the log (counts), or nothing. */
  run(): Promise<Record<string, number> | void>;
}

/** The tasks of a running server, built from its services. */
export function backgroundTasks(services: Services): BackgroundTask[] {
  return [
    {
      // Ends approved exceptions past their expiry and reopens what they covered; sends the
      // "expiring" event once per exception (vulns-exceptions-expiry.ts).
      name: "vulns.exceptions.expire",
      everyMs: 10 * 60_000,
      run: () =>
        services.vulnExceptions.expireDue().then((r) => ({
          expired: r.expired,
          reopened: r.reopened,
          expiring: r.expiringNotices,
        })),
    },
    {
      // SLA states and due-soon / breached events (vulns-sla-service): idempotent per transition.
      name: "vulns.sla.sweep",
      everyMs: 15 * 60_000,
      run: () =>
        services.vulnSla.sweep().then((r) => ({
          changed: r.changed,
          dueSoon: r.events.due_soon,
          breached: r.events.breached,
          met: r.events.met,
          missed: r.events.missed,
        })),
    },
    {
      name: "access.campaigns.remind",
      everyMs: 60 * 60_000,
      run: () =>
        services.access.remindCampaigns().then((r) => ({
          reminders: r.reminders,
          escalations: r.escalations,
          overdue: r.overdue,
          removalsDue: r.removalsDue,
        })),
    },
    {
      // Deletes closed alerts and old kept events in batches (monitoring-retention-service).
      name: "monitoring.retention",
      everyMs: 60 * 60_000,
      run: () => services.monitoring.sweepRetention({ actor: systemActor }),
    },
    {
      // Embedded mode: correlation windows that ended without a later event (bounded lateness).
      name: "monitoring.correlation-flush",
      everyMs: 10_000,
      run: () => services.monitoring.flushCorrelations(),
    },
  ];
}
