import { AppError, can, newId, notFound } from "@infrasec/core";
import type { ErrorDetail } from "@infrasec/core";
import { scoreKeyResult, scoreObjective } from "@infrasec/engines/work";
import type { KeyResultRecord, ObjectiveRecord, Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, diff, requirePermission } from "../shared/service-context";
import { loadUserMap, loadWorkItems } from "./work-item-store";
import type {
  KeyResultInput,
  KeyResultView,
  ObjectiveInput,
  ObjectiveView,
} from "./planning-view-types";

const OBJECTIVE_FIELDS: (keyof ObjectiveRecord)[] = ["title", "description", "quarter", "ownerId"];
const KEY_RESULT_FIELDS: (keyof KeyResultRecord)[] = [
  "title",
  "ownerId",
  "startValue",
  "target",
  "current",
  "unit",
];

/** An owner username to a user id; unknown or disabled users fail naming the field. */
async function ownerId(tx: Repos, username: string | null, path: string): Promise<string | null> {
  if (username === null) return null;
  const u = await tx.users.findByUsername(username);
  if (!u || u.disabled) {
    throw new AppError("validation_failed", `unknown user ${username}`, [
      { path, message: `unknown user ${username}` },
    ]);
  }
  return u.id;
}

/**
 * Objectives and key results (OKRs): CRUD, scores from `scoreKeyResult` / `scoreObjective` with
 * the published bands (85 / 70), and links to epics. Key-result owners (the DRI) may update
 * their key result's current value without work:manage.
 */
export function createPlanningOkrsService(deps: ServiceDeps) {
  const { store, clock } = deps;

  async function views(
    tx: Repos,
    ctx: Ctx,
    objectives: ObjectiveRecord[],
  ): Promise<ObjectiveView[]> {
    const ids = objectives.map((o) => o.id);
    const krs = await tx.workPlanning.keyResultsOf(ids);
    const links = await tx.workPlanning.epicLinksOfObjectives(ids);
    const epicIds = [...new Set(links.map((l) => l.itemId))];
    // Linked epics the reader may not see are left out (their existence is not revealed).
    const epics =
      epicIds.length > 0 ? await loadWorkItems(tx, ctx, { ids: epicIds, state: "all" }) : [];
    const epicById = new Map(epics.map((e) => [e.domain.id, e.summary]));
    const users = await loadUserMap(tx, [
      ...objectives.map((o) => o.ownerId),
      ...krs.map((k) => k.ownerId),
    ]);
    const ref = (id: string | null) => (id ? (users.get(id) ?? null) : null);
    return objectives.map((o) => {
      const mine = krs.filter((k) => k.objectiveId === o.id);
      const engineKrs = mine.map((k) => ({
        id: k.id,
        title: k.title,
        dri: ref(k.ownerId)?.username ?? "",
        baseline: k.startValue,
        target: k.target,
        current: k.current,
      }));
      const scored = scoreObjective(engineKrs);
      const keyResults: KeyResultView[] = mine.map((k, i) => {
        const s = scored.keyResults[i] ?? scoreKeyResult(engineKrs[i]!);
        return {
          id: k.id,
          objectiveId: k.objectiveId,
          title: k.title,
          owner: ref(k.ownerId),
          startValue: k.startValue,
          target: k.target,
          current: k.current,
          unit: k.unit,
          score: s.score,
          band: s.band,
          updatedAt: k.updatedAt,
        };
      });
      return {
        id: o.id,
        title: o.title,
        description: o.description,
        quarter: o.quarter,
        owner: ref(o.ownerId),
        keyResults,
        // Without key results the engine gives no score; the contract needs a number, so the
        // view says 0 with `scored: false` rather than inventing a band from nothing.
        score: scored.score ?? 0,
        band: scored.band ?? "at_risk",
        scored: scored.score !== null,
        epics: links
          .filter((l) => l.objectiveId === o.id)
          .flatMap((l) => {
            const e = epicById.get(l.itemId);
            return e ? [e] : [];
          }),
        createdAt: o.createdAt,
      };
    });
  }

  async function view(tx: Repos, ctx: Ctx, id: string): Promise<ObjectiveView> {
    const o = await tx.workPlanning.findObjective(id);
    if (!o) throw notFound("objective");
    return (await views(tx, ctx, [o]))[0]!;
  }

  /** Epic links must point at epics the caller can see; errors name `epicIds[i]`. */
  async function checkEpics(tx: Repos, ctx: Ctx, epicIds: readonly string[]): Promise<string[]> {
    const unique = [...new Set(epicIds)];
    if (unique.length === 0) return [];
    const found = new Map(
      (await loadWorkItems(tx, ctx, { ids: unique, state: "all" })).map((l) => [l.domain.id, l]),
    );
    const details: ErrorDetail[] = [];
    epicIds.forEach((id, i) => {
      const l = found.get(id);
      if (!l) details.push({ path: `epicIds[${i}]`, message: `no work item ${id}` });
      else if (l.domain.kind !== "epic") {
        details.push({
          path: `epicIds[${i}]`,
          message: `#${l.summary.number} is a ${l.domain.kind}, not an epic`,
        });
      }
    });
    if (details.length > 0) {
      throw new AppError("validation_failed", "objectives link to epics only", details);
    }
    return unique;
  }

  async function mustGetKeyResult(tx: Repos, id: string): Promise<KeyResultRecord> {
    const k = await tx.workPlanning.findKeyResult(id);
    if (!k) throw notFound("key result");
    return k;
  }

  return {
    async list(ctx: Ctx, quarter?: string): Promise<ObjectiveView[]> {
      requirePermission(ctx, "work:read");
      return views(store, ctx, await store.workPlanning.listObjectives(quarter));
    },

    async create(ctx: Ctx, input: ObjectiveInput): Promise<ObjectiveView> {
      requirePermission(ctx, "work:manage");
      return store.transaction(async (tx) => {
        const now = clock.now().toISOString();
        const rec: ObjectiveRecord = {
          id: newId(clock.now().getTime()),
          title: input.title.trim(),
          description: input.description,
          quarter: input.quarter,
          ownerId: await ownerId(tx, input.owner, "owner"),
          createdAt: now,
          updatedAt: now,
        };
        const epics = await checkEpics(tx, ctx, input.epicIds);
        await tx.workPlanning.insertObjective(rec);
        await tx.workPlanning.setObjectiveEpics(rec.id, epics);
        await audit(tx, ctx, clock, {
          action: "work.objective.create",
          targetType: "work_objective",
          targetId: rec.id,
          summary: `created objective ${rec.title} (${rec.quarter})`,
          changes: {
            ...Object.fromEntries(OBJECTIVE_FIELDS.map((f) => [f, [null, rec[f]]])),
            epicIds: [[], epics],
          },
        });
        return view(tx, ctx, rec.id);
      });
    },

    async update(ctx: Ctx, id: string, input: ObjectiveInput): Promise<ObjectiveView> {
      requirePermission(ctx, "work:manage");
      return store.transaction(async (tx) => {
        const before = await tx.workPlanning.findObjective(id);
        if (!before) throw notFound("objective");
        const after: ObjectiveRecord = {
          ...before,
          title: input.title.trim(),
          description: input.description,
          quarter: input.quarter,
          ownerId: await ownerId(tx, input.owner, "owner"),
          updatedAt: clock.now().toISOString(),
        };
        const epics = await checkEpics(tx, ctx, input.epicIds);
        const previous = (await tx.workPlanning.epicLinksOfObjectives([id])).map((l) => l.itemId);
        const changes: Record<string, unknown> = diff(before, after, OBJECTIVE_FIELDS);
        if (JSON.stringify([...previous].sort()) !== JSON.stringify([...epics].sort())) {
          changes.epicIds = [previous, epics];
        }
        if (Object.keys(changes).length > 0) {
          await tx.workPlanning.updateObjective(after);
          await tx.workPlanning.setObjectiveEpics(id, epics);
          await audit(tx, ctx, clock, {
            action: "work.objective.update",
            targetType: "work_objective",
            targetId: id,
            summary: `updated objective ${after.title}: ${Object.keys(changes).join(", ")}`,
            changes,
          });
        }
        return view(tx, ctx, id);
      });
    },

    async remove(ctx: Ctx, id: string): Promise<void> {
      requirePermission(ctx, "work:manage");
      await store.transaction(async (tx) => {
        const o = await tx.workPlanning.findObjective(id);
        if (!o) throw notFound("objective");
        await tx.workPlanning.deleteObjective(id);
        await audit(tx, ctx, clock, {
          action: "work.objective.delete",
          targetType: "work_objective",
          targetId: id,
          summary: `deleted objective ${o.title} and its key results`,
        });
      });
    },

    async addKeyResult(
      ctx: Ctx,
      objectiveId: string,
      input: KeyResultInput,
    ): Promise<ObjectiveView> {
      requirePermission(ctx, "work:manage");
      return store.transaction(async (tx) => {
        const o = await tx.workPlanning.findObjective(objectiveId);
        if (!o) throw notFound("objective");
        const now = clock.now().toISOString();
        const rec: KeyResultRecord = {
          id: newId(clock.now().getTime()),
          objectiveId,
          title: input.title.trim(),
          ownerId: await ownerId(tx, input.owner, "owner"),
          startValue: input.startValue,
          target: input.target,
          current: input.current,
          unit: input.unit,
          createdAt: now,
          updatedAt: now,
        };
        await tx.workPlanning.insertKeyResult(rec);
        await audit(tx, ctx, clock, {
          action: "work.key_result.create",
          targetType: "work_key_result",
          targetId: rec.id,
          summary: `added key result ${rec.title} to objective ${o.title}`,
          changes: Object.fromEntries(KEY_RESULT_FIELDS.map((f) => [f, [null, rec[f]]])),
        });
        return view(tx, ctx, objectiveId);
      });
    },

    /**
     * Changes a key result. work:manage may change anything; the key result's owner (its DRI)
     * may update the current value only, which is how a DRI reports progress. Anyone else: 403.
     */
    async updateKeyResult(
      ctx: Ctx,
      id: string,
      patch: Partial<KeyResultInput>,
    ): Promise<ObjectiveView> {
      requirePermission(ctx, "work:create");
      return store.transaction(async (tx) => {
        const before = await mustGetKeyResult(tx, id);
        if (!can(ctx.actor, "work:manage")) {
          if (!ctx.actor.userId || before.ownerId !== ctx.actor.userId) {
            throw new AppError(
              "forbidden",
              "only the key result's owner or a work manager may change it",
            );
          }
          const others = (Object.keys(patch) as (keyof KeyResultInput)[]).filter(
            (k) => k !== "current" && patch[k] !== undefined,
          );
          if (others.length > 0) {
            throw new AppError(
              "forbidden",
              "the owner of a key result may update its current value only",
              others.map((k) => ({
                path: `body.${k}`,
                message: "needs the work:manage permission",
              })),
            );
          }
        }
        const after: KeyResultRecord = {
          ...before,
          title: patch.title?.trim() ?? before.title,
          ownerId:
            patch.owner !== undefined ? await ownerId(tx, patch.owner, "owner") : before.ownerId,
          startValue: patch.startValue ?? before.startValue,
          target: patch.target ?? before.target,
          current: patch.current ?? before.current,
          unit: patch.unit ?? before.unit,
          updatedAt: clock.now().toISOString(),
        };
        const changes = diff(before, after, KEY_RESULT_FIELDS);
        if (Object.keys(changes).length > 0) {
          await tx.workPlanning.updateKeyResult(after);
          await audit(tx, ctx, clock, {
            action: "work.key_result.update",
            targetType: "work_key_result",
            targetId: id,
            summary: `updated key result ${after.title}: ${Object.keys(changes).join(", ")}`,
            changes,
          });
        }
        return view(tx, ctx, before.objectiveId);
      });
    },

    async removeKeyResult(ctx: Ctx, id: string): Promise<ObjectiveView> {
      requirePermission(ctx, "work:manage");
      return store.transaction(async (tx) => {
        const k = await mustGetKeyResult(tx, id);
        await tx.workPlanning.deleteKeyResult(id);
        await audit(tx, ctx, clock, {
          action: "work.key_result.delete",
          targetType: "work_key_result",
          targetId: id,
          summary: `deleted key result ${k.title}`,
        });
        return view(tx, ctx, k.objectiveId);
      });
    },
  };
}
