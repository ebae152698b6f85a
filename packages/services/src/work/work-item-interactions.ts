import type { ApproverCapacity, ChangeApprovalId, LinkType } from "@infrasec/engines/work";
import { AppError, notFound } from "@infrasec/core";
import type { Repos, WorkItemRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { parseMentions } from "./work-fields-fns";
import { accessShape, reviewLevel } from "./work-item-mapping-fns";
import { findEditableItem, findVisibleItem, loadItemContext, loadUserMap } from "./work-item-store";
import { commitItemChange } from "./work-item-mutations";
import { notify } from "./work-notify";
import type { WorkCommentView, WorkItemView } from "./work-view-types";
import { isWorkItemVisible } from "./work-visibility-fns";
import { orderedId } from "./work-ids";

/**
 * What people do on an item besides editing it: comment (with @mentions), give a verdict as a
 * required reviewer, record change approvals, and link the item to items, assets and findings.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ViewFn = (tx: Repos, ctx: Ctx, id: string) => Promise<WorkItemView>;

/** Resolves a link target: an item by id or number (`#12`, `12`), an asset by id or key. */
async function resolveTarget(
  tx: Repos,
  ctx: Ctx,
  item: WorkItemRecord,
  kind: "item" | "asset" | "finding",
  target: string,
): Promise<string> {
  const bad = (message: string) =>
    new AppError("validation_failed", `cannot link to ${target}: ${message}`, [
      { path: "target", message },
    ]);
  if (kind === "finding") return target;
  if (kind === "asset") {
    const byId = UUID.test(target) ? await tx.assets.findById(target) : undefined;
    const asset = byId ?? (await tx.assets.findByKeys([target]))[0];
    if (!asset) throw bad("unknown asset");
    return asset.id;
  }
  const num = /^#?(\d+)$/.exec(target);
  const other = num
    ? await tx.work.findByNumber(Number(num[1]))
    : UUID.test(target)
      ? await tx.work.findById(target)
      : undefined;
  if (!other || !isWorkItemVisible(accessShape(other), ctx.actor)) throw bad("unknown work item");
  if (other.id === item.id) throw bad("an item cannot link to itself");
  return other.id;
}

export function createWorkItemInteractions(deps: ServiceDeps, view: ViewFn) {
  const { store, clock } = deps;

  return {
    async comments(ctx: Ctx, id: string): Promise<WorkCommentView[]> {
      requirePermission(ctx, "work:read");
      await findVisibleItem(store, ctx, id);
      const rows = await store.work.listComments(id);
      const users = await loadUserMap(
        store,
        rows.map((r) => r.authorId),
      );
      return rows.map((r) => ({
        id: r.id,
        author: r.authorId ? (users.get(r.authorId) ?? null) : null,
        body: r.body,
        mentions: r.mentions,
        createdAt: r.createdAt,
      }));
    },

    /**
     * Comments on a visible item. The Markdown is stored raw (the UI sanitizes when rendering);
     * @mentions of existing users who may see the item notify them.
     */
    async addComment(ctx: Ctx, id: string, body: string): Promise<WorkCommentView> {
      requirePermission(ctx, "work:create");
      return store.transaction(async (tx) => {
        const item = await findVisibleItem(tx, ctx, id);
        const mentioned = [];
        for (const name of parseMentions(body)) {
          const u = await tx.users.findByUsername(name);
          if (!u || u.disabled) continue;
          const canSee = isWorkItemVisible(accessShape(item), {
            kind: "user",
            userId: u.id,
            username: u.username,
            role: u.role as Ctx["actor"]["role"],
          });
          mentioned.push({ user: u, canSee });
        }
        const now = clock.now().toISOString();
        const comment = {
          id: orderedId(clock.now().getTime()),
          itemId: id,
          authorId: ctx.actor.userId,
          body,
          mentions: mentioned.map((m) => m.user.username),
          createdAt: now,
        };
        await tx.work.addComment(comment);
        await tx.work.addHistory({
          id: orderedId(clock.now().getTime()),
          itemId: id,
          actorId: ctx.actor.userId,
          at: now,
          action: "comment",
          changes: [],
          note: comment.mentions.length > 0 ? `mentioned @${comment.mentions.join(", @")}` : null,
        });
        await tx.work.touch(id, now, now);
        await audit(tx, ctx, clock, {
          action: "work.comment.create",
          targetType: "work_item",
          targetId: id,
          summary: `#${item.number}: commented`,
          changes: { commentId: comment.id, mentions: comment.mentions },
        });
        await notify(tx, deps, ctx, {
          kind: "mentioned",
          item,
          recipientIds: mentioned.filter((m) => m.canSee).map((m) => m.user.id),
        });
        const author = ctx.actor.userId
          ? (await loadUserMap(tx, [ctx.actor.userId])).get(ctx.actor.userId)
          : undefined;
        return {
          id: comment.id,
          author: author ?? null,
          body,
          mentions: comment.mentions,
          createdAt: now,
        };
      });
    },

    /**
     * A required reviewer approves or refuses. A security review's verdict is for the maturity
     * level under review unless another level is named. Creator and owner are notified.
     */
    async verdict(
      ctx: Ctx,
      id: string,
      v: { verdict: "approved" | "refused"; level?: string; comment?: string },
    ): Promise<WorkItemView> {
      requirePermission(ctx, "work:create");
      await store.transaction(async (tx) => {
        const item = await findVisibleItem(tx, ctx, id);
        if (!ctx.actor.userId || !item.reviewerIds.includes(ctx.actor.userId)) {
          throw new AppError("forbidden", "only a required reviewer of the item gives a verdict");
        }
        const c = await loadItemContext(tx, item);
        const level = v.level ?? reviewLevel(c.domain) ?? null;
        const now = clock.now().toISOString();
        await tx.work.addVerdict({
          id: orderedId(clock.now().getTime()),
          itemId: id,
          reviewerId: ctx.actor.userId,
          verdict: v.verdict,
          level,
          comment: v.comment ?? null,
          at: now,
        });
        const written = await commitItemChange(
          tx,
          deps,
          ctx,
          item,
          {
            action: "verdict",
            changes: [{ field: "verdict", from: null, to: v.verdict }],
            note: [level ? `${level}` : null, v.comment ?? null].filter(Boolean).join(": ") || null,
          },
          {
            action: "work.item.verdict",
            summary: `${v.verdict}${level ? ` (${level})` : ""} by ${ctx.actor.username}`,
            changes: { verdict: v.verdict, level },
          },
        );
        await notify(tx, deps, ctx, {
          kind: v.verdict === "approved" ? "approval_given" : "approval_refused",
          item: written,
          recipientIds: [item.createdBy, item.ownerId],
        });
      });
      return view(store, ctx, id);
    },

    /** Records an approval a change request's criticality requires, in a stated capacity. */
    async changeApproval(
      ctx: Ctx,
      id: string,
      a: { requirement: ChangeApprovalId; capacity: ApproverCapacity },
    ): Promise<WorkItemView> {
      requirePermission(ctx, "work:manage");
      await store.transaction(async (tx) => {
        const item = await findEditableItem(tx, ctx, id);
        if (item.kind !== "change_request") {
          throw new AppError("validation_failed", "only change requests take change approvals", [
            { path: "requirement", message: "the item is not a change request" },
          ]);
        }
        if (!ctx.actor.userId) {
          throw new AppError("forbidden", "a change approval is given by a person");
        }
        const now = clock.now().toISOString();
        await tx.work.addChangeApproval({
          id: orderedId(clock.now().getTime()),
          itemId: id,
          requirement: a.requirement,
          byId: ctx.actor.userId,
          capacity: a.capacity,
          at: now,
        });
        await commitItemChange(
          tx,
          deps,
          ctx,
          item,
          {
            action: "approval",
            changes: [{ field: a.requirement, from: null, to: ctx.actor.username }],
            note: `${a.requirement} as ${a.capacity}`,
          },
          {
            action: "work.item.change_approval",
            summary: `${a.requirement} by ${ctx.actor.username} as ${a.capacity}`,
            changes: { requirement: a.requirement, capacity: a.capacity },
          },
        );
      });
      return view(store, ctx, id);
    },

    /** Links the item to another item, an asset or a finding; reverse links are not created. */
    async addLink(
      ctx: Ctx,
      id: string,
      l: { type: LinkType; targetKind: "item" | "asset" | "finding"; target: string },
    ): Promise<WorkItemView> {
      requirePermission(ctx, "work:create");
      await store.transaction(async (tx) => {
        const item = await findEditableItem(tx, ctx, id);
        const targetId = await resolveTarget(tx, ctx, item, l.targetKind, l.target);
        const existing = await tx.work.listLinks([id]);
        if (
          existing.some(
            (x) => x.type === l.type && x.targetKind === l.targetKind && x.targetId === targetId,
          )
        ) {
          throw new AppError("conflict", "the link exists already", [
            { path: "target", message: "already linked" },
          ]);
        }
        await tx.work.addLink({
          id: orderedId(clock.now().getTime()),
          itemId: id,
          type: l.type,
          targetKind: l.targetKind,
          targetId,
          createdAt: clock.now().toISOString(),
        });
        await commitItemChange(
          tx,
          deps,
          ctx,
          item,
          {
            action: "link",
            changes: [
              {
                field: "links",
                from: null,
                to: { type: l.type, targetKind: l.targetKind, targetId },
              },
            ],
          },
          {
            action: "work.item.link",
            summary: `linked ${l.type} ${l.targetKind} ${targetId}`,
            changes: { type: l.type, targetKind: l.targetKind, targetId },
          },
        );
      });
      return view(store, ctx, id);
    },

    async removeLink(ctx: Ctx, id: string, linkId: string): Promise<WorkItemView> {
      requirePermission(ctx, "work:create");
      await store.transaction(async (tx) => {
        const item = await findEditableItem(tx, ctx, id);
        const link = (await tx.work.listLinks([id])).find((x) => x.id === linkId);
        if (!link) throw notFound("link");
        await tx.work.removeLink(linkId);
        const target = { type: link.type, targetKind: link.targetKind, targetId: link.targetId };
        await commitItemChange(
          tx,
          deps,
          ctx,
          item,
          { action: "link", changes: [{ field: "links", from: target, to: null }] },
          {
            action: "work.item.unlink",
            summary: `removed ${link.type} link to ${link.targetKind} ${link.targetId}`,
            changes: target,
          },
        );
      });
      return view(store, ctx, id);
    },
  };
}
