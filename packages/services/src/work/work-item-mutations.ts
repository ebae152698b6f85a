import { AppError } from "@infrasec/core";
import type { LabelChange, WorkItemKind } from "@infrasec/engines/work";
import {
  STATUS_MODELS,
  applyLabels,
  describeLabelChange,
  isClosedStatus,
  transition,
} from "@infrasec/engines/work";
import type { Repos, WorkItemRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit } from "../shared/service-context";
import { ensureLabelsInCatalog } from "./work-catalog-store";
import { notify } from "./work-notify";
import { orderedId } from "./work-ids";

import {
  findEditableItem,
  loadItemContext,
  loadUserMap,
  resolveUsernames,
  type ItemContext,
} from "./work-item-store";

/**
 * Work-item mutations shared by the work services: each checks the actor's rights, writes the
 * item's history, bumps its timestamps, appends the audit event and sends notifications, all in
 * the caller's transaction (`tx`).
 */

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
