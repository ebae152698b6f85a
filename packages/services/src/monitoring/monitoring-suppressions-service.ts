import { AppError, newId, notFound } from "@infrasec/core";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { suppressionView } from "./alert-mapping";

/** Suppressions: matches of a rule and/or field conditions create no alert, only a hit count. */
export function createMonitoringSuppressionsService(deps: ServiceDeps) {
  const { store, clock } = deps;
  const nowIso = () => clock.now().toISOString();

  return {
    async listSuppressions(ctx: Ctx, q: { ruleId?: string; includeExpired: "true" | "false" }) {
      requirePermission(ctx, "alerts:read");
      const now = nowIso();
      const rows = await store.monitoring.suppressions.list({
        ruleId: q.ruleId,
        now: q.includeExpired === "true" ? undefined : now,
      });
      const items = rows.map((s) => suppressionView(s, now));
      return { items: items.sort((a, b) => Number(b.active) - Number(a.active)) };
    },

    async createSuppression(
      ctx: Ctx,
      body: {
        ruleId?: string;
        conditions: Record<string, string>;
        reason: string;
        expiresAt?: string;
      },
    ) {
      requirePermission(ctx, "alerts:write");
      const now = nowIso();
      const expiresAt = body.expiresAt ? new Date(body.expiresAt).toISOString() : null;
      if (expiresAt && expiresAt <= now)
        throw new AppError("validation_failed", "the expiry is in the past", [
          { path: "body.expiresAt", message: "must be in the future" },
        ]);
      const s = {
        id: newId(),
        ruleId: body.ruleId ?? null,
        conditions: body.conditions,
        reason: body.reason,
        expiresAt,
        hits: 0,
        lastHitAt: null,
        createdBy: ctx.actor.username,
        createdAt: now,
      };
      await store.transaction(async (tx) => {
        await tx.monitoring.suppressions.insert(s);
        await audit(tx, ctx, clock, {
          action: "monitoring.suppression.create",
          targetType: "alert_suppression",
          targetId: s.id,
          summary: `suppressed ${s.ruleId ?? "any rule"} where ${JSON.stringify(s.conditions)}: ${s.reason}`,
          changes: { ruleId: s.ruleId, conditions: s.conditions, expiresAt, reason: s.reason },
        });
      });
      return suppressionView(s, now);
    },

    async deleteSuppression(ctx: Ctx, id: string) {
      requirePermission(ctx, "alerts:write");
      await store.transaction(async (tx) => {
        const s = await tx.monitoring.suppressions.get(id);
        if (!s) throw notFound("suppression");
        await tx.monitoring.suppressions.remove(id);
        await audit(tx, ctx, clock, {
          action: "monitoring.suppression.delete",
          targetType: "alert_suppression",
          targetId: id,
          summary: `removed suppression of ${s.ruleId ?? "any rule"} (${s.reason})`,
        });
      });
    },
  };
}
