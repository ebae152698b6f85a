import { AppError, can, newId, notFound } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import type { AccessProvider, PrincipalDetailJson } from "./access-analysis-types";
import { DORMANT_DAYS } from "./access-analysis-types";
import { toSnapshotView, loadAnalysis } from "./access-snapshots-service";
import { addBusinessDays } from "./business-days";
import { notifyAssignedReviewers } from "./campaign-assignment";
import {
  DEFAULT_BUSINESS_DAYS,
  toEvidence,
  toItemView,
  type CampaignKind,
  type CampaignView,
  type CreateCampaignInput,
  type ReviewDecision,
  type ReviewFlag,
  type ReviewItemView,
} from "./access-campaign-views";
import { evidenceCsv, populationHash } from "./evidence-export";

type CampaignRecord = NonNullable<Awaited<ReturnType<Repos["access"]["campaigns"]["get"]>>>;
type ItemRecord = NonNullable<Awaited<ReturnType<Repos["access"]["campaigns"]["item"]>>>;

const sameName = (a: string, b: string): boolean =>
  a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Access review campaigns. Reviewers are infrasec users; an actor without access:read sees only
 * campaigns and items assigned to them. Nobody decides on their own access: an identity whose
 * name equals an infrasec username is never assigned to, nor decided by, that user.
 */
export function createAccessCampaignsService({ store, clock }: ServiceDeps) {
  const today = (): string => clock.now().toISOString().slice(0, 10);

  async function view(c: CampaignRecord): Promise<CampaignView> {
    const p = await store.access.campaigns.progress(c.id);
    const decided = p.keep + p.revoke + p.modify;
    return {
      id: c.id,
      name: c.name,
      kind: c.kind as CampaignKind,
      status: c.status as CampaignView["status"],
      snapshotId: c.snapshotId,
      snapshotName: c.snapshotName,
      provider: c.provider as AccessProvider,
      dueDate: c.dueDate,
      overdue: c.status === "open" && today() > c.dueDate,
      baselineCampaignId: c.baselineCampaignId,
      progress: {
        total: p.total,
        decided,
        pending: p.total - decided,
        keep: p.keep,
        revoke: p.revoke,
        modify: p.modify,
        percent: p.total === 0 ? 100 : Math.floor((decided * 100) / p.total),
      },
      reviewers: p.reviewers,
      createdBy: c.createdBy,
      createdAt: c.createdAt,
      closedBy: c.closedBy,
      closedAt: c.closedAt,
      verification: c.verification as CampaignView["verification"],
    };
  }

  /** The campaign if the actor may see it: access:read, or items assigned to them. */
  async function visible(ctx: Ctx, id: string): Promise<CampaignRecord> {
    const c = await store.access.campaigns.get(id);
    if (!c) throw notFound("campaign");
    if (can(ctx.actor, "access:read")) return c;
    const mine = await store.access.campaigns.listItems(id, { reviewer: ctx.actor.username }, 1, 0);
    if (mine.total === 0) throw notFound("campaign");
    return c;
  }

  async function itemsOf(id: string): Promise<ReviewItemView[]> {
    return (await store.access.campaigns.allItems(id)).map(toItemView);
  }

  return {
    async create(ctx: Ctx, input: CreateCampaignInput): Promise<CampaignView> {
      requirePermission(ctx, "access:write");
      const snapshot = await store.access.snapshots.get(input.snapshotId);
      if (!snapshot) {
        throw new AppError("validation_failed", "snapshot not found", [
          { path: "snapshotId", message: "no such snapshot" },
        ]);
      }
      const now = clock.now();
      const dueDate = input.dueDate ?? addBusinessDays(today(), DEFAULT_BUSINESS_DAYS);
      if (dueDate < today()) {
        throw new AppError("validation_failed", "the due date is in the past", [
          { path: "dueDate", message: `${dueDate} is before ${today()}` },
        ]);
      }
      const terminated = (input.terminatedUsers ?? []).map((t) => t.trim().toLowerCase());
      if (input.kind === "terminated_users" && terminated.length === 0) {
        throw new AppError(
          "validation_failed",
          "a terminated-users review needs the list of leavers",
          [{ path: "terminatedUsers", message: "required for kind terminated_users" }],
        );
      }
      // Every reviewer named must be an active infrasec user.
      const byOwner = input.reviewers.byOwner ?? {};
      const named: [string, string][] = [
        ...(input.reviewers.default !== undefined
          ? [["reviewers.default", input.reviewers.default] as [string, string]]
          : []),
        ...Object.entries(byOwner).map(
          ([k, v]) => [`reviewers.byOwner.${k}`, v] as [string, string],
        ),
      ];
      for (const [path, username] of named) {
        const u = await store.users.findByUsername(username.trim().toLowerCase());
        if (!u || u.disabled) {
          throw new AppError("validation_failed", `reviewer ${username} is not an active user`, [
            { path, message: `no active user ${username}` },
          ]);
        }
      }
      const baseline = await store.access.campaigns.lastCertified(snapshot.name);
      const certified = new Set(
        baseline
          ? (await store.access.campaigns.allItems(baseline.id)).map(
              (i) => `${i.principalId}\n${i.entitlementKey}`,
            )
          : [],
      );
      const principals = await store.access.snapshots.allPrincipals(snapshot.id);
      const id = newId(now.getTime());
      const dormantBefore = new Date(now.getTime() - DORMANT_DAYS * 86_400_000).toISOString();
      const items: ItemRecord[] = [];
      for (const p of principals) {
        const detail = p.detail as PrincipalDetailJson;
        const isLeaver =
          terminated.includes(p.name.toLowerCase()) ||
          terminated.includes(p.principalId.toLowerCase());
        const principalPrivileged = p.admin !== "no" || p.hasEscalation;
        if (input.kind === "terminated_users" && !isLeaver) continue;
        for (const e of detail.entitlements) {
          const privileged = e.privileged || principalPrivileged;
          if (input.kind === "privileged" && !privileged) continue;
          const owner = p.owner;
          let reviewer =
            (owner !== null ? byOwner[owner] : undefined) ??
            byOwner[p.principalId] ??
            byOwner[p.name] ??
            input.reviewers.default;
          // Nobody reviews their own access: fall back to the default reviewer.
          if (reviewer !== undefined && sameName(reviewer, p.name))
            reviewer = input.reviewers.default;
          if (reviewer === undefined || sameName(reviewer, p.name)) {
            throw new AppError("validation_failed", `no reviewer for ${p.principalId}`, [
              {
                path: "reviewers",
                message: `${p.principalId} (owner ${owner ?? "none"}) needs a reviewer other than itself`,
              },
            ]);
          }
          const change =
            baseline === undefined
              ? null
              : certified.has(`${p.principalId}\n${e.key}`)
                ? "unchanged"
                : "added";
          const flags: ReviewFlag[] = [];
          if (p.admin !== "no") flags.push("admin");
          if (p.hasEscalation) flags.push("escalates");
          if (e.privileged) flags.push("privileged_entitlement");
          if (p.lastUsed !== null && p.lastUsed < dormantBefore) flags.push("dormant");
          if (isLeaver) flags.push("terminated");
          if (change === "added") flags.push("new_since_certification");
          items.push({
            id: newId(now.getTime()),
            campaignId: id,
            position: items.length,
            principalId: p.principalId,
            principalName: p.name,
            principalType: p.type,
            owner,
            entitlementKey: e.key,
            entitlement: e,
            privileged,
            flags,
            lastUsed: p.lastUsed,
            change,
            reviewer: reviewer.trim().toLowerCase(),
            decision: null,
            justification: null,
            followUpTicket: null,
            decidedBy: null,
            decidedAt: null,
            verification: null,
          });
        }
      }
      const record: CampaignRecord = {
        id,
        name: input.name,
        kind: input.kind,
        status: "open",
        snapshotId: snapshot.id,
        snapshotName: snapshot.name,
        provider: snapshot.provider,
        dueDate,
        baselineCampaignId: baseline?.id ?? null,
        createdBy: ctx.actor.username,
        createdAt: now.toISOString(),
        closedBy: null,
        closedAt: null,
        verification: null,
      };
      await store.transaction(async (tx) => {
        await tx.access.campaigns.insert(record, items);
        await notifyAssignedReviewers(tx, ctx, record, items, now);
        await audit(tx, ctx, clock, {
          action: "access.campaign.create",
          targetType: "access_campaign",
          targetId: id,
          summary: `created ${input.kind} review ${input.name} with ${items.length} items`,
          changes: {
            snapshotId: snapshot.id,
            kind: input.kind,
            dueDate,
            items: items.length,
            baselineCampaignId: baseline?.id ?? null,
          },
        });
      });
      return view(record);
    },

    async list(
      ctx: Ctx,
      q: { status?: "open" | "closed"; kind?: CampaignKind; limit: number; offset: number },
    ): Promise<{ items: CampaignView[]; total: number }> {
      const r = await store.access.campaigns.list(
        {
          ...(q.status ? { status: q.status } : {}),
          ...(q.kind ? { kind: q.kind } : {}),
          ...(can(ctx.actor, "access:read") ? {} : { reviewer: ctx.actor.username }),
        },
        q.limit,
        q.offset,
      );
      return { items: await Promise.all(r.items.map(view)), total: r.total };
    },

    async get(ctx: Ctx, id: string): Promise<CampaignView> {
      return view(await visible(ctx, id));
    },

    async listItems(
      ctx: Ctx,
      id: string,
      q: {
        reviewer?: string;
        decision?: ReviewDecision | "pending";
        privileged?: "true" | "false";
        q?: string;
        limit: number;
        offset: number;
      },
    ): Promise<{ items: ReviewItemView[]; total: number }> {
      await visible(ctx, id);
      const reviewer = !can(ctx.actor, "access:read")
        ? ctx.actor.username
        : q.reviewer === "me"
          ? ctx.actor.username
          : q.reviewer?.toLowerCase();
      const r = await store.access.campaigns.listItems(
        id,
        {
          ...(reviewer !== undefined ? { reviewer } : {}),
          ...(q.decision !== undefined ? { decision: q.decision } : {}),
          ...(q.privileged !== undefined ? { privileged: q.privileged === "true" } : {}),
          ...(q.q !== undefined ? { q: q.q } : {}),
        },
        q.limit,
        q.offset,
      );
      return { items: r.items.map(toItemView), total: r.total };
    },

    async decide(
      ctx: Ctx,
      id: string,
      itemId: string,
      input: { decision: ReviewDecision; justification: string; followUpTicket?: string },
    ): Promise<ReviewItemView> {
      const c = await store.access.campaigns.get(id);
      if (!c) throw notFound("campaign");
      const item = await store.access.campaigns.item(id, itemId);
      if (!item) throw notFound("review item");
      if (sameName(ctx.actor.username, item.principalName)) {
        throw new AppError("forbidden", "nobody may review their own access");
      }
      if (item.reviewer !== ctx.actor.username && !can(ctx.actor, "access:write")) {
        throw new AppError("forbidden", "only the assigned reviewer or access:write may decide");
      }
      if (c.status !== "open") throw new AppError("conflict", "the campaign is closed");
      const justification = input.justification.trim();
      if (justification === "") {
        throw new AppError("validation_failed", "a justification is required", [
          { path: "justification", message: "required" },
        ]);
      }
      const decidedAt = clock.now().toISOString();
      const d = {
        decision: input.decision,
        justification,
        followUpTicket: input.followUpTicket?.trim() || null,
        decidedBy: ctx.actor.username,
        decidedAt,
      };
      await store.transaction(async (tx) => {
        await tx.access.campaigns.decide(itemId, d);
        await audit(tx, ctx, clock, {
          action: "access.review.decide",
          targetType: "access_review_item",
          targetId: itemId,
          summary: `${input.decision} ${item.entitlementKey} of ${item.principalId}`,
          changes: {
            campaignId: id,
            decision: [item.decision, input.decision],
            justification,
            followUpTicket: d.followUpTicket,
          },
        });
      });
      return toItemView({ ...item, ...d });
    },

    async close(ctx: Ctx, id: string, input: { force?: boolean }): Promise<CampaignView> {
      requirePermission(ctx, "access:write");
      const c = await store.access.campaigns.get(id);
      if (!c) throw notFound("campaign");
      if (c.status !== "open") throw new AppError("conflict", "the campaign is already closed");
      const pending = (await store.access.campaigns.listItems(id, { decision: "pending" }, 1, 0))
        .total;
      if (pending > 0 && input.force !== true) {
        throw new AppError("conflict", `${pending} items are still pending`, [
          { path: "force", message: "set force to close with pending items" },
        ]);
      }
      const at = clock.now().toISOString();
      await store.transaction(async (tx) => {
        await tx.access.campaigns.close(id, ctx.actor.username, at);
        await audit(tx, ctx, clock, {
          action: "access.campaign.close",
          targetType: "access_campaign",
          targetId: id,
          summary: `closed review ${c.name}${pending > 0 ? ` with ${pending} pending items` : ""}`,
          changes: { pending },
        });
      });
      return view({ ...c, status: "closed", closedBy: ctx.actor.username, closedAt: at });
    },

    async evidenceCsv(ctx: Ctx, id: string): Promise<string> {
      requirePermission(ctx, "access:read");
      const c = await store.access.campaigns.get(id);
      if (!c) throw notFound("campaign");
      return evidenceCsv((await itemsOf(id)).map(toEvidence));
    },

    async evidenceBundle(ctx: Ctx, id: string) {
      requirePermission(ctx, "access:read");
      const c = await store.access.campaigns.get(id);
      if (!c) throw notFound("campaign");
      const snap = await store.access.snapshots.get(c.snapshotId);
      if (!snap) throw notFound("snapshot");
      const s = toSnapshotView(snap);
      const items = (await itemsOf(id)).map(toEvidence);
      const method =
        c.kind === "privileged"
          ? "every entitlement of admin-equivalent or escalating principals, and every privileged entitlement, in the snapshot"
          : "every entitlement of the identities listed as terminated, in the snapshot";
      return {
        schemaVersion: 1 as const,
        generatedAt: clock.now().toISOString(),
        generatedBy: ctx.actor.username,
        campaign: await view(c),
        snapshot: {
          id: s.id,
          name: s.name,
          provider: s.provider,
          createdAt: s.createdAt,
          createdBy: s.createdBy,
          files: s.files,
        },
        population: { method, count: items.length, sha256: populationHash(items) },
        items,
      };
    },

    async verify(ctx: Ctx, id: string, snapshotId: string) {
      requirePermission(ctx, "access:write");
      const c = await store.access.campaigns.get(id);
      if (!c) throw notFound("campaign");
      const later = await store.access.snapshots.get(snapshotId);
      const reviewed = await store.access.snapshots.get(c.snapshotId);
      if (!later || !reviewed) {
        throw new AppError("validation_failed", "snapshot not found", [
          { path: "snapshotId", message: "no such snapshot" },
        ]);
      }
      if (
        later.id === reviewed.id ||
        later.name !== reviewed.name ||
        later.provider !== reviewed.provider ||
        later.createdAt < reviewed.createdAt
      ) {
        throw new AppError(
          "validation_failed",
          "verification needs a later snapshot of the same name",
          [
            {
              path: "snapshotId",
              message: `expected a ${reviewed.provider} snapshot named ${reviewed.name} taken after ${reviewed.createdAt}`,
            },
          ],
        );
      }
      const analysis = await loadAnalysis(store, later.id);
      const revoked = (await store.access.campaigns.allItems(id)).filter(
        (i) => i.decision === "revoke",
      );
      const results = revoked.map((i) => {
        const present = (analysis.entitlements[i.principalId] ?? []).some(
          (e) => e.key === i.entitlementKey,
        );
        return {
          itemId: i.id,
          principalId: i.principalId,
          entitlement: i.entitlementKey,
          result: present ? ("still_present" as const) : ("revoked" as const),
        };
      });
      const verifiedAt = clock.now().toISOString();
      const summary = {
        snapshotId: later.id,
        verifiedAt,
        verifiedBy: ctx.actor.username,
        revoked: results.filter((r) => r.result === "revoked").length,
        stillPresent: results.filter((r) => r.result === "still_present").length,
      };
      await store.transaction(async (tx) => {
        for (const r of results) await tx.access.campaigns.setItemVerification(r.itemId, r.result);
        await tx.access.campaigns.setVerification(id, summary);
        await audit(tx, ctx, clock, {
          action: "access.campaign.verify",
          targetType: "access_campaign",
          targetId: id,
          summary: `verified revocations of ${c.name} in snapshot ${later.id}: ${summary.revoked} revoked, ${summary.stillPresent} still present`,
          changes: summary,
        });
      });
      return {
        campaignId: id,
        snapshotId: later.id,
        verifiedAt,
        revoked: summary.revoked,
        stillPresent: summary.stillPresent,
        items: results,
      };
    },
  };
}

export type AccessCampaignsService = ReturnType<typeof createAccessCampaignsService>;
