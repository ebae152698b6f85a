import type { DetectionMatch, SigmaEvent } from "@infrasec/engines/detect";
import { newId } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";
import type { AlertEventRecord, AlertRecord, SuppressionRecord } from "./alert-mapping";
import { LEVEL_RANK } from "./alert-mapping";
import type { CatalogRule } from "./rule-catalog";
import { findSuppression } from "./suppression-fns";

/** The asset an event's host/container belongs to. */
export interface AssetHit {
  id: string;
  key: string;
  name: string;
  matchedBy: string;
}

export interface PipelineSettings {
  groupWindowMs: number;
  eventsKept: number;
  /** Matches stored per transaction. */
  batchSize: number;
}

export interface PipelineOutcome {
  created: number;
  grouped: number;
  suppressed: number;
  ids: string[];
}

const MAX_ORIGINAL_CHARS = 64 * 1024;
const iso = (t: number, fallback: string) =>
  Number.isFinite(t) ? new Date(t).toISOString() : fallback;

/** The entity a match is about: the container, else the host, plus the correlation group. */
export function entityKeyOf(m: DetectionMatch): string {
  const c = m.event?.context;
  const base =
    c?.containerId && c.containerId !== "host"
      ? `container:${c.containerId}`
      : c?.host
        ? `host:${c.host}`
        : "unknown";
  if (!m.correlation) return base;
  const g = Object.entries(m.correlation.group)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return `${base}|${g}`;
}

function keptEvent(alertId: string, seq: number, m: DetectionMatch, now: string): AlertEventRecord {
  const e: SigmaEvent | undefined = m.event;
  let original: unknown = e?.original ?? null;
  if (original !== null && JSON.stringify(original).length > MAX_ORIGINAL_CHARS) original = null;
  const context: Record<string, string> = {};
  for (const [k, v] of Object.entries(e?.context ?? {})) if (typeof v === "string") context[k] = v;
  return {
    id: newId(),
    alertId,
    seq,
    ts: iso(m.timestamp, now),
    source: e?.source ?? "unknown",
    logsource: {
      product: e?.logsource.product ?? null,
      category: e?.logsource.category ?? null,
      service: e?.logsource.service ?? null,
    },
    fields: e?.fields ?? {},
    matchedFields: m.fields,
    provenance: { ...m.provenance },
    selections: [...m.selections],
    context,
    original,
  };
}

/**
 * Suppress → group → store for the matches of one request. Matches of the same (rule, entity)
 * are folded in memory first; each chunk of groups is stored in one transaction, where a group
 * either bumps the open alert seen within the window or opens a new one.
 */
export async function storeMatches(
  store: { transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T> },
  matches: readonly DetectionMatch[],
  ctx: {
    now: string;
    rules: ReadonlyMap<string, CatalogRule>;
    suppressions: readonly SuppressionRecord[];
    assetOf: (m: DetectionMatch) => Promise<AssetHit | null>;
    settings: PipelineSettings;
    /**
     * Runs first in the first transaction; false means "already stored" (a redelivered
     * message): nothing is written and `duplicate` is set. Use with one batch for all groups.
     */
    guard?: (tx: Repos) => Promise<boolean>;
  },
): Promise<PipelineOutcome & { duplicate: boolean }> {
  const out = { created: 0, grouped: 0, suppressed: 0, ids: [] as string[], duplicate: false };
  const hits = new Map<string, number>();
  const groups = new Map<string, DetectionMatch[]>();
  for (const m of matches) {
    const s = findSuppression(ctx.suppressions, m.ruleId, m.event);
    if (s) {
      hits.set(s.id, (hits.get(s.id) ?? 0) + 1);
      out.suppressed++;
      continue;
    }
    const key = `${m.ruleId}\u0000${entityKeyOf(m)}`;
    const g = groups.get(key);
    if (g) g.push(m);
    else groups.set(key, [m]);
  }
  const all = [...groups.values()];
  const { groupWindowMs, eventsKept, batchSize } = ctx.settings;
  const assets = await Promise.all(all.map((g) => ctx.assetOf(g[0]!)));
  for (let i = 0; i < Math.max(all.length, 1); i += batchSize) {
    const chunk = all.slice(i, i + batchSize);
    const stored = await store.transaction(async (tx) => {
      if (i === 0 && ctx.guard && !(await ctx.guard(tx))) return false;
      if (i === 0)
        for (const [id, n] of hits) await tx.monitoring.suppressions.addHits(id, n, ctx.now);
      for (const [j, ms] of chunk.entries()) {
        const first = ms[0]!;
        const entityKey = entityKeyOf(first);
        const times = ms.map((m) => m.timestamp).filter(Number.isFinite);
        const firstTs = iso(times.length ? Math.min(...times) : Number.NaN, ctx.now);
        const lastTs = iso(times.length ? Math.max(...times) : Number.NaN, ctx.now);
        const since = new Date(Date.parse(firstTs) - groupWindowMs).toISOString();
        const open = await tx.monitoring.alerts.findOpenGroup(
          first.ruleId,
          entityKey,
          ["new", "acknowledged"],
          since,
        );
        if (open) {
          const room = Math.max(0, eventsKept - open.eventsKept);
          const keep = ms
            .slice(0, room)
            .map((m, k) => keptEvent(open.id, open.eventsKept + k, m, ctx.now));
          await tx.monitoring.alerts.insertEvents(keep);
          await tx.monitoring.alerts.bump(
            open.id,
            ms.length,
            lastTs,
            open.eventsKept + keep.length,
            ctx.now,
          );
          out.grouped += ms.length;
          out.ids.push(open.id);
          continue;
        }
        const rule = ctx.rules.get(first.ruleId);
        const asset = assets[i + j] ?? null;
        const c = first.event?.context;
        const id = newId();
        const keep = ms.slice(0, eventsKept).map((m, k) => keptEvent(id, k, m, ctx.now));
        const alert: AlertRecord = {
          id,
          ruleId: first.ruleId,
          ruleTitle: first.title,
          ruleAuthor: first.author ?? null,
          ruleOrigin: rule?.origin ?? null,
          level: first.level,
          levelRank: LEVEL_RANK[first.level] ?? 0,
          tags: [...first.tags],
          status: "new",
          entityKey,
          source: first.event?.source ?? "unknown",
          host: c?.host ?? null,
          containerId: c?.containerId ?? null,
          containerName: c?.containerName ?? null,
          image: c?.image ?? null,
          namespace: c?.namespace ?? null,
          pod: c?.pod ?? null,
          assetId: asset?.id ?? null,
          assetKey: asset?.key ?? null,
          assetName: asset?.name ?? null,
          assetMatchedBy: asset?.matchedBy ?? null,
          count: ms.length,
          eventsKept: keep.length,
          firstSeen: firstTs,
          lastSeen: lastTs,
          matchedFields: first.fields,
          correlation: first.correlation
            ? {
                type: first.correlation.type,
                group: { ...first.correlation.group },
                count: first.correlation.count,
              }
            : null,
          statusComment: null,
          statusChangedBy: null,
          statusChangedAt: null,
          incidentId: null,
          incidentNumber: null,
          escalatedAt: null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        };
        await tx.monitoring.alerts.insert(alert);
        await tx.monitoring.alerts.insertEvents(keep);
        out.created++;
        if (ms.length > 1) out.grouped += ms.length - 1;
        out.ids.push(id);
      }
      return true;
    });
    if (!stored) return { created: 0, grouped: 0, suppressed: 0, ids: [], duplicate: true };
  }
  out.ids = [...new Set(out.ids)];
  return out;
}
