import type { HealthStatus, Weight, WorkItemKind } from "@infrasec/engines/work";
import { STATUS_MODELS } from "@infrasec/engines/work";
import { AppError } from "@infrasec/core";
import type { Repos, WorkItemRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit } from "../shared/service-context";
import {
  defaultTemplateId,
  ensureCatalogSeeded,
  readWorkSettings,
  templateFor,
} from "./work-catalog-store";
import { assertFields, prefixedTitle } from "./work-fields-fns";
import { orderedId } from "./work-ids";
import { REVIEWERS_FIELD, hasReviewersField } from "./work-item-mapping-fns";
import { splitReviewers, validateParent } from "./work-item-rules";
import { resolveUsernames } from "./work-item-store";
import { computeLabelChange, notifyAssigned, notifyReviewRequested } from "./work-item-mutations";

/** New items wait for the triage sync. */
const TRIAGE_LABEL = "InfraSec::triage";

/** Input of `create` (the contract's body after defaults). */
export interface CreateWorkItemInput {
  kind: WorkItemKind;
  templateId?: string;
  title: string;
  description?: string;
  fields?: Record<string, unknown>;
  labels?: string[];
  assignees?: string[];
  owner?: string | null;
  requiredReviewers?: string[];
  startDate?: string | null;
  dueDate?: string | null;
  weight?: Weight | null;
  health?: HealthStatus | null;
  confidential?: boolean;
  milestoneId?: string | null;
  parentId?: string | null;
  draft?: boolean;
}

/**
 * Creates an item in the caller's transaction: the kind's template validates the fields (types
 * only for a draft), the title gets the template's prefix, the initial status comes from the
 * kind's status model, and the team and triage labels are applied before the given ones with
 * scoped semantics. Returns the new id.
 */
export async function createItemInTx(
  tx: Repos,
  deps: ServiceDeps,
  ctx: Ctx,
  input: CreateWorkItemInput,
): Promise<string> {
  const { clock } = deps;
  const nowIso = () => clock.now().toISOString();
  const now = nowIso();
  await ensureCatalogSeeded(tx, now);
  const templateId = input.templateId ?? defaultTemplateId(input.kind);
  const template = await templateFor(tx, templateId);
  if (input.templateId && (!template || template.kind !== input.kind)) {
    throw new AppError("validation_failed", `no ${input.kind} template ${input.templateId}`, [
      { path: "templateId", message: `not a template of ${input.kind} items` },
    ]);
  }
  const mirrored = hasReviewersField(template);
  const split = splitReviewers(input.fields ?? {}, mirrored);
  const reviewerNames =
    input.requiredReviewers && input.requiredReviewers.length > 0
      ? input.requiredReviewers
      : (split.reviewers ?? []);
  const assignees = await resolveUsernames(tx, input.assignees ?? [], "assignees");
  const reviewers = await resolveUsernames(tx, reviewerNames, "requiredReviewers");
  const owner = input.owner ? (await resolveUsernames(tx, [input.owner], "owner"))[0]! : null;
  const title = prefixedTitle(template, input.title.trim());
  const status = STATUS_MODELS[input.kind].initial;
  if (template) {
    const values =
      mirrored && reviewers.length > 0
        ? { ...split.fields, [REVIEWERS_FIELD]: reviewers.map((u) => u.username) }
        : split.fields;
    assertFields(template, title, values, { complete: !input.draft, status });
  }
  if (input.parentId) await validateParent(tx, ctx, null, input.parentId);
  const settings = await readWorkSettings(tx);
  const lc = await computeLabelChange(tx, deps, [], {
    add: [settings.teamLabel, TRIAGE_LABEL, ...(input.labels ?? [])],
    remove: [],
  });
  const record: WorkItemRecord = {
    id: orderedId(clock.now().getTime()),
    number: await tx.work.nextNumber(),
    kind: input.kind,
    templateId: template ? templateId : null,
    title,
    status,
    description: input.description ?? "",
    fields: split.fields,
    ownerId: owner?.id ?? null,
    createdBy: ctx.actor.userId,
    startDate: input.startDate ?? null,
    dueDate: input.dueDate ?? null,
    weight: input.weight ?? null,
    health: input.health ?? null,
    confidential: input.confidential ?? false,
    milestoneId: input.milestoneId ?? null,
    parentId: input.parentId ?? null,
    createdAt: now,
    updatedAt: now,
    lastActivityAt: now,
    closedAt: null,
    labels: lc.labels,
    assigneeIds: assignees.map((u) => u.id),
    reviewerIds: reviewers.map((u) => u.id),
  };
  await tx.work.insert(record);
  const changes = [
    { field: "title", from: null, to: title },
    { field: "kind", from: null, to: input.kind },
    { field: "status", from: null, to: status },
    { field: "labels", from: null, to: lc.labels },
    ...(assignees.length > 0
      ? [{ field: "assignees", from: null, to: assignees.map((u) => u.username) }]
      : []),
    ...(reviewers.length > 0
      ? [{ field: "requiredReviewers", from: null, to: reviewers.map((u) => u.username) }]
      : []),
    ...(record.confidential ? [{ field: "confidential", from: null, to: true }] : []),
    ...(input.draft ? [{ field: "draft", from: null, to: true }] : []),
  ];
  await tx.work.addHistory({
    id: orderedId(clock.now().getTime()),
    itemId: record.id,
    actorId: ctx.actor.userId,
    at: now,
    action: "created",
    changes,
    note: input.draft ? "saved as a draft" : null,
  });
  await audit(tx, ctx, clock, {
    action: "work.item.create",
    targetType: "work_item",
    targetId: record.id,
    summary: `created ${input.kind} #${record.number}${record.confidential ? " (confidential)" : ""}`,
    // Confidential titles stay out of the audit log, which more roles can read.
    changes: record.confidential
      ? { kind: input.kind, number: record.number }
      : { kind: input.kind, number: record.number, title },
  });
  await notifyAssigned(tx, deps, ctx, record, []);
  await notifyReviewRequested(tx, deps, ctx, record, []);
  return record.id;
}
