import type { WorkItemKind } from "@infrasec/engines/work";
import {
  SECURITY_REVIEW_TEMPLATE,
  WORK_ITEM_KINDS,
  assessSecurityReviewValues,
  validateAgainstTemplate,
} from "@infrasec/engines/work";
import { AppError, notFound } from "@infrasec/core";
import type { Repos, WorkItemSort } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { requirePermission } from "../shared/service-context";
import { templateFor } from "./work-catalog-store";
import { relaxTemplate } from "./work-fields-fns";
import { toSummary } from "./work-item-mapping-fns";
import {
  findVisibleItem,
  loadItemContext,
  loadUserMap,
  searchTerms,
  viewOf,
  visibilityFor,
} from "./work-item-store";
import { changeItemLabels } from "./work-item-mutations";
import { createWorkItemInteractions } from "./work-item-interactions";
import { createItemInTx, type CreateWorkItemInput } from "./work-item-create";
import { updateItemInTx, type PatchWorkItemInput } from "./work-item-update";
import type { WorkHistoryEntryView, WorkItemSummary, WorkItemView } from "./work-view-types";

export type { CreateWorkItemInput } from "./work-item-create";
export type { PatchWorkItemInput } from "./work-item-update";

/** Query of `list` (the contract's query after defaults). */
export interface WorkListInput {
  q?: string;
  kind?: WorkItemKind;
  label?: string;
  status?: string;
  state?: "open" | "closed" | "all";
  assignee?: string;
  owner?: string;
  milestoneId?: string;
  parentId?: string;
  confidential?: "true" | "false";
  linkedTo?: string;
  sort?: WorkItemSort;
  limit?: number;
  offset?: number;
}

/**
 * Work items: list and search (visibility applied in the query, so totals and pages are
 * right), create and update through the engine's templates and status models, labels, history,
 * risk assessment, and the interactions of work-item-interactions.ts.
 */
export function createWorkItemsService(deps: ServiceDeps) {
  const { store, clock } = deps;

  const view = (tx: Repos, ctx: Ctx, id: string) =>
    findVisibleItem(tx, ctx, id).then(async (r) =>
      viewOf(tx, ctx, await loadItemContext(tx, r), clock.now()),
    );

  return {
    async list(ctx: Ctx, q: WorkListInput): Promise<{ items: WorkItemSummary[]; total: number }> {
      requirePermission(ctx, "work:read");
      const tx: Repos = store;
      const userId = async (name: string | undefined) =>
        name === undefined ? undefined : ((await tx.users.findByUsername(name))?.id ?? "-");
      const { items, total } = await tx.work.list(
        {
          kind: q.kind,
          labelsAll: (q.label ?? "")
            .split(",")
            .map((l) => l.trim())
            .filter(Boolean),
          status: q.status,
          state: q.state ?? "open",
          assigneeId: await userId(q.assignee),
          ownerId: await userId(q.owner),
          milestoneId: q.milestoneId,
          parentId: q.parentId,
          confidential: q.confidential === undefined ? undefined : q.confidential === "true",
          linkedTo: q.linkedTo,
          terms: searchTerms(q.q),
        },
        visibilityFor(ctx.actor),
        q.sort ?? "-updatedAt",
        q.limit ?? 50,
        q.offset ?? 0,
      );
      const users = await loadUserMap(
        tx,
        items.flatMap((r) => [r.ownerId, ...r.assigneeIds]),
      );
      return { items: items.map((r) => toSummary(r, users)), total };
    },

    async get(ctx: Ctx, id: string): Promise<WorkItemView> {
      requirePermission(ctx, "work:read");
      return view(store, ctx, id);
    },

    async getByNumber(ctx: Ctx, n: number): Promise<WorkItemView> {
      requirePermission(ctx, "work:read");
      const r = await store.work.findByNumber(n);
      if (!r) throw notFound("work item");
      return view(store, ctx, r.id);
    },

    async create(ctx: Ctx, input: CreateWorkItemInput): Promise<WorkItemView> {
      requirePermission(ctx, "work:create");
      if (!(WORK_ITEM_KINDS as readonly string[]).includes(input.kind)) {
        throw new AppError("validation_failed", `unknown kind ${input.kind}`, [
          { path: "kind", message: "unknown kind" },
        ]);
      }
      const id = await store.transaction((tx) => createItemInTx(tx, deps, ctx, input));
      return view(store, ctx, id);
    },

    async update(ctx: Ctx, id: string, p: PatchWorkItemInput): Promise<WorkItemView> {
      requirePermission(ctx, "work:create");
      await store.transaction((tx) => updateItemInTx(tx, deps, ctx, id, p));
      return view(store, ctx, id);
    },

    async changeLabels(
      ctx: Ctx,
      id: string,
      change: { add: string[]; remove: string[] },
    ): Promise<WorkItemView> {
      requirePermission(ctx, "work:create");
      await store.transaction((tx) => changeItemLabels(tx, deps, ctx, id, change));
      return view(store, ctx, id);
    },

    async history(ctx: Ctx, id: string): Promise<WorkHistoryEntryView[]> {
      requirePermission(ctx, "work:read");
      await findVisibleItem(store, ctx, id);
      const rows = await store.work.listHistory([id]);
      const users = await loadUserMap(
        store,
        rows.map((r) => r.actorId),
      );
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actorId ? (users.get(r.actorId) ?? null) : null,
        action: r.action,
        changes: r.changes,
        note: r.note,
      }));
    },

    /** Scores risk answers as the guided form holds them; problems are listed, never thrown. */
    async assess(ctx: Ctx, fields: Record<string, unknown>) {
      requirePermission(ctx, "work:read");
      const template =
        (await templateFor(store, SECURITY_REVIEW_TEMPLATE.id)) ?? SECURITY_REVIEW_TEMPLATE;
      // The guided form asks for the name, not the title: the prefix is not checked here.
      const { titlePrefix: _prefix, ...untitled } = relaxTemplate(template);
      const v = validateAgainstTemplate(untitled, fields);
      const errors = v.ok ? [] : v.errors.map((e) => ({ field: e.field, message: e.message }));
      const a = assessSecurityReviewValues(fields);
      if (!a.risk.complete) {
        for (const e of a.risk.errors) {
          if (!errors.some((x) => x.field === e.field)) errors.push(e);
        }
      }
      return {
        score: a.risk.complete ? a.risk.score : null,
        band: a.risk.complete ? a.risk.band : null,
        reviewPriority: a.priority === null ? null : String(a.priority),
        reviewPriorityLabel: a.priorityLabel,
        errors,
      };
    },

    ...createWorkItemInteractions(deps, view),
  };
}
export type WorkItemsService = ReturnType<typeof createWorkItemsService>;
