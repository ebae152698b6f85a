import { newId, notFound } from "@infrasec/core";
import type { EpicStatusUpdate, HealthStatus } from "@infrasec/engines/work";
import { assessEpicHealth } from "@infrasec/engines/work";
import type { Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import type { LoadedWorkItem } from "./work-item-store";
import { findEditableItem, loadUserMap, loadWorkItems } from "./work-item-store";
import { commitItemChange } from "./work-item-mutations";
import {
  buildTree,
  epicSpan,
  indexByParent,
  overlaps,
  progressOf,
  roadmapQuarters,
} from "./planning-fns";
import type { EpicView, RoadmapView, StatusUpdateView } from "./planning-view-types";

/** Every visible item, indexed for tree building (children = items whose parent is the epic). */
async function loadForest(tx: Repos, ctx: Ctx) {
  const all = await loadWorkItems(tx, ctx, { state: "all" });
  return {
    all,
    childrenOf: indexByParent(all.map((l) => ({ domain: l.domain, parentId: l.summary.parentId }))),
    summaries: new Map(all.map((l) => [l.domain.id, l.summary])),
  };
}
type Forest = Awaited<ReturnType<typeof loadForest>>;

/**
 * Epics with progress (`epicProgress` over the visible tree), their status updates, the
 * assessed health (`assessEpicHealth`) and the roadmap; status updates on any item.
 */
export function createPlanningEpicsService(deps: ServiceDeps) {
  const { store, clock } = deps;

  async function epicViews(
    tx: Repos,
    epics: LoadedWorkItem[],
    forest: Forest,
  ): Promise<EpicView[]> {
    const ids = epics.map((e) => e.domain.id);
    const updates = await tx.workPlanning.statusUpdatesOf(ids);
    const authors = await loadUserMap(
      tx,
      updates.map((u) => u.authorId),
    );
    const links = await tx.workPlanning.objectiveLinksOfItems(ids);
    const now = clock.now();
    return epics.map((e) => {
      const tree = buildTree(e.domain, forest.childrenOf);
      const mine: StatusUpdateView[] = updates
        .filter((u) => u.itemId === e.domain.id)
        .map((u) => ({
          id: u.id,
          itemId: u.itemId,
          health: u.health as HealthStatus,
          body: u.body,
          author: u.authorId ? (authors.get(u.authorId) ?? null) : null,
          createdAt: u.createdAt,
        }));
      const history: EpicStatusUpdate[] = mine.map((u) => ({
        text: u.body,
        health: u.health,
        updatedAt: u.createdAt,
        updatedBy: u.author?.username ?? "",
      }));
      const assessed = assessEpicHealth(tree, now, history);
      return {
        item: e.summary,
        progress: progressOf(tree),
        children: (forest.childrenOf.get(e.domain.id) ?? []).map((c) =>
          forest.summaries.get(c.id)!,
        ),
        updates: mine,
        assessed: { health: assessed.suggested, reasons: assessed.reasons },
        startDate: e.domain.startDate ?? null,
        dueDate: e.domain.dueDate ?? null,
        objectiveIds: links.filter((l) => l.itemId === e.domain.id).map((l) => l.objectiveId),
      };
    });
  }

  return {
    async epics(ctx: Ctx, state: "open" | "closed" | "all" = "open"): Promise<EpicView[]> {
      requirePermission(ctx, "work:read");
      const forest = await loadForest(store, ctx);
      const epics = forest.all.filter(
        (l) =>
          l.domain.kind === "epic" &&
          (state === "all" || (state === "closed") === (l.record.closedAt !== null)),
      );
      return epicViews(store, epics, forest);
    },

    async epic(ctx: Ctx, id: string): Promise<EpicView> {
      requirePermission(ctx, "work:read");
      const forest = await loadForest(store, ctx);
      const epic = forest.all.find((l) => l.domain.id === id && l.domain.kind === "epic");
      if (!epic) throw notFound("epic");
      return (await epicViews(store, [epic], forest))[0]!;
    },

    /**
     * A dated status update with a health, by anyone who may edit the item. The health becomes
     * the item's health through a history entry, so the declared health and its reason are
     * versioned together.
     */
    async addStatusUpdate(
      ctx: Ctx,
      itemId: string,
      input: { health: HealthStatus; body: string },
    ): Promise<StatusUpdateView> {
      requirePermission(ctx, "work:create");
      return store.transaction(async (tx) => {
        const rec = await findEditableItem(tx, ctx, itemId);
        const now = clock.now().toISOString();
        const update = {
          id: newId(clock.now().getTime()),
          itemId,
          health: input.health,
          body: input.body,
          authorId: ctx.actor.userId,
          createdAt: now,
        };
        await tx.workPlanning.insertStatusUpdate(update);
        await audit(tx, ctx, clock, {
          action: "work.status_update.create",
          targetType: "work_item",
          targetId: itemId,
          summary: `#${rec.number}: status update (${input.health})`,
          changes: { statusUpdateId: update.id, health: input.health },
        });
        if (rec.health !== input.health) {
          await commitItemChange(
            tx,
            deps,
            ctx,
            { ...rec, health: input.health },
            {
              action: "health",
              changes: [{ field: "health", from: rec.health, to: input.health }],
              note: "status update",
            },
            {
              action: "work.item.health",
              summary: `health ${rec.health ?? "none"} → ${input.health}`,
            },
          );
        }
        const authors = await loadUserMap(tx, [ctx.actor.userId]);
        return {
          ...update,
          author: ctx.actor.userId ? (authors.get(ctx.actor.userId) ?? null) : null,
        };
      });
    },

    /** Epics placed on `quarters` quarters from `from` (default: the current quarter). */
    async roadmap(ctx: Ctx, from: string | undefined, quarters: number): Promise<RoadmapView> {
      requirePermission(ctx, "work:read");
      const qs = roadmapQuarters(from, quarters, clock.now());
      const range = { start: qs[0]!.start, end: qs[qs.length - 1]!.end };
      const forest = await loadForest(store, ctx);
      const epics = forest.all
        .filter((l) => {
          if (l.domain.kind !== "epic") return false;
          const span = epicSpan(l.domain);
          return span !== null && overlaps(span, range);
        })
        .sort((a, b) => {
          const sa = epicSpan(a.domain)!.start;
          const sb = epicSpan(b.domain)!.start;
          return sa < sb ? -1 : sa > sb ? 1 : a.summary.number - b.summary.number;
        });
      return { quarters: qs, epics: await epicViews(store, epics, forest) };
    },
  };
}
