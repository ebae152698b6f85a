import type { Actor } from "@infrasec/core";
import { AppError, notFound } from "@infrasec/core";
import type { WorkItem, WorkTemplate } from "@infrasec/engines/work";
import type { Repos, UserRecord, WorkItemRecord, WorkVisibility } from "@infrasec/storage";
import type { Ctx } from "../shared/service-context";
import { readWorkSettings, templateFor, templatesFor } from "./work-catalog-store";
import type { ItemExtras, UserMap } from "./work-item-mapping-fns";
import {
  accessShape,
  deriveItem,
  referencedUserIds,
  toDomainItem,
  toItemView,
  toSummary,
} from "./work-item-mapping-fns";
import type { UserRefView, WorkItemSummary, WorkItemView, WorkLinkView } from "./work-view-types";
import { canEditWorkItem, canSeeAllWork, isWorkItemVisible } from "./work-visibility-fns";

export { readWorkSettings } from "./work-catalog-store";

/**
 * Transaction-level work-item functions shared by the work services (items, triage, boards,
 * planning). `tx` is the repositories of the caller's transaction; each mutation checks the
 * actor's rights, writes the item's history, bumps its timestamps, appends the audit event and
 * sends notifications, all inside that transaction.
 */

/** Which items to load; visibility for the actor is always applied on top. */
export interface WorkItemFilter {
  ids?: readonly string[];
  kind?: string;
  /** Items carrying every one of these labels. */
  labelsAll?: readonly string[];
  /** Open, closed or all (the default: callers decide what closed items mean to them). */
  state?: "open" | "closed" | "all";
  milestoneId?: string;
  parentId?: string;
  /** An assignee's username. */
  assignee?: string;
  /** Search terms separated by spaces; every term must match. */
  q?: string;
}

/** An item in the engine's shape and as a list row (plus the stored record). */
export interface LoadedWorkItem {
  domain: WorkItem;
  summary: WorkItemSummary;
  record: WorkItemRecord;
}

/** The storage-level visibility restriction for an actor. */
export function visibilityFor(actor: Actor): WorkVisibility {
  return canSeeAllWork(actor) ? { all: true } : { all: false, userId: actor.userId };
}

/** Splits a search query into lower-cased terms. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .slice(0, 20);
}

const toRef = (u: UserRecord): UserRefView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
});

/** Users by id, as references. */
export async function loadUserMap(
  tx: Repos,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, UserRefView>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  const users = await tx.users.findByIds(unique);
  return new Map(users.map((u) => [u.id, toRef(u)]));
}

/**
 * Resolves usernames to users; an unknown (or disabled) one fails naming its position, e.g.
 * `assignees[1]`.
 */
export async function resolveUsernames(
  tx: Repos,
  usernames: readonly string[],
  path: string,
): Promise<UserRecord[]> {
  const out: UserRecord[] = [];
  const details: { path: string; message: string }[] = [];
  for (const [i, name] of usernames.entries()) {
    const u = await tx.users.findByUsername(name);
    if (!u || u.disabled) details.push({ path: `${path}[${i}]`, message: `unknown user ${name}` });
    else if (!out.some((x) => x.id === u.id)) out.push(u);
  }
  if (details.length > 0) {
    throw new AppError("validation_failed", `unknown user(s) in ${path}`, details);
  }
  return out;
}

async function extrasFor(tx: Repos, ids: readonly string[]): Promise<ItemExtras> {
  return {
    verdicts: await tx.work.listVerdicts(ids),
    approvals: await tx.work.listChangeApprovals(ids),
    links: await tx.work.listLinks(ids),
  };
}

/** Visible items matching the filter, in the engine's shape and as list rows; by number. */
export async function loadWorkItems(
  tx: Repos,
  ctx: Ctx,
  filter: WorkItemFilter,
): Promise<LoadedWorkItem[]> {
  let assigneeId: string | undefined;
  if (filter.assignee) {
    const u = await tx.users.findByUsername(filter.assignee);
    if (!u) return [];
    assigneeId = u.id;
  }
  const { items } = await tx.work.list(
    {
      ids: filter.ids,
      kind: filter.kind,
      labelsAll: filter.labelsAll,
      state: filter.state ?? "all",
      milestoneId: filter.milestoneId,
      parentId: filter.parentId,
      assigneeId,
      terms: searchTerms(filter.q),
    },
    visibilityFor(ctx.actor),
    "number",
  );
  if (items.length === 0) return [];
  const ids = items.map((r) => r.id);
  const extras = await extrasFor(tx, ids);
  const users = await loadUserMap(
    tx,
    items.flatMap((r) => referencedUserIds(r, extras)),
  );
  const templates = await templatesFor(
    tx,
    items.map((r) => r.templateId),
  );
  return items.map((record) => ({
    record,
    domain: toDomainItem(
      record,
      users,
      extras,
      record.templateId ? (templates.get(record.templateId) ?? null) : null,
    ),
    summary: toSummary(record, users),
  }));
}

/** The item when the actor may see it; `not_found` otherwise (its existence is not revealed). */
export async function findVisibleItem(tx: Repos, ctx: Ctx, id: string): Promise<WorkItemRecord> {
  const r = await tx.work.findById(id);
  if (!r || !isWorkItemVisible(accessShape(r), ctx.actor)) throw notFound("work item");
  return r;
}

/** The item when the actor may change it: 404 when invisible, 403 when read-only to them. */
export async function findEditableItem(tx: Repos, ctx: Ctx, id: string): Promise<WorkItemRecord> {
  const r = await findVisibleItem(tx, ctx, id);
  if (!canEditWorkItem(accessShape(r), ctx.actor)) {
    throw new AppError(
      "forbidden",
      "you may change only work items you created, own or are assigned to",
    );
  }
  return r;
}

/** One item with everything the engine needs about it. */
export interface ItemContext {
  record: WorkItemRecord;
  domain: WorkItem;
  template: WorkTemplate | null;
  users: UserMap;
  extras: ItemExtras;
}

export async function loadItemContext(tx: Repos, record: WorkItemRecord): Promise<ItemContext> {
  const extras = await extrasFor(tx, [record.id]);
  const users = await loadUserMap(tx, referencedUserIds(record, extras));
  const template = await templateFor(tx, record.templateId);
  return {
    record,
    domain: toDomainItem(record, users, extras, template),
    template,
    users,
    extras,
  };
}

/** Link views: titles (and numbers) of items only when the reader may see them. */
async function linkViews(
  tx: Repos,
  ctx: Ctx,
  extras: ItemExtras,
  itemId: string,
): Promise<WorkLinkView[]> {
  const links = extras.links.filter((l) => l.itemId === itemId);
  const itemTargets = await tx.work.findByIds(
    links.filter((l) => l.targetKind === "item").map((l) => l.targetId),
  );
  const byId = new Map(itemTargets.map((r) => [r.id, r]));
  const out: WorkLinkView[] = [];
  for (const l of links) {
    let title: string | null = null;
    let number: number | null = null;
    if (l.targetKind === "item") {
      const t = byId.get(l.targetId);
      if (t && isWorkItemVisible(accessShape(t), ctx.actor)) {
        title = t.title;
        number = t.number;
      }
    } else if (l.targetKind === "asset") {
      title = (await tx.assets.findById(l.targetId))?.name ?? null;
    }
    out.push({
      id: l.id,
      type: l.type as WorkLinkView["type"],
      targetKind: l.targetKind as WorkLinkView["targetKind"],
      targetId: l.targetId,
      title,
      number,
    });
  }
  return out;
}

/** The full view of a visible item (404 `not_found` when missing or not visible). */
export async function loadWorkItemView(
  tx: Repos,
  ctx: Ctx,
  id: string,
  now: Date = new Date(),
): Promise<WorkItemView> {
  const record = await findVisibleItem(tx, ctx, id);
  return viewOf(tx, ctx, await loadItemContext(tx, record), now);
}

/** The view of an item whose context is loaded. */
export async function viewOf(
  tx: Repos,
  ctx: Ctx,
  c: ItemContext,
  now: Date,
): Promise<WorkItemView> {
  const settings = await readWorkSettings(tx);
  const derived = deriveItem(c.domain, c.template, settings, now);
  return toItemView(
    c.record,
    c.users,
    c.extras,
    await linkViews(tx, ctx, c.extras, c.record.id),
    derived,
  );
}
