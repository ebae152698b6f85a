import type { Actor } from "@infrasec/core";
import { AppError, notFound } from "@infrasec/core";
import type { LabelChange, WorkItem, WorkItemKind, WorkTemplate } from "@infrasec/engines/work";
import {
  STATUS_MODELS,
  applyLabels,
  describeLabelChange,
  isClosedStatus,
  transition,
} from "@infrasec/engines/work";
import type { Repos, UserRecord, WorkItemRecord, WorkVisibility } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit } from "../shared/service-context";
import {
  ensureLabelsInCatalog,
  readWorkSettings,
  templateFor,
  templatesFor,
} from "./work-catalog-store";
import type { ItemExtras, UserMap } from "./work-item-mapping-fns";
import {
  accessShape,
  deriveItem,
  referencedUserIds,
  toDomainItem,
  toItemView,
  toSummary,
} from "./work-item-mapping-fns";
import { notify } from "./work-notify";
import type { UserRefView, WorkItemSummary, WorkItemView, WorkLinkView } from "./work-view-types";
import { canEditWorkItem, canSeeAllWork, isWorkItemVisible } from "./work-visibility-fns";
import { orderedId } from "./work-ids";

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

/** A history entry to write with a change. */
export interface HistoryInput {
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
  note?: string | null;
}

/** The audit event of a change. */
export interface AuditSpec {
  action: string;
  summary: string;
  changes?: Record<string, unknown>;
}

/**
 * Writes a changed item with its history entry and audit event. A person's change bumps
 * `last_activity_at` too; the system's (bots) does not, as the triage rules require.
 */
export async function commitItemChange(
  tx: Repos,
  deps: Pick<ServiceDeps, "clock">,
  ctx: Ctx,
  after: WorkItemRecord,
  history: HistoryInput,
  auditSpec: AuditSpec,
): Promise<WorkItemRecord> {
  const now = deps.clock.now().toISOString();
  const written: WorkItemRecord = {
    ...after,
    updatedAt: now,
    lastActivityAt: ctx.actor.kind === "system" ? after.lastActivityAt : now,
  };
  await tx.work.update(written);
  await tx.work.addHistory({
    id: orderedId(deps.clock.now().getTime()),
    itemId: after.id,
    actorId: ctx.actor.userId,
    at: now,
    action: history.action,
    changes: history.changes,
    note: history.note ?? null,
  });
  await audit(tx, ctx, deps.clock, {
    action: auditSpec.action,
    targetType: "work_item",
    targetId: after.id,
    summary: `#${after.number}: ${auditSpec.summary}`,
    changes: auditSpec.changes ?? {
      ...Object.fromEntries(history.changes.map((c) => [c.field, [c.from, c.to]])),
      ...(history.note ? { note: history.note } : {}),
    },
  });
  return written;
}

/** Applies scoped label semantics and puts new labels into the catalogue. */
export async function computeLabelChange(
  tx: Repos,
  deps: Pick<ServiceDeps, "clock">,
  current: readonly string[],
  change: { add: readonly string[]; remove: readonly string[] },
): Promise<LabelChange> {
  const add = change.add.map((l) => l.trim()).filter((l) => l.length > 0);
  const result = applyLabels(current, add, change.remove);
  await ensureLabelsInCatalog(tx, result.added, deps.clock.now().toISOString());
  return result;
}

/** Adds and removes labels (adding `Scope::b` replaces `Scope::a`), noted in the history. */
export async function changeItemLabels(
  tx: Repos,
  deps: ServiceDeps,
  ctx: Ctx,
  itemId: string,
  change: { add: string[]; remove: string[] },
): Promise<void> {
  const before = await findEditableItem(tx, ctx, itemId);
  const lc = await computeLabelChange(tx, deps, before.labels, change);
  if (lc.added.length === 0 && lc.removed.length === 0) return;
  const note = describeLabelChange(lc);
  await commitItemChange(
    tx,
    deps,
    ctx,
    { ...before, labels: lc.labels },
    { action: "labels", changes: [{ field: "labels", from: before.labels, to: lc.labels }], note },
    {
      action: "work.item.labels",
      summary: note,
      changes: { added: lc.added, removed: lc.removed },
    },
  );
}

/** Notifies people newly assigned. */
export async function notifyAssigned(
  tx: Repos,
  deps: Pick<ServiceDeps, "clock">,
  ctx: Ctx,
  item: WorkItemRecord,
  previous: readonly string[],
): Promise<void> {
  await notify(tx, deps, ctx, {
    kind: "assigned",
    item,
    recipientIds: item.assigneeIds.filter((id) => !previous.includes(id)),
  });
}

/** Notifies people newly made required reviewers. */
export async function notifyReviewRequested(
  tx: Repos,
  deps: Pick<ServiceDeps, "clock">,
  ctx: Ctx,
  item: WorkItemRecord,
  previous: readonly string[],
): Promise<void> {
  await notify(tx, deps, ctx, {
    kind: "review_requested",
    item,
    recipientIds: item.reviewerIds.filter((id) => !previous.includes(id)),
  });
}

/** Replaces the assignees (usernames); new assignees are notified. */
export async function setItemAssignees(
  tx: Repos,
  deps: ServiceDeps,
  ctx: Ctx,
  itemId: string,
  usernames: string[],
): Promise<void> {
  const before = await findEditableItem(tx, ctx, itemId);
  const users = await resolveUsernames(tx, usernames, "assignees");
  const ids = users.map((u) => u.id);
  if (sameSet(ids, before.assigneeIds)) return;
  const names = await loadUserMap(tx, [...before.assigneeIds, ...ids]);
  const toNames = (xs: readonly string[]) => xs.map((id) => names.get(id)?.username ?? id).sort();
  const after = await commitItemChange(
    tx,
    deps,
    ctx,
    { ...before, assigneeIds: ids },
    {
      action: "assignees",
      changes: [{ field: "assignees", from: toNames(before.assigneeIds), to: toNames(ids) }],
    },
    { action: "work.item.assignees", summary: `assignees: ${toNames(ids).join(", ") || "none"}` },
  );
  await notifyAssigned(tx, deps, ctx, after, before.assigneeIds);
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The outcome of a status transition on a stored item. */
export interface StatusMove {
  after: WorkItemRecord;
  changes: { field: string; from: unknown; to: unknown }[];
  labelNote: string | null;
}

/**
 * Moves an item to a status through the engine's `transition` (guards included). Refusals
 * become errors: an unknown or disallowed status is `validation_failed` on `status`; a failing
 * guard is `conflict` with one detail per reason, at `status.<guard>`.
 */
export function moveStatus(c: ItemContext, to: string, now: Date, reason?: string): StatusMove {
  const r = transition(c.domain, to, {
    now,
    reason,
    template: c.template ?? undefined,
  });
  if (!r.ok) {
    if (r.code === "guard_failed") {
      throw new AppError(
        "conflict",
        `cannot move #${c.record.number} to ${to}: ${r.reasons.join("; ")}`,
        r.failures.flatMap((f) =>
          f.reasons.map((m) => ({ path: `status.${f.guard}`, message: `${f.guard}: ${m}` })),
        ),
      );
    }
    throw new AppError("validation_failed", r.reasons.join("; "), [
      { path: "status", message: r.reasons.join("; ") },
    ]);
  }
  const after: WorkItemRecord = {
    ...c.record,
    status: to,
    closedAt: r.item.closedAt ?? null,
    labels: [...r.item.labels],
  };
  return {
    after,
    changes: r.changes,
    labelNote: r.labelChange ? describeLabelChange(r.labelChange) : null,
  };
}

/** Moves an item to a status (engine transition and guards); closes or reopens it. */
export async function setItemStatus(
  tx: Repos,
  deps: ServiceDeps,
  ctx: Ctx,
  itemId: string,
  status: string,
  note?: string,
): Promise<void> {
  const before = await findEditableItem(tx, ctx, itemId);
  if (before.status === status) return;
  const c = await loadItemContext(tx, before);
  const m = moveStatus(c, status, deps.clock.now(), note);
  await commitItemChange(
    tx,
    deps,
    ctx,
    m.after,
    {
      action: "status",
      changes: m.changes,
      note: [note, m.labelNote].filter(Boolean).join("; ") || null,
    },
    { action: "work.item.status", summary: `status ${before.status} → ${status}` },
  );
}

// The status an item closes to when closed without saying how (triage bulk close, stale bot):
// the "gave up" status of each model, since nothing says the work was done.
const PREFERRED_CLOSE: Readonly<Record<string, string>> = {
  generic: "closed",
  "security-review": "cancelled",
  "change-request": "aborted",
  decision: "rejected",
  "design-doc": "rejected",
};

/**
 * Closes an item: the model's preferred closing status when reachable, else the first closed
 * status whose guards hold. An item already closed is left as it is.
 */
export async function closeItem(
  tx: Repos,
  deps: ServiceDeps,
  ctx: Ctx,
  itemId: string,
  reason: string,
): Promise<void> {
  const before = await findEditableItem(tx, ctx, itemId);
  const c = await loadItemContext(tx, before);
  if (isClosedStatus(c.domain)) return;
  const model = STATUS_MODELS[before.kind as WorkItemKind];
  const now = deps.clock.now();
  const closing = model.transitions
    .filter((t) => t.from.includes(before.status))
    .map((t) => t.to)
    .filter((to) => model.statuses.find((s) => s.id === to)?.closed);
  const preferred = PREFERRED_CLOSE[model.id];
  const order = [
    ...closing.filter((s) => s === preferred),
    ...closing.filter((s) => s !== preferred),
  ];
  if (order.length === 0) {
    throw new AppError("conflict", `#${before.number} cannot be closed from ${before.status}`, [
      { path: "status", message: `no closing status is reachable from ${before.status}` },
    ]);
  }
  let move: StatusMove | null = null;
  let firstError: unknown = null;
  for (const to of order) {
    try {
      move = moveStatus(c, to, now, reason);
      break;
    } catch (e) {
      firstError ??= e;
    }
  }
  if (!move) throw firstError;
  await commitItemChange(
    tx,
    deps,
    ctx,
    move.after,
    {
      action: "status",
      changes: move.changes,
      note: [reason, move.labelNote].filter(Boolean).join("; "),
    },
    { action: "work.item.close", summary: `closed as ${move.after.status}: ${reason}` },
  );
}
