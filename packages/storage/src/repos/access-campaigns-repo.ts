import { sql } from "kysely";
import type { Executor } from "./executor";
import { bool, containsText, int } from "./executor";
import type { AccessCampaignsTable, AccessReviewItemsTable } from "../schema/access-tables";

export interface AccessCampaignRecord {
  id: string;
  name: string;
  kind: string;
  status: string;
  snapshotId: string;
  snapshotName: string;
  provider: string;
  dueDate: string;
  baselineCampaignId: string | null;
  createdBy: string;
  createdAt: string;
  closedBy: string | null;
  closedAt: string | null;
  verification: unknown;
}

export interface AccessReviewItemRecord {
  id: string;
  campaignId: string;
  position: number;
  principalId: string;
  principalName: string;
  principalType: string;
  owner: string | null;
  entitlementKey: string;
  entitlement: unknown;
  privileged: boolean;
  flags: string[];
  lastUsed: string | null;
  change: string | null;
  reviewer: string;
  decision: string | null;
  justification: string | null;
  followUpTicket: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  verification: string | null;
}

export interface AccessItemFilter {
  reviewer?: string;
  /** A decision, or "pending" for undecided items. */
  decision?: string;
  privileged?: boolean;
  q?: string;
}

/** Per-campaign counts for progress. */
export interface AccessCampaignProgress {
  total: number;
  keep: number;
  revoke: number;
  modify: number;
  reviewers: { username: string; total: number; decided: number }[];
}

/** Rows per INSERT: SQLite bounds the parameters of one statement (21 columns × 40). */
const BATCH = 40;

const parse = (text: string | null, fallback: unknown): unknown => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
};

const campaignFromRow = (r: AccessCampaignsTable): AccessCampaignRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  status: r.status,
  snapshotId: r.snapshot_id,
  snapshotName: r.snapshot_name,
  provider: r.provider,
  dueDate: r.due_date,
  baselineCampaignId: r.baseline_campaign_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
  verification: parse(r.verification, null),
});

const itemFromRow = (r: AccessReviewItemsTable): AccessReviewItemRecord => ({
  id: r.id,
  campaignId: r.campaign_id,
  position: Number(r.position),
  principalId: r.principal_id,
  principalName: r.principal_name,
  principalType: r.principal_type,
  owner: r.owner,
  entitlementKey: r.entitlement_key,
  entitlement: parse(r.entitlement, {}),
  privileged: bool(Number(r.privileged)),
  flags: parse(r.flags, []) as string[],
  lastUsed: r.last_used,
  change: r.change,
  reviewer: r.reviewer,
  decision: r.decision,
  justification: r.justification,
  followUpTicket: r.follow_up_ticket,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  verification: r.verification,
});

const itemToRow = (i: AccessReviewItemRecord): AccessReviewItemsTable => ({
  id: i.id,
  campaign_id: i.campaignId,
  position: i.position,
  principal_id: i.principalId,
  principal_name: i.principalName,
  principal_type: i.principalType,
  owner: i.owner,
  entitlement_key: i.entitlementKey,
  entitlement: JSON.stringify(i.entitlement),
  privileged: int(i.privileged),
  flags: JSON.stringify(i.flags),
  last_used: i.lastUsed,
  change: i.change,
  reviewer: i.reviewer,
  decision: i.decision,
  justification: i.justification,
  follow_up_ticket: i.followUpTicket,
  decided_by: i.decidedBy,
  decided_at: i.decidedAt,
  verification: i.verification,
});

/** Access review campaigns and their items. */
export function accessCampaignsRepo(db: Executor) {
  return {
    async insert(c: AccessCampaignRecord, items: readonly AccessReviewItemRecord[]): Promise<void> {
      await db
        .insertInto("access_campaigns")
        .values({
          id: c.id,
          name: c.name,
          kind: c.kind,
          status: c.status,
          snapshot_id: c.snapshotId,
          snapshot_name: c.snapshotName,
          provider: c.provider,
          due_date: c.dueDate,
          baseline_campaign_id: c.baselineCampaignId,
          created_by: c.createdBy,
          created_at: c.createdAt,
          closed_by: c.closedBy,
          closed_at: c.closedAt,
          verification: c.verification === null ? null : JSON.stringify(c.verification),
        })
        .execute();
      for (let i = 0; i < items.length; i += BATCH) {
        await db
          .insertInto("access_review_items")
          .values(items.slice(i, i + BATCH).map(itemToRow))
          .execute();
      }
    },
    async get(id: string): Promise<AccessCampaignRecord | undefined> {
      const r = await db
        .selectFrom("access_campaigns")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r && campaignFromRow(r);
    },
    /** Campaigns newest first; `reviewer` limits them to those with items assigned to that user. */
    async list(
      f: { status?: string; kind?: string; reviewer?: string },
      limit: number,
      offset: number,
    ): Promise<{ items: AccessCampaignRecord[]; total: number }> {
      let q = db.selectFrom("access_campaigns");
      if (f.status !== undefined) q = q.where("status", "=", f.status);
      if (f.kind !== undefined) q = q.where("kind", "=", f.kind);
      if (f.reviewer !== undefined) {
        const reviewer = f.reviewer;
        q = q.where("id", "in", (eb) =>
          eb
            .selectFrom("access_review_items")
            .select("campaign_id")
            .where("reviewer", "=", reviewer),
        );
      }
      const total = await q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(campaignFromRow), total: Number(total.n) };
    },
    /** The newest closed (certified) campaign of a snapshot name: the diff baseline. */
    async lastCertified(snapshotName: string): Promise<AccessCampaignRecord | undefined> {
      const r = await db
        .selectFrom("access_campaigns")
        .selectAll()
        .where("snapshot_name", "=", snapshotName)
        .where("status", "=", "closed")
        .orderBy("closed_at", "desc")
        .orderBy("id", "desc")
        .executeTakeFirst();
      return r && campaignFromRow(r);
    },
    async close(id: string, by: string, at: string): Promise<void> {
      await db
        .updateTable("access_campaigns")
        .set({ status: "closed", closed_by: by, closed_at: at })
        .where("id", "=", id)
        .execute();
    },
    async setVerification(id: string, verification: unknown): Promise<void> {
      await db
        .updateTable("access_campaigns")
        .set({ verification: JSON.stringify(verification) })
        .where("id", "=", id)
        .execute();
    },
    async progress(campaignId: string): Promise<AccessCampaignProgress> {
      const rows = await db
        .selectFrom("access_review_items")
        .select(["reviewer", "decision", sql<number>`count(*)`.as("n")])
        .where("campaign_id", "=", campaignId)
        .groupBy(["reviewer", "decision"])
        .execute();
      const out: AccessCampaignProgress = {
        total: 0,
        keep: 0,
        revoke: 0,
        modify: 0,
        reviewers: [],
      };
      const byReviewer = new Map<string, { username: string; total: number; decided: number }>();
      for (const r of rows) {
        const n = Number(r.n);
        out.total += n;
        if (r.decision === "keep" || r.decision === "revoke" || r.decision === "modify")
          out[r.decision] += n;
        const entry = byReviewer.get(r.reviewer) ?? { username: r.reviewer, total: 0, decided: 0 };
        entry.total += n;
        if (r.decision !== null) entry.decided += n;
        byReviewer.set(r.reviewer, entry);
      }
      out.reviewers = [...byReviewer.values()].sort((a, b) => a.username.localeCompare(b.username));
      return out;
    },
    async listItems(
      campaignId: string,
      f: AccessItemFilter,
      limit: number,
      offset: number,
    ): Promise<{ items: AccessReviewItemRecord[]; total: number }> {
      let q = db.selectFrom("access_review_items").where("campaign_id", "=", campaignId);
      if (f.reviewer !== undefined) q = q.where("reviewer", "=", f.reviewer);
      if (f.decision === "pending") q = q.where("decision", "is", null);
      else if (f.decision !== undefined) q = q.where("decision", "=", f.decision);
      if (f.privileged !== undefined) q = q.where("privileged", "=", int(f.privileged));
      if (f.q !== undefined && f.q !== "") {
        const text = f.q;
        q = q.where((eb) =>
          eb.or([
            containsText("principal_name", text),
            containsText("principal_id", text),
            containsText("entitlement_key", text),
          ]),
        );
      }
      const total = await q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
      const rows = await q.selectAll().orderBy("position").limit(limit).offset(offset).execute();
      return { items: rows.map(itemFromRow), total: Number(total.n) };
    },
    async allItems(campaignId: string): Promise<AccessReviewItemRecord[]> {
      const rows = await db
        .selectFrom("access_review_items")
        .selectAll()
        .where("campaign_id", "=", campaignId)
        .orderBy("position")
        .execute();
      return rows.map(itemFromRow);
    },
    async item(campaignId: string, itemId: string): Promise<AccessReviewItemRecord | undefined> {
      const r = await db
        .selectFrom("access_review_items")
        .selectAll()
        .where("campaign_id", "=", campaignId)
        .where("id", "=", itemId)
        .executeTakeFirst();
      return r && itemFromRow(r);
    },
    async decide(
      itemId: string,
      d: {
        decision: string;
        justification: string;
        followUpTicket: string | null;
        decidedBy: string;
        decidedAt: string;
      },
    ): Promise<void> {
      await db
        .updateTable("access_review_items")
        .set({
          decision: d.decision,
          justification: d.justification,
          follow_up_ticket: d.followUpTicket,
          decided_by: d.decidedBy,
          decided_at: d.decidedAt,
        })
        .where("id", "=", itemId)
        .execute();
    },
    async setItemVerification(itemId: string, result: string): Promise<void> {
      await db
        .updateTable("access_review_items")
        .set({ verification: result })
        .where("id", "=", itemId)
        .execute();
    },
  };
}

export type AccessCampaignsRepo = ReturnType<typeof accessCampaignsRepo>;
