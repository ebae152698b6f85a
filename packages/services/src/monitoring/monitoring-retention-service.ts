import type { ServiceDeps, Ctx } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";

/** Defaults while no settings were saved: 90 days for closed alerts, 30 for kept events. */
export const DEFAULT_RETENTION = { closedAlertDays: 90, eventDays: 30 } as const;
/** Rows deleted per statement/transaction, so a sweep never holds long locks. */
const BATCH = 500;
/** A round stops after this many batches per kind; the next round goes on. */
const MAX_BATCHES = 200;
const DAY_MS = 86_400_000;

/**
 * Retention of monitoring data: resolved and false-positive alerts (with their kept events)
 * some days after their status change, and kept events of any alert after some days. The
 * sweep deletes in batches, each in its own transaction, and writes one audit event per round
 * that deleted anything.
 */
export function createMonitoringRetentionService(deps: ServiceDeps) {
  const { store, clock } = deps;

  async function settings() {
    const s = await store.monitoring.retention.getSettings();
    return s ?? { ...DEFAULT_RETENTION, updatedAt: null, updatedBy: null };
  }

  return {
    async getRetention(ctx: Ctx) {
      requirePermission(ctx, "alerts:read");
      return settings();
    },

    async setRetention(ctx: Ctx, body: { closedAlertDays: number; eventDays: number }) {
      requirePermission(ctx, "detections:manage");
      return store.transaction(async (tx) => {
        const before = (await tx.monitoring.retention.getSettings()) ?? DEFAULT_RETENTION;
        const next = {
          closedAlertDays: body.closedAlertDays,
          eventDays: body.eventDays,
          updatedAt: clock.now().toISOString(),
          updatedBy: ctx.actor.username,
        };
        await tx.monitoring.retention.saveSettings(next);
        await audit(tx, ctx, clock, {
          action: "monitoring.retention.set",
          targetType: "monitoring_settings",
          targetId: "retention",
          summary: `monitoring retention: closed alerts ${next.closedAlertDays} d, kept events ${next.eventDays} d`,
          changes: {
            closedAlertDays: [before.closedAlertDays, next.closedAlertDays],
            eventDays: [before.eventDays, next.eventDays],
          },
        });
        return next;
      });
    },

    /**
     * One retention round (the background task "monitoring.retention"). Idempotent: several
     * servers may run it at once; each batch deletes what is still there.
     */
    async sweepRetention(ctx: Ctx): Promise<{ alerts: number; events: number }> {
      requirePermission(ctx, "detections:manage");
      const s = await settings();
      const now = clock.now().getTime();
      const alertCutoff = new Date(now - s.closedAlertDays * DAY_MS).toISOString();
      const eventCutoff = new Date(now - s.eventDays * DAY_MS).toISOString();
      let alerts = 0;
      let events = 0;
      for (let b = 0; b < MAX_BATCHES; b++) {
        const n = await store.transaction(async (tx) => {
          const ids = await tx.monitoring.retention.closedAlertIdsBefore(alertCutoff, BATCH);
          return ids.length === 0 ? -1 : tx.monitoring.retention.deleteAlerts(ids);
        });
        if (n < 0) break;
        alerts += n;
      }
      for (let b = 0; b < MAX_BATCHES; b++) {
        const n = await store.transaction((tx) =>
          tx.monitoring.retention.deleteEventsBefore(eventCutoff, BATCH),
        );
        events += n;
        if (n < BATCH) break;
      }
      if (alerts + events > 0)
        await store.transaction((tx) =>
          audit(tx, ctx, clock, {
            action: "monitoring.retention.sweep",
            targetType: "monitoring_settings",
            targetId: "retention",
            summary: `retention deleted ${alerts} closed alert(s) older than ${s.closedAlertDays} d and ${events} kept event(s) older than ${s.eventDays} d`,
            changes: { alerts, events, alertCutoff, eventCutoff },
          }),
        );
      return { alerts, events };
    },
  };
}
