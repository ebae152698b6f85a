import type { Ctx } from "../shared/service-context";
import type { Clock } from "@infrasec/core";
import { newId } from "@infrasec/core";
import { HANDBOOK_SLA_POLICY, slaPolicyStamp } from "@infrasec/engines/vulns";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { DeadlineSelector, Repos, Store, VulnSlaRecomputeRecord } from "@infrasec/storage";
import { OPEN_STATUSES } from "./reconcile-fns";
import type { RecomputeCounts, RecomputeWhy } from "./sla-recompute";
import { emptyRecomputeCounts, recomputePage } from "./sla-recompute";

/**
 * Background recomputation of stored deadlines (policy edits: every open finding; asset changes:
 * that asset's open findings). A task is a row of vuln_sla_recomputes written in the
 * transaction of the change; this runner works it through in pages of ≤ 1,000 findings, one
 * transaction per page that also saves the task's cursor and progress, so a crash resumes where
 * it stopped (the SLA sweep runs pending and stale tasks). Tasks run one at a time per process;
 * a task is claimed with a compare-and-set, so two processes never run the same one.
 */

/** Findings per page: one read, one deadline UPDATE and a few event writes. */
export const RECOMPUTE_PAGE = 1000;
/** A running task whose runner has not saved progress for this long is taken over. */
const STALE_MS = 120_000;

/** The current SLA policy: the edited one stored in vuln_sla_policy, else the configured one. */
export async function currentSlaPolicy(db: Repos, configured?: SlaPolicy): Promise<SlaPolicy> {
  const row = await db.vulnSlaRecompute.getPolicy();
  if (!row) return configured ?? HANDBOOK_SLA_POLICY;
  return { ...(JSON.parse(row.policy) as SlaPolicy), version: row.version };
}

type Cursor = { status: string; side?: "lt" | "gt" | "null"; policy?: string | null; id: string };

/** The drift read's slices, in order: per open status, stamps below, above, then none. */
const SIDES = ["lt", "gt", "null"] as const;

export function createSlaRecomputeRunner(deps: {
  store: Store;
  clock: Clock;
  configured?: SlaPolicy;
}) {
  const { store, clock } = deps;
  let queue: Promise<unknown> = Promise.resolve();
  const nowIso = () => clock.now().toISOString();

  /**
   * Runs one scope page by page from `cursor`; `onPage` saves progress in the page's
   * transaction. Pages are keyset reads, so memory is one page whatever the table holds.
   */
  async function runScope(
    scope: { kind: "policy" } | { kind: "asset"; assetId: string },
    policy: SlaPolicy,
    why: RecomputeWhy,
    start: Cursor | null,
    onPage?: (tx: Repos, cursor: Cursor, counts: RecomputeCounts) => Promise<void>,
  ): Promise<RecomputeCounts> {
    const counts = emptyRecomputeCounts();
    const stamp = slaPolicyStamp(policy);
    const slices: { status: string; side?: (typeof SIDES)[number] }[] =
      scope.kind === "asset"
        ? OPEN_STATUSES.map((status) => ({ status }))
        : OPEN_STATUSES.flatMap((status) => SIDES.map((side) => ({ status, side })));
    let skipping = start !== null;
    for (const slice of slices) {
      if (skipping && (slice.status !== start!.status || slice.side !== start!.side)) continue;
      let cursor: Cursor | null = skipping ? start : null;
      skipping = false;
      for (;;) {
        const sel: DeadlineSelector =
          scope.kind === "asset"
            ? {
                kind: "asset",
                assetId: scope.assetId,
                status: slice.status,
                afterId: cursor?.id ?? null,
              }
            : {
                kind: "drift",
                status: slice.status,
                stamp,
                side: slice.side!,
                after: cursor ? { policy: cursor.policy ?? null, id: cursor.id } : null,
              };
        const done = await store.transaction(async (tx) => {
          const page = await tx.vulnSlaRecompute.inputs(sel, RECOMPUTE_PAGE);
          if (page.length === 0) return true;
          await recomputePage(tx, clock, policy, page, why, counts);
          const last = page[page.length - 1]!;
          cursor = { status: slice.status, side: slice.side, policy: last.slaPolicy, id: last.id };
          if (onPage) await onPage(tx, cursor, counts);
          return page.length < RECOMPUTE_PAGE;
        });
        if (done) break;
      }
    }
    return counts;
  }

  /** Runs one task if this process can claim it; a superseded policy task just ends. */
  async function runTask(t: VulnSlaRecomputeRecord): Promise<void> {
    if (!(await store.vulnSlaRecompute.claimTask(t, nowIso()))) return;
    try {
      const policy = await currentSlaPolicy(store, deps.configured);
      if (t.scope === "policy" && t.policy !== slaPolicyStamp(policy)) {
        // A later edit queued its own task; the findings are recomputed there.
        await store.vulnSlaRecompute.finishTask(t.id, "done", nowIso(), "superseded");
        return;
      }
      const base = { done: t.done, changed: t.changed };
      await runScope(
        t.scope === "asset" ? { kind: "asset", assetId: t.assetId! } : { kind: "policy" },
        policy,
        { reason: t.reason, actorName: t.actorName },
        t.cursor ? (JSON.parse(t.cursor) as Cursor) : null,
        (tx, cursor, c) =>
          tx.vulnSlaRecompute.saveProgress(t.id, {
            cursor: JSON.stringify(cursor),
            done: base.done + c.examined,
            changed: base.changed + c.moved,
            total: Math.max(t.total, base.done + c.examined),
            at: nowIso(),
          }),
      );
      await store.vulnSlaRecompute.finishTask(t.id, "done", nowIso(), null);
    } catch (e) {
      await store.vulnSlaRecompute.finishTask(
        t.id,
        "failed",
        nowIso(),
        e instanceof Error ? e.message.slice(0, 500) : String(e),
      );
    }
  }

  /** Runs queued tasks and tasks whose runner died, oldest first. Returns how many ran. */
  async function runPending(): Promise<number> {
    let ran = 0;
    for (;;) {
      const stale = new Date(clock.now().getTime() - STALE_MS).toISOString();
      const [t] = await store.vulnSlaRecompute.pendingTasks(stale, 1);
      if (!t) return ran;
      await runTask(t);
      ran++;
      const after = await store.vulnSlaRecompute.getTask(t.id);
      // Another process claimed it between our read and claim: let it run, stop here.
      if (after && (after.status === "queued" || after.status === "running")) return ran;
    }
  }

  return {
    /** Queues a task in the caller's transaction (commit it, then `kick`). */
    async queue(
      tx: Repos,
      ctx: Ctx,
      scope: { kind: "policy"; policy: SlaPolicy } | { kind: "asset"; assetId: string },
      reason: string,
    ): Promise<VulnSlaRecomputeRecord> {
      const policy =
        scope.kind === "policy" ? scope.policy : await currentSlaPolicy(tx, deps.configured);
      const stamp = slaPolicyStamp(policy);
      const total =
        scope.kind === "policy"
          ? await tx.vulnSlaRecompute.countDrift(OPEN_STATUSES, stamp)
          : await tx.vulnSlaRecompute.countAsset(scope.assetId, OPEN_STATUSES);
      const t: VulnSlaRecomputeRecord = {
        id: newId(clock.now().getTime()),
        scope: scope.kind,
        assetId: scope.kind === "asset" ? scope.assetId : null,
        policy: stamp,
        reason,
        status: "queued",
        cursor: null,
        total,
        done: 0,
        changed: 0,
        error: null,
        actorName: ctx.actor.username,
        createdAt: nowIso(),
        heartbeatAt: null,
        finishedAt: null,
      };
      await tx.vulnSlaRecompute.insertTask(t);
      return t;
    },

    /** Starts running pending tasks in the background (after the queuing transaction commits). */
    kick(): void {
      queue = queue.then(runPending).catch(() => undefined);
    },

    /** Resolves when the background work started so far has finished (tests, shutdown). */
    idle(): Promise<void> {
      return queue.then(() => undefined);
    },

    runPending,

    /**
     * The sweep's drift repair: open findings whose stored policy stamp is not the current
     * policy's (written by an import that ran with the configured policy, or left by a task
     * that failed) get their deadline recomputed. Costs six empty index range reads when
     * nothing drifted.
     */
    async repairDrift(): Promise<RecomputeCounts> {
      const policy = await currentSlaPolicy(store, deps.configured);
      return runScope(
        { kind: "policy" },
        policy,
        {
          reason: `policy ${slaPolicyStamp(policy)} applied by the SLA sweep`,
          actorName: "sla-sweep",
        },
        null,
      );
    },
  };
}
export type SlaRecomputeRunner = ReturnType<typeof createSlaRecomputeRunner>;

/** The history's words for an asset change that moves deadlines: `asset db-1: criticality 2 → 4`. */
export function assetSlaReason(key: string, changes: Record<string, [unknown, unknown]>): string {
  const parts = ["criticality", "environment", "exposure"]
    .filter((f) => f in changes)
    .map((f) => `${f} ${String(changes[f]![0])} → ${String(changes[f]![1])}`);
  return `asset ${key}: ${parts.join(", ")}`;
}
