import { AppError, newId, notFound } from "@infrasec/core";
import { burnupSeries, isoDay } from "@infrasec/engines/work";
import type { MilestoneRecord, Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, diff, requirePermission } from "../shared/service-context";
import { loadWorkItems } from "./work-item-store";
import { burnupPoints, flatTree, milestoneEvents, progressOf } from "./planning-fns";
import type { BurnupView, MilestoneInput, MilestoneView } from "./planning-view-types";

const TRACKED: (keyof MilestoneRecord)[] = [
  "title",
  "description",
  "startDate",
  "dueDate",
  "state",
];

function checkDates(input: MilestoneInput): void {
  if (input.dueDate < input.startDate) {
    throw new AppError("validation_failed", "a milestone cannot end before it starts", [
      { path: "dueDate", message: `must be on or after the start date ${input.startDate}` },
    ]);
  }
}

/** Quarterly milestones: CRUD, progress of their items, and the burnup from item history. */
export function createPlanningMilestonesService(deps: ServiceDeps) {
  const { store, clock } = deps;

  /** Progress of the visible items currently in the milestone (every state). */
  async function view(tx: Repos, ctx: Ctx, m: MilestoneRecord): Promise<MilestoneView> {
    const items = await loadWorkItems(tx, ctx, { milestoneId: m.id, state: "all" });
    const { updatedAt: _u, ...rest } = m;
    return { ...rest, progress: progressOf(flatTree(items.map((i) => i.domain))) };
  }

  async function mustGet(tx: Repos, id: string): Promise<MilestoneRecord> {
    const m = await tx.workPlanning.findMilestone(id);
    if (!m) throw notFound("milestone");
    return m;
  }

  return {
    async list(ctx: Ctx, state: "active" | "closed" | "all" = "all"): Promise<MilestoneView[]> {
      requirePermission(ctx, "work:read");
      const ms = await store.workPlanning.listMilestones(state === "all" ? undefined : state);
      const out: MilestoneView[] = [];
      for (const m of ms) out.push(await view(store, ctx, m));
      return out;
    },

    async create(ctx: Ctx, input: MilestoneInput): Promise<MilestoneView> {
      requirePermission(ctx, "work:manage");
      checkDates(input);
      const now = clock.now().toISOString();
      const rec: MilestoneRecord = {
        id: newId(clock.now().getTime()),
        title: input.title.trim(),
        description: input.description,
        startDate: input.startDate,
        dueDate: input.dueDate,
        state: input.state,
        createdAt: now,
        updatedAt: now,
      };
      return store.transaction(async (tx) => {
        await tx.workPlanning.insertMilestone(rec);
        await audit(tx, ctx, clock, {
          action: "work.milestone.create",
          targetType: "work_milestone",
          targetId: rec.id,
          summary: `created milestone ${rec.title} (${rec.startDate} – ${rec.dueDate})`,
          changes: Object.fromEntries(TRACKED.map((f) => [f, [null, rec[f]]])),
        });
        return view(tx, ctx, rec);
      });
    },

    async update(ctx: Ctx, id: string, input: MilestoneInput): Promise<MilestoneView> {
      requirePermission(ctx, "work:manage");
      checkDates(input);
      return store.transaction(async (tx) => {
        const before = await mustGet(tx, id);
        const after: MilestoneRecord = {
          ...before,
          title: input.title.trim(),
          description: input.description,
          startDate: input.startDate,
          dueDate: input.dueDate,
          state: input.state,
          updatedAt: clock.now().toISOString(),
        };
        const changes = diff(before, after, TRACKED);
        if (Object.keys(changes).length > 0) {
          await tx.workPlanning.updateMilestone(after);
          await audit(tx, ctx, clock, {
            action: "work.milestone.update",
            targetType: "work_milestone",
            targetId: id,
            summary: `updated milestone ${after.title}: ${Object.keys(changes).join(", ")}`,
            changes,
          });
        }
        return view(tx, ctx, Object.keys(changes).length > 0 ? after : before);
      });
    },

    /**
     * Daily scope and completed values of the milestone, replayed from the history of every
     * visible item that was ever in it (`burnupSeries`). The series runs from the start date to
     * today (or the due date, when that is earlier): days that have not happened have no value.
     */
    async burnup(ctx: Ctx, id: string, unit: "count" | "weight" = "count"): Promise<BurnupView> {
      requirePermission(ctx, "work:read");
      const m = await mustGet(store, id);
      const ids = await store.workPlanning.itemIdsEverInMilestone(id);
      const loaded = ids.length > 0 ? await loadWorkItems(store, ctx, { ids, state: "all" }) : [];
      const history = await store.workPlanning.historyOf(loaded.map((l) => l.domain.id));
      const events = milestoneEvents(
        id,
        loaded.map((l) => l.domain),
        history,
      );
      const today = isoDay(clock.now());
      const end = today < m.dueDate ? today : m.dueDate;
      const series = end < m.startDate ? [] : burnupSeries(events, { start: m.startDate, end });
      return {
        milestone: await view(store, ctx, m),
        points: burnupPoints(series, unit),
        items: loaded.filter((l) => l.record.milestoneId === id).map((l) => l.summary),
      };
    },
  };
}
