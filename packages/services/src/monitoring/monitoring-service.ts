import type { DetectionMatch, SigmaEvent } from "@infrasec/engines/detect";
import { AppError, newId, notFound } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";
import { toAuditView } from "../audit/audit-service";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { createItemInTx } from "../work/work-item-create";
import {
  LEVEL_RANK,
  alertView,
  eventView,
  ruleIssueView,
  ruleSummaryView,
  type AlertRecord,
} from "./alert-mapping";
import { createDetectionPipeline, type DetectionPipelineOptions } from "./detection-pipeline";
import { readEvents, type IngestSource } from "./event-reader";
import { IngestBusyError, IngestQueue } from "./ingest-queue";
import { createMonitoringRetentionService } from "./monitoring-retention-service";

import { createMonitoringRulesService } from "./monitoring-rules-service";
import { createMonitoringSuppressionsService } from "./monitoring-suppressions-service";

export { IngestBusyError } from "./ingest-queue";

/**
 * Where accepted events go in NATS mode (the JetStream publisher): instead of detecting in
 * this process, ingestion publishes and detection workers consume.
 */
export interface EventPublisher {
  publish(events: readonly SigmaEvent[]): Promise<{ messages: number }>;
  describe(): { url: string; stream: string; partitions: number };
}

/** Tunables of the embedded pipeline. */
export interface MonitoringOptions extends DetectionPipelineOptions {
  /** Events waiting or running in the ingest queue before 429 (default 50,000). */
  queueCapacity?: number;
  /** NATS mode: publish accepted events to JetStream instead of detecting in process. */
  publisher?: EventPublisher;
}

const STATUS_NEXT: Record<string, readonly string[]> = {
  new: ["acknowledged", "resolved", "false_positive"],
  acknowledged: ["resolved", "false_positive"],
  resolved: ["acknowledged"],
  false_positive: ["acknowledged"],
};

/** Mirrors MONITORING_MAX_EVENTS_PER_REQUEST of the contract. */
const MAX_EVENTS_PER_REQUEST = 5_000;

/**
 * Security monitoring: ingestion (normalize → detect → suppress → group → store), alerts and
 * their lifecycle, SIRT escalation, the rule catalogue and suppressions. The detector and its
 * correlation state live in this process (embedded mode); it is rebuilt when the stored rules
 * change, which resets correlation windows.
 */
export function createMonitoringService(deps: ServiceDeps, opts: MonitoringOptions = {}) {
  const { store, clock } = deps;
  const pipeline = createDetectionPipeline(deps, opts);
  const { groupWindowMinutes } = pipeline;
  const queue = new IngestQueue(opts.queueCapacity ?? 50_000);
  const counters = {
    lines: 0,
    events: 0,
    rejected: 0,
    matches: 0,
    alertsCreated: 0,
    alertsGrouped: 0,
    suppressed: 0,
    throttled: 0,
    published: 0,
    timerMatches: 0,
  };
  const nowIso = () => clock.now().toISOString();
  const currentEngine = pipeline.currentEngine;
  const rules = createMonitoringRulesService(deps, {
    current: () => currentEngine(),
    changed: () => pipeline.rulesChanged(),
  });
  const suppressions = createMonitoringSuppressionsService(deps);
  const retention = createMonitoringRetentionService(deps);

  // NATS mode: normalize here, detect in the workers; the stream's acks are the back-pressure.
  async function publish(read: ReturnType<typeof readEvents>, lineCount: number) {
    await opts.publisher!.publish(read.events);
    counters.lines += lineCount;
    counters.events += read.events.length;
    counters.rejected += read.rejected.length;
    counters.published += read.events.length;
    return {
      accepted: read.accepted,
      events: read.events.length,
      rejected: read.rejected.slice(0, 100),
      rejectedCount: read.rejected.length,
      matches: 0,
      alerts: { created: 0, grouped: 0, suppressed: 0, ids: [] },
      published: read.events.length,
    };
  }

  async function mustAlert(tx: Repos, id: string): Promise<AlertRecord> {
    const a = await tx.monitoring.alerts.get(id);
    if (!a) throw notFound("alert");
    return a;
  }

  async function changeStatus(tx: Repos, ctx: Ctx, id: string, status: string, comment?: string) {
    const a = await mustAlert(tx, id);
    if (a.status === status) return a;
    if (!STATUS_NEXT[a.status]?.includes(status))
      throw new AppError("conflict", `an alert cannot go from ${a.status} to ${status}`, [
        {
          path: "status",
          message: `allowed from ${a.status}: ${STATUS_NEXT[a.status]?.join(", ")}`,
        },
      ]);
    const at = nowIso();
    await tx.monitoring.alerts.update(id, {
      status,
      statusComment: comment ?? null,
      statusChangedBy: ctx.actor.username,
      statusChangedAt: at,
      updatedAt: at,
    });
    await audit(tx, ctx, clock, {
      action: "monitoring.alert.status",
      targetType: "alert",
      targetId: id,
      summary: `alert ${a.ruleTitle} (${a.entityKey}): ${a.status} → ${status}`,
      changes: { status: [a.status, status], ...(comment ? { comment } : {}) },
    });
    return mustAlert(tx, id);
  }

  return {
    async ingest(
      ctx: Ctx,
      input: {
        lines: readonly (string | Record<string, unknown>)[];
        source: IngestSource;
        host?: string;
      },
    ) {
      requirePermission(ctx, "alerts:write");
      // Blank lines (a trailing newline) do not count towards the per-request bound.
      const count = input.lines.filter((l) => typeof l !== "string" || l.trim() !== "").length;
      if (count > MAX_EVENTS_PER_REQUEST)
        throw new AppError(
          "payload_too_large",
          `at most ${MAX_EVENTS_PER_REQUEST} events per request`,
          [{ path: "body", message: `${count} events; send at most ${MAX_EVENTS_PER_REQUEST}` }],
        );
      const read = readEvents(input.lines, input.source, input.host);
      try {
        if (opts.publisher) return await publish(read, input.lines.length);
        return await queue.run(Math.max(1, read.events.length), async () => {
          const eng = await currentEngine();
          const matches: DetectionMatch[] = [];
          for (const e of read.events) matches.push(...eng.detector.process(e));
          const { duplicate: _, ...outcome } = await pipeline.commit(matches);
          counters.lines += input.lines.length;
          counters.events += read.events.length;
          counters.rejected += read.rejected.length;
          counters.matches += matches.length;
          counters.alertsCreated += outcome.created;
          counters.alertsGrouped += outcome.grouped;
          counters.suppressed += outcome.suppressed;
          return {
            accepted: read.accepted,
            events: read.events.length,
            rejected: read.rejected.slice(0, 100),
            rejectedCount: read.rejected.length,
            matches: matches.length,
            alerts: outcome,
          };
        });
      } catch (e) {
        if ((e as { retryAfterSeconds?: number }).retryAfterSeconds !== undefined)
          counters.throttled++;
        throw e;
      }
    },

    /**
     * Timer-driven correlation close (embedded mode; workers run their own): windows that
     * ended before now minus the allowed lateness are evaluated although no later event came.
     * Runs through the ingest queue so it never races a batch; skipped when the queue is full.
     */
    async flushCorrelations(): Promise<{ matches: number; created: number; grouped: number }> {
      if (opts.publisher) return { matches: 0, created: 0, grouped: 0 };
      try {
        return await queue.run(1, async () => {
          const eng = await currentEngine();
          const matches = eng.detector.advance(pipeline.watermark());
          if (matches.length === 0) return { matches: 0, created: 0, grouped: 0 };
          const outcome = await pipeline.commit(matches);
          counters.matches += matches.length;
          counters.timerMatches += matches.length;
          counters.alertsCreated += outcome.created;
          counters.alertsGrouped += outcome.grouped;
          counters.suppressed += outcome.suppressed;
          return { matches: matches.length, created: outcome.created, grouped: outcome.grouped };
        });
      } catch (e) {
        if (e instanceof IngestBusyError) return { matches: 0, created: 0, grouped: 0 };
        throw e;
      }
    },

    async status(ctx: Ctx) {
      requirePermission(ctx, "alerts:read");
      const eng = await currentEngine();
      const rules = [...eng.rules.values()];
      return {
        mode: opts.publisher ? ("nats" as const) : ("embedded" as const),
        nats: opts.publisher ? opts.publisher.describe() : null,
        allowedLatenessMs: pipeline.allowedLatenessMs,
        queue: { depth: queue.depth, capacity: queue.capacity },
        rules: {
          enabled: rules.filter((r) => r.enabled).length,
          total: rules.length,
          issues: eng.issues.slice(0, 200).map(ruleIssueView),
        },
        counters: { ...counters },
        groupWindowMinutes,
      };
    },

    async listAlerts(
      ctx: Ctx,
      q: {
        status?: string;
        level?: string;
        minLevel?: string;
        ruleId?: string;
        assetId?: string;
        host?: string;
        q?: string;
        from?: string;
        to?: string;
        escalated?: "true" | "false";
        sort:
          | "-lastSeen"
          | "lastSeen"
          | "-firstSeen"
          | "firstSeen"
          | "-level"
          | "level"
          | "-count"
          | "count";
        limit: number;
        offset: number;
      },
    ) {
      requirePermission(ctx, "alerts:read");
      const r = await store.monitoring.alerts.list(
        {
          statuses:
            q.status === "open" ? ["new", "acknowledged"] : q.status ? [q.status] : undefined,
          level: q.level,
          minLevelRank: q.minLevel ? LEVEL_RANK[q.minLevel] : undefined,
          ruleId: q.ruleId,
          assetId: q.assetId,
          host: q.host,
          q: q.q,
          from: q.from ? new Date(q.from).toISOString() : undefined,
          to: q.to ? new Date(q.to).toISOString() : undefined,
          escalated: q.escalated === undefined ? undefined : q.escalated === "true",
        },
        q.sort,
        q.limit,
        q.offset,
      );
      return { items: r.items.map(alertView), total: r.total };
    },

    async getAlert(ctx: Ctx, id: string) {
      requirePermission(ctx, "alerts:read");
      const a = await mustAlert(store, id);
      const [events, history, eng] = await Promise.all([
        store.monitoring.alerts.listEvents(id),
        store.audit.list({ targetType: "alert", targetId: id }, 200),
        currentEngine(),
      ]);
      const rule = eng.rules.get(a.ruleId);
      return {
        ...alertView(a),
        events: events.map(eventView),
        rule: rule ? ruleSummaryView(rule) : null,
        history: history.map(toAuditView),
      };
    },

    async setAlertStatus(ctx: Ctx, id: string, status: string, comment?: string) {
      requirePermission(ctx, "alerts:write");
      return alertView(await store.transaction((tx) => changeStatus(tx, ctx, id, status, comment)));
    },

    async bulkAlertStatus(ctx: Ctx, ids: readonly string[], status: string, comment?: string) {
      requirePermission(ctx, "alerts:write");
      const updated: string[] = [];
      const failed: { id: string; code: string; message: string }[] = [];
      for (const id of new Set(ids)) {
        try {
          await store.transaction((tx) => changeStatus(tx, ctx, id, status, comment));
          updated.push(id);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          failed.push({ id, code: e.code, message: e.message });
        }
      }
      return { updated, failed };
    },

    /**
     * Escalates to SIRT in one transaction: a confidential incident work item (visible to the
     * roles that see all work and to the people involved), the alert's link to it, an outbound
     * event for delivery integrations and the audit event.
     */
    async escalate(ctx: Ctx, id: string, body: { title?: string; note?: string }) {
      requirePermission(ctx, "alerts:write");
      const result = await store.transaction(async (tx) => {
        const a = await mustAlert(tx, id);
        if (a.incidentId)
          throw new AppError(
            "conflict",
            `this alert was escalated already (incident #${a.incidentNumber})`,
          );
        const entity = a.assetKey ?? a.containerName ?? a.host ?? a.entityKey;
        const title = body.title ?? `${a.level} alert: ${a.ruleTitle} on ${entity}`;
        const description = [
          body.note ?? "",
          `Escalated from monitoring alert ${a.id}.`,
          "",
          `- Rule: ${a.ruleTitle} (${a.ruleId}) by ${a.ruleAuthor ?? "unknown author"}`,
          `- Level: ${a.level}; ATT&CK: ${a.tags.filter((t) => t.startsWith("attack.")).join(", ") || "none"}`,
          `- Entity: ${a.entityKey}${a.assetKey ? ` (asset ${a.assetKey})` : ""}`,
          `- Seen ${a.count} time(s) between ${a.firstSeen} and ${a.lastSeen}`,
        ]
          .join("\n")
          .trim();
        const itemId = await createItemInTx(tx, deps, ctx, {
          kind: "incident",
          title,
          description,
          confidential: true,
        });
        const item = await tx.work.findById(itemId);
        if (!item) throw new AppError("internal", "the incident was not stored");
        const at = nowIso();
        await tx.monitoring.alerts.update(id, {
          incidentId: item.id,
          incidentNumber: item.number,
          escalatedAt: at,
          updatedAt: at,
        });
        await tx.notifications.appendEvent({
          id: newId(),
          type: "monitoring.alert_escalated",
          recipientId: null,
          payload: {
            alertId: a.id,
            ruleId: a.ruleId,
            ruleTitle: a.ruleTitle,
            level: a.level,
            entityKey: a.entityKey,
            assetKey: a.assetKey,
            itemId: item.id,
            itemNumber: item.number,
            actor: ctx.actor.username,
          },
          createdAt: at,
        });
        await audit(tx, ctx, clock, {
          action: "monitoring.alert.escalate",
          targetType: "alert",
          targetId: id,
          summary: `alert ${a.ruleTitle} escalated to SIRT as incident #${item.number}`,
          changes: { incidentNumber: [null, item.number] },
        });
        return { alert: await mustAlert(tx, id), incident: { id: item.id, number: item.number } };
      });
      return { alert: alertView(result.alert), incident: result.incident };
    },
    ...rules,
    ...suppressions,
    ...retention,
  };
}
export type MonitoringService = ReturnType<typeof createMonitoringService>;
