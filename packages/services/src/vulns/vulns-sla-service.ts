import { AppError, notFound } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { Store } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { refreshDailyCounts } from "./vulns-daily-refresh";
import { groupMoves, soonOf, sweepSlices } from "./vulns-sla-sweep";
import { applySlaMoves } from "./sla-moves";
import type { SlaRecomputeRunner } from "./sla-recompute-runner";
import { createSlaRecomputeRunner, currentSlaPolicy } from "./sla-recompute-runner";

/** Findings read per page and written per transaction by a sweep. */
const SWEEP_BATCH = 500;
type SlaEventKind = "due_soon" | "breached" | "met" | "missed";
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SlaSweepResult {
  startedAt: string;
  finishedAt: string;
  examined: number;
  changed: number;
  events: Record<SlaEventKind, number>;
  batches: number;
  /** Open findings whose deadline the sweep's drift repair moved. */
  deadlinesRecomputed: number;
}

export interface SlaEventsInput {
  kind?: SlaEventKind;
  asset?: string;
  team?: string;
  severity?: Severity;
  since?: string;
  cursor?: string;
  limit: number;
}

/** Asset key or id → the asset's id; unknown → not_found naming the reference. */
export async function resolveAssetRef(
  store: Store,
  ref: string,
): Promise<{ id: string; key: string; name: string }> {
  const v = ref.trim();
  const a = ID_PATTERN.test(v)
    ? await store.assets.findById(v)
    : (await store.assets.findByKeys([v]))[0];
  if (!a) throw notFound(`asset ${v}`);
  return { id: a.id, key: a.key, name: a.name };
}

/**
 * SLA clocks over time (issue 4): the sweep stores each finding's SLA state and records a
 * due-soon / breached / met / missed event once per transition, in vuln_finding_events (kinds
 * sla_*), plus an outbound event `vulns.sla.due_soon` / `vulns.sla.breached` for deliveries.
 */
export function createVulnSlaService(
  deps: ServiceDeps,
  opts: { policy?: SlaPolicy; runner?: SlaRecomputeRunner } = {},
) {
  const { store, clock } = deps;
  const runner = opts.runner ?? createSlaRecomputeRunner({ ...deps, configured: opts.policy });

  /**
   * Brings every stored SLA state up to date at `now`. Reads slice by slice in keyset pages
   * (bounded memory), writes each page in one transaction with compare-and-set updates, so a
   * sweep is idempotent and two sweeps at once record each transition once.
   */
  async function sweep(now: Date = clock.now()): Promise<SlaSweepResult> {
    // Deadlines first (sla-recompute-runner.ts): recomputations a crash left pending, then the
    // open findings whose stored policy stamp is not the current policy's. Their state moves
    // and events are recorded there; the classification below then sees current deadlines.
    await runner.runPending();
    const repaired = await runner.repairDrift();
    const dueSoonDays = (await currentSlaPolicy(store, opts.policy)).dueSoonDays;
    const startedAt = now.toISOString();
    const soon = soonOf(now.getTime(), dueSoonDays);
    const result: SlaSweepResult = {
      startedAt,
      finishedAt: startedAt,
      examined: 0,
      changed: repaired.changed,
      events: { ...repaired.events },
      batches: 0,
      deadlinesRecomputed: repaired.moved,
    };
    for (const slice of sweepSlices(startedAt, soon)) {
      let cursor: { due: string | null; id: string } | null = null;
      for (;;) {
        const page = await store.vulnSla.sweepPage(slice, cursor, SWEEP_BATCH);
        if (page.length === 0) break;
        result.examined += page.length;
        result.batches++;
        const last = page[page.length - 1]!;
        cursor = { due: last.slaDueAt, id: last.id };
        const moves = groupMoves(page, startedAt, soon);
        if (moves.length > 0) await applyMoves(moves, startedAt, result);
        if (page.length < SWEEP_BATCH) break;
      }
    }
    // The dashboard's daily summary, refreshed at the same cadence.
    await refreshDailyCounts(store, now, dueSoonDays);
    result.finishedAt = clock.now().toISOString();
    return result;
  }

  async function applyMoves(
    moves: ReturnType<typeof groupMoves>,
    at: string,
    result: SlaSweepResult,
  ): Promise<void> {
    await store.transaction((tx) => applySlaMoves(tx, moves, at, result));
  }

  return {
    sweep,

    /** A sweep asked for through the API or the CLI: needs vulns:write and is audited. */
    async runSweep(ctx: Ctx): Promise<SlaSweepResult> {
      requirePermission(ctx, "vulns:write");
      const r = await sweep();
      await store.transaction((tx) =>
        audit(tx, ctx, clock, {
          action: "vulns.sla.sweep",
          targetType: "vuln_sla",
          targetId: null,
          summary: `SLA sweep: ${r.changed} state changes, ${r.events.due_soon} due soon, ${r.events.breached} breached`,
          changes: { examined: r.examined, changed: r.changed, events: r.events },
        }),
      );
      return r;
    },

    /** SLA events newest first (due soon and breached unless a kind is asked for). */
    async events(ctx: Ctx, q: SlaEventsInput) {
      requirePermission(ctx, "vulns:read");
      const asset = q.asset ? await resolveAssetRef(store, q.asset) : undefined;
      const rows = await store.vulnSla.listEvents({
        kinds: (q.kind ? [q.kind] : ["due_soon", "breached"]).map((k) => `sla_${k}`),
        assetId: asset?.id,
        team: q.team,
        severity: q.severity,
        since: q.since ? new Date(q.since).toISOString() : undefined,
        before: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          id: r.id,
          at: r.at,
          kind: r.kind.replace(/^sla_/, "") as SlaEventKind,
          findingId: r.findingId,
          vulnId: r.vulnId,
          title: r.title,
          package: r.package,
          severity: r.severity as Severity,
          status: r.status,
          assetId: r.assetId,
          assetKey: r.assetKey,
          assetName: r.assetName,
          ownerTeam: r.ownerTeam,
          slaDueAt: dueOf(r.changes),
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.at, last.id) : null,
      };
    },
  };
}
export type VulnSlaService = ReturnType<typeof createVulnSlaService>;

function dueOf(changes: string | null): string | null {
  if (!changes) return null;
  const v = (JSON.parse(changes) as { slaDueAt?: unknown }).slaDueAt;
  return typeof v === "string" ? v : null;
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, "utf8").toString("base64url");
}

function decodeCursor(c: string): { at: string; id: string } {
  const [at, id] = Buffer.from(c, "base64url").toString("utf8").split("|");
  if (!at || !id || Number.isNaN(Date.parse(at)) || !ID_PATTERN.test(id)) {
    throw new AppError("validation_failed", "cursor: not a cursor this API returned", [
      { path: "cursor", message: "not a cursor this API returned" },
    ]);
  }
  return { at, id };
}
