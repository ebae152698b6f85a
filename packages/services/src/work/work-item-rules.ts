import type { WorkItemKind } from "@infrasec/engines/work";
import { STATUS_MODELS } from "@infrasec/engines/work";
import { AppError } from "@infrasec/core";
import type { Repos, WorkItemRecord } from "@infrasec/storage";
import type { Ctx } from "../shared/service-context";
import { REVIEWERS_FIELD } from "./work-item-mapping-fns";
import { findVisibleItem } from "./work-item-store";

/** Rules shared by creating and updating items: reviewers in fields, parents, drafts. */

/** A template field holding the reviewers is kept in the reviewers relation, not in `fields`. */
export function splitReviewers(
  fields: Record<string, unknown>,
  mirrored: boolean,
): { fields: Record<string, unknown>; reviewers: string[] | undefined } {
  if (!mirrored || !(REVIEWERS_FIELD in fields)) return { fields, reviewers: undefined };
  const { [REVIEWERS_FIELD]: raw, ...rest } = fields;
  const reviewers = Array.isArray(raw)
    ? raw.filter((x): x is string => typeof x === "string")
    : raw === null
      ? []
      : undefined;
  return { fields: rest, reviewers };
}

/** A parent must exist, be visible, and not be the item or one of its descendants. */
export async function validateParent(tx: Repos, ctx: Ctx, itemId: string | null, parentId: string) {
  if (parentId === itemId) {
    throw new AppError("validation_failed", "an item cannot be its own parent", [
      { path: "parentId", message: "an item cannot be its own parent" },
    ]);
  }
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 50; depth++) {
    const p = await tx.work.findById(cursor);
    if (!p) {
      throw new AppError("validation_failed", "the parent item does not exist", [
        { path: "parentId", message: "unknown work item" },
      ]);
    }
    if (depth === 0)
      await findVisibleItem(tx, ctx, p.id).catch(() => {
        throw new AppError("validation_failed", "the parent item does not exist", [
          { path: "parentId", message: "unknown work item" },
        ]);
      });
    if (itemId && p.parentId === itemId) {
      throw new AppError("validation_failed", "the parent is a descendant of this item", [
        { path: "parentId", message: "would make a cycle" },
      ]);
    }
    cursor = p.parentId;
  }
}

/** Whether the item was saved as a draft and has not left its first status since. */
export async function isDraft(tx: Repos, r: WorkItemRecord): Promise<boolean> {
  if (r.status !== STATUS_MODELS[r.kind as WorkItemKind].initial) return false;
  const [created] = await tx.work.listHistory([r.id]);
  return !!created?.changes.some((c) => c.field === "draft" && c.to === true);
}
