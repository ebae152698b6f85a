import type { HealthStatus, Weight } from "@infrasec/engines/work";
import type { Repos, WorkItemRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { assertFields, mergeFields, prefixedTitle } from "./work-fields-fns";
import { REVIEWERS_FIELD, hasReviewersField, toDomainItem } from "./work-item-mapping-fns";
import { isDraft, splitReviewers, validateParent } from "./work-item-rules";
import {
  findEditableItem,
  loadItemContext,
  loadUserMap,
  resolveUsernames,
} from "./work-item-store";
import {
  commitItemChange,
  moveStatus,
  notifyAssigned,
  notifyReviewRequested,
  sameSet,
} from "./work-item-mutations";

/** Input of `update` (PATCH): only the given keys change. */
export interface PatchWorkItemInput {
  title?: string;
  description?: string;
  fields?: Record<string, unknown>;
  owner?: string | null;
  assignees?: string[];
  requiredReviewers?: string[];
  startDate?: string | null;
  dueDate?: string | null;
  weight?: Weight | null;
  health?: HealthStatus | null;
  confidential?: boolean;
  milestoneId?: string | null;
  parentId?: string | null;
  status?: string;
  statusNote?: string;
}

/**
 * Applies a PATCH in the caller's transaction: one history entry with every field change
 * (people by username), fields merged and validated, a status change through the engine's
 * transition and guards, and notifications for new assignees and reviewers.
 */
export async function updateItemInTx(
  tx: Repos,
  deps: ServiceDeps,
  ctx: Ctx,
  id: string,
  p: PatchWorkItemInput,
): Promise<void> {
  const { clock } = deps;
  const before = await findEditableItem(tx, ctx, id);
  const c = await loadItemContext(tx, before);
  const template = c.template;
  const mirrored = hasReviewersField(template);
  let after: WorkItemRecord = { ...before };
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  const set = <K extends keyof WorkItemRecord>(
    key: K,
    value: WorkItemRecord[K],
    shown?: [unknown, unknown],
  ) => {
    if (JSON.stringify(after[key]) === JSON.stringify(value)) return;
    changes.push({
      field: key,
      from: shown ? shown[0] : after[key],
      to: shown ? shown[1] : value,
    });
    after = { ...after, [key]: value };
  };
  if (p.title !== undefined) set("title", prefixedTitle(template, p.title.trim()));
  if (p.description !== undefined) set("description", p.description);
  let reviewerNames = p.requiredReviewers;
  if (p.fields !== undefined) {
    const split = splitReviewers(p.fields, mirrored);
    reviewerNames ??= split.reviewers;
    set("fields", mergeFields(before.fields, split.fields));
  }
  const users = await loadUserMap(tx, [
    before.ownerId,
    ...before.assigneeIds,
    ...before.reviewerIds,
  ]);
  const nameOf = (uid: string | null) => (uid ? (users.get(uid)?.username ?? uid) : null);
  if (p.owner !== undefined) {
    const owner = p.owner ? (await resolveUsernames(tx, [p.owner], "owner"))[0]! : null;
    if (owner)
      users.set(owner.id, {
        id: owner.id,
        username: owner.username,
        displayName: owner.displayName,
      });
    set("ownerId", owner?.id ?? null, [nameOf(before.ownerId), owner?.username ?? null]);
  }
  if (p.assignees !== undefined) {
    const list = await resolveUsernames(tx, p.assignees, "assignees");
    if (
      !sameSet(
        list.map((u) => u.id),
        before.assigneeIds,
      )
    ) {
      set(
        "assigneeIds",
        list.map((u) => u.id),
        [before.assigneeIds.map(nameOf).sort(), list.map((u) => u.username)],
      );
    }
  }
  if (reviewerNames !== undefined) {
    const list = await resolveUsernames(tx, reviewerNames, "requiredReviewers");
    if (
      !sameSet(
        list.map((u) => u.id),
        before.reviewerIds,
      )
    ) {
      set(
        "reviewerIds",
        list.map((u) => u.id),
        [before.reviewerIds.map(nameOf).sort(), list.map((u) => u.username)],
      );
    }
  }
  if (p.startDate !== undefined) set("startDate", p.startDate);
  if (p.dueDate !== undefined) set("dueDate", p.dueDate);
  if (p.weight !== undefined) set("weight", p.weight);
  if (p.health !== undefined) set("health", p.health);
  if (p.confidential !== undefined) set("confidential", p.confidential);
  if (p.milestoneId !== undefined) set("milestoneId", p.milestoneId);
  if (p.parentId !== undefined) {
    if (p.parentId) await validateParent(tx, ctx, before.id, p.parentId);
    set("parentId", p.parentId);
  }
  // Rename record fields to the API's names in the history.
  for (const ch of changes) {
    ch.field =
      { ownerId: "owner", assigneeIds: "assignees", reviewerIds: "requiredReviewers" }[ch.field] ??
      ch.field;
  }

  const statusChange = p.status !== undefined && p.status !== before.status;
  if (template && p.fields !== undefined) {
    const draft = await isDraft(tx, before);
    const reviewers = await loadUserMap(tx, after.reviewerIds);
    const values =
      mirrored && after.reviewerIds.length > 0
        ? {
            ...after.fields,
            [REVIEWERS_FIELD]: after.reviewerIds.map((r) => reviewers.get(r)?.username ?? r),
          }
        : after.fields;
    // Complete values are required except for drafts still in their first status; a
    // status change is checked by the transition's own required-fields guard.
    assertFields(template, after.title, values, {
      complete: !draft && !statusChange,
      status: before.status,
    });
  }
  let labelNote: string | null = null;
  if (statusChange) {
    const allUsers = await loadUserMap(tx, [
      after.ownerId,
      ...after.assigneeIds,
      ...after.reviewerIds,
      ...c.extras.verdicts.map((v) => v.reviewerId),
      ...c.extras.approvals.map((a) => a.byId),
    ]);
    const m = moveStatus(
      { ...c, record: after, domain: toDomainItem(after, allUsers, c.extras, template) },
      p.status!,
      clock.now(),
      p.statusNote,
    );
    changes.push(...m.changes);
    labelNote = m.labelNote;
    after = m.after;
  }
  if (changes.length === 0) return;
  const onlyStatus = changes.every((ch) => ["status", "closedAt", "labels"].includes(ch.field));
  const written = await commitItemChange(
    tx,
    deps,
    ctx,
    after,
    {
      action: onlyStatus ? "status" : "updated",
      changes,
      note: [statusChange ? p.statusNote : undefined, labelNote].filter(Boolean).join("; ") || null,
    },
    {
      action: "work.item.update",
      summary: `updated ${changes.map((ch) => ch.field).join(", ")}`,
      changes: Object.fromEntries(
        changes.map((ch): [string, unknown] =>
          // Confidential content stays out of the audit log: only which fields changed.
          after.confidential && ["title", "description", "fields"].includes(ch.field)
            ? [ch.field, "changed"]
            : [ch.field, [ch.from, ch.to]],
        ),
      ),
    },
  );
  await notifyAssigned(tx, deps, ctx, written, before.assigneeIds);
  await notifyReviewRequested(tx, deps, ctx, written, before.reviewerIds);
}
