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
  ];
}
