import type { DetectionMatch, Detector } from "@infrasec/engines/detect";
import { createDetector } from "@infrasec/engines/detect";
import type { Repos } from "@infrasec/storage";
import { createAssetsService } from "../assets/assets-service";
import type { ServiceDeps } from "../shared/service-context";
import { storeMatches, type AssetHit, type PipelineOutcome } from "./ingest-pipeline";
import { buildEngine, type DetectionEngine } from "./rule-catalog";

/** Tunables shared by the embedded pipeline and the JetStream workers. */
export interface DetectionPipelineOptions {
  /** Repeats within this window of the alert's last event are grouped (default 60). */
  groupWindowMinutes?: number;
  /** Events kept per alert (default 20). */
  eventsKept?: number;
  /**
   * How late (sensor time) an event may arrive and still count for correlations; the timer
   * closes windows that ended before now minus this (default 60 s).
   */
  allowedLatenessMs?: number;
}

const ASSET_CACHE_MS = 60_000;

/**
 * The part of detection both modes share: the rule set (rebuilt when the stored rules change),
 * asset correlation with a short cache, and suppress → group → store of matches. The embedded
 * mode feeds it from the HTTP ingest queue; a JetStream worker from its partitions.
 */
export function createDetectionPipeline(deps: ServiceDeps, opts: DetectionPipelineOptions = {}) {
  const { store, clock } = deps;
  const assets = createAssetsService(deps);
  const groupWindowMinutes = opts.groupWindowMinutes ?? 60;
  const eventsKept = opts.eventsKept ?? 20;
  const allowedLatenessMs = opts.allowedLatenessMs ?? 60_000;
  const assetCache = new Map<string, { at: number; hit: AssetHit | null }>();
  let engine: DetectionEngine | null = null;
  // Local changes bump `localRev`, so two edits within one millisecond still rebuild; the
  // stored version catches changes made by other processes.
  let localRev = 0;

  async function currentEngine(): Promise<DetectionEngine> {
    const version = `${localRev}|${await store.monitoring.rules.version()}`;
    if (!engine || engine.version !== version)
      engine = buildEngine(version, await store.monitoring.rules.list(), { allowedLatenessMs });
    return engine;
  }

  async function correlateValue(value: string | undefined): Promise<AssetHit | null> {
    if (!value || value === "host") return null;
    const cached = assetCache.get(value);
    const t = clock.now().getTime();
    if (cached && t - cached.at < ASSET_CACHE_MS) return cached.hit;
    const r = await assets.correlate(value);
    const hit = r.asset
      ? { id: r.asset.id, key: r.asset.key, name: r.asset.name, matchedBy: r.matchedBy ?? "name" }
      : null;
    if (assetCache.size > 10_000) assetCache.clear();
    assetCache.set(value, { at: t, hit });
    return hit;
  }

  async function assetOf(m: DetectionMatch): Promise<AssetHit | null> {
    const c = m.event?.context;
    const f = m.event?.fields ?? {};
    const ips = [f.SourceIp, f.DestinationIp].filter((v): v is string => typeof v === "string");
    for (const v of [c?.containerId, c?.containerName, c?.host, c?.pod, ...ips]) {
      const hit = await correlateValue(v);
      if (hit) return hit;
    }
    return null;
  }

  return {
    groupWindowMinutes,
    allowedLatenessMs,
    currentEngine,
    /** A rule changed in this process: the next call rebuilds the engine. */
    rulesChanged(): void {
      localRev++;
    },
    /** A fresh detector over the current rule set (a worker keeps one per partition). */
    newDetector(e: DetectionEngine): Detector {
      return createDetector(e.ruleSet, { allowedLatenessMs });
    },
    /** The watermark of the timer-driven window close: now minus the allowed lateness. */
    watermark(): number {
      return clock.now().getTime() - allowedLatenessMs;
    },
    /**
     * Suppress → group → store. With `guard`, everything is stored in ONE transaction that
     * first runs the guard; when it answers false (already committed), nothing is stored.
     */
    async commit(
      matches: readonly DetectionMatch[],
      guard?: (tx: Repos) => Promise<boolean>,
    ): Promise<PipelineOutcome & { duplicate: boolean }> {
      const e = await currentEngine();
      const now = clock.now().toISOString();
      const suppressions = await store.monitoring.suppressions.list({ now });
      return storeMatches(store, matches, {
        now,
        rules: e.rules,
        suppressions,
        assetOf,
        guard,
        settings: {
          groupWindowMs: groupWindowMinutes * 60_000,
          eventsKept,
          batchSize: guard ? Number.MAX_SAFE_INTEGER : 200,
        },
      });
    },
  };
}
export type DetectionPipeline = ReturnType<typeof createDetectionPipeline>;
