import { AppError, newId, notFound } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { HANDBOOK_SLA_POLICY } from "@infrasec/engines/vulns";
import type { SlaEvent, SlaPolicy } from "@infrasec/engines/vulns";
import type { Store } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { refreshDailyCounts } from "./vulns-daily-refresh";
import { groupMoves, soonOf, sweepEvent, sweepSlices } from "./vulns-sla-sweep";

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
export function createVulnSlaService(deps: ServiceDeps, opts: { policy?: SlaPolicy } = {}) {
  const { store, clock } = deps;
  const dueSoonDays = (opts.policy ?? HANDBOOK_SLA_POLICY).dueSoonDays;

  /**
   * Brings every stored SLA state up to date at `now`. Reads slice by slice in keyset pages
   * (bounded memory), writes each page in one transaction with compare-and-set updates, so a
   * sweep is idempotent and two sweeps at once record each transition once.
   */
  async function sweep(now: Date = clock.now()): Promise<SlaSweepResult> {
    const startedAt = now.toISOString();
    const soon = soonOf(now.getTime(), dueSoonDays);
    const result: SlaSweepResult = {
      startedAt,
      finishedAt: startedAt,
      examined: 0,
      changed: 0,
      events: { due_soon: 0, breached: 0, met: 0, missed: 0 },
      batches: 0,
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
    await store.transaction(async (tx) => {
      const events: Parameters<typeof tx.vulns.insertEvents>[0][number][] = [];
      for (const m of moves) {
        const moved = new Set(
          await tx.vulnSla.setState(
            m.rows.map((r) => r.id),
            m.status,
            m.from,
            m.to,
          ),
        );
        result.changed += moved.size;
        const ev: SlaEvent | null = sweepEvent(m.from, m.to);
        if (!ev) continue;
        for (const r of m.rows) {
          if (!moved.has(r.id)) continue;
          result.events[ev]++;
          events.push({
            id: newId(Date.parse(at)),
            findingId: r.id,
            at,
            kind: `sla_${ev}`,
            fromStatus: null,
            toStatus: null,
            reason: null,
            note: r.slaDueAt ? `due ${r.slaDueAt}` : null,
            changes: { slaState: [m.from, m.to], slaDueAt: r.slaDueAt },
            actorName: "sla-sweep",
            jobId: null,
          });
          if (ev === "due_soon" || ev === "breached") {
            await tx.notifications.appendEvent({
              id: newId(Date.parse(at)),
              type: `vulns.sla.${ev}`,
              recipientId: null,
              payload: {
                findingId: r.id,
                vulnId: r.vulnId,
                severity: r.severity,
                assetId: r.assetId,
                assetKey: r.assetKey,
                ownerTeam: r.ownerTeam,
                slaDueAt: r.slaDueAt,
              },
              createdAt: at,
            });
          }
        }
      }
      if (events.length > 0) await tx.vulns.insertEvents(events);
    });
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
