import { sql } from "kysely";
import type { Executor } from "./executor";
import { bool, containsText, int } from "./executor";
import type { AccessPrincipalsTable, AccessSnapshotsTable } from "../schema/access-tables";

/** A stored snapshot without its analysis JSON (lists never read it). */
export interface AccessSnapshotRecord {
  id: string;
  name: string;
  provider: string;
  files: unknown;
  summary: unknown;
  errors: unknown;
  createdBy: string;
  createdAt: string;
}

/** A principal row; `detail` is its parsed JSON view. */
export interface AccessPrincipalRecord {
  id: string;
  snapshotId: string;
  principalId: string;
  type: string;
  name: string;
  isAdmin: boolean;
  admin: string;
  hasEscalation: boolean;
  escalationCount: number;
  findingCount: number;
  entitlementCount: number;
  owner: string | null;
  lastUsed: string | null;
  rank: number;
  detail: unknown;
}

export interface AccessPrincipalFilter {
  q?: string;
  type?: string;
  admin?: boolean;
  hasEscalation?: boolean;
}

/** Rows per INSERT: SQLite bounds the parameters of one statement (15 columns × 50). */
const BATCH = 50;

const parse = (text: string, fallback: unknown): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
};

type SnapshotHead = Omit<AccessSnapshotsTable, "analysis" | "asset_id">;

const snapFromRow = (r: SnapshotHead): AccessSnapshotRecord => ({
  id: r.id,
  name: r.name,
  provider: r.provider,
  files: parse(r.files, []),
  summary: parse(r.summary, {}),
  errors: parse(r.errors, []),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const principalFromRow = (r: AccessPrincipalsTable): AccessPrincipalRecord => ({
  id: r.id,
  snapshotId: r.snapshot_id,
  principalId: r.principal_id,
  type: r.type,
  name: r.name,
  isAdmin: bool(Number(r.is_admin)),
  admin: r.admin,
  hasEscalation: bool(Number(r.has_escalation)),
  escalationCount: Number(r.escalation_count),
  findingCount: Number(r.finding_count),
  entitlementCount: Number(r.entitlement_count),
  owner: r.owner,
  lastUsed: r.last_used,
  rank: Number(r.sort_rank),
  detail: parse(r.detail, {}),
});

const principalToRow = (p: AccessPrincipalRecord): AccessPrincipalsTable => ({
  id: p.id,
  snapshot_id: p.snapshotId,
  principal_id: p.principalId,
  type: p.type,
  name: p.name,
  is_admin: int(p.isAdmin),
  admin: p.admin,
  has_escalation: int(p.hasEscalation),
  escalation_count: p.escalationCount,
  finding_count: p.findingCount,
  entitlement_count: p.entitlementCount,
  owner: p.owner,
  last_used: p.lastUsed,
  sort_rank: p.rank,
  detail: JSON.stringify(p.detail),
});

const HEAD_COLUMNS = [
  "id",
  "name",
  "provider",
  "files",
  "summary",
  "errors",
  "created_by",
  "created_at",
] as const;

/** Access snapshots (with their analysis JSON) and their principal rows. */
export function accessSnapshotsRepo(db: Executor) {
  return {
    async insert(
      s: AccessSnapshotRecord & { analysis: string },
      principals: readonly AccessPrincipalRecord[],
    ): Promise<void> {
      await db
        .insertInto("access_snapshots")
        .values({
          id: s.id,
          name: s.name,
          provider: s.provider,
          files: JSON.stringify(s.files),
          summary: JSON.stringify(s.summary),
          errors: JSON.stringify(s.errors),
          analysis: s.analysis,
          created_by: s.createdBy,
          created_at: s.createdAt,
        })
        .execute();
      for (let i = 0; i < principals.length; i += BATCH) {
        await db
          .insertInto("access_principals")
          .values(principals.slice(i, i + BATCH).map(principalToRow))
          .execute();
      }
    },
    async get(id: string): Promise<AccessSnapshotRecord | undefined> {
      const r = await db
        .selectFrom("access_snapshots")
        .select(HEAD_COLUMNS)
        .where("id", "=", id)
        .executeTakeFirst();
      return r && snapFromRow(r);
    },
    /** The analysis JSON text of a snapshot. */
    async analysis(id: string): Promise<string | undefined> {
      const r = await db
        .selectFrom("access_snapshots")
        .select("analysis")
        .where("id", "=", id)
        .executeTakeFirst();
      return r?.analysis;
    },
    async list(
      f: { provider?: string; name?: string },
      limit: number,
      offset: number,
    ): Promise<{ items: AccessSnapshotRecord[]; total: number }> {
      let q = db.selectFrom("access_snapshots");
      if (f.provider !== undefined) q = q.where("provider", "=", f.provider);
      if (f.name !== undefined) q = q.where("name", "=", f.name);
      const total = await q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
      const rows = await q
        .select(HEAD_COLUMNS)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(snapFromRow), total: Number(total.n) };
    },
    async listPrincipals(
      snapshotId: string,
      f: AccessPrincipalFilter,
      limit: number,
      offset: number,
    ): Promise<{ items: AccessPrincipalRecord[]; total: number }> {
      let q = db.selectFrom("access_principals").where("snapshot_id", "=", snapshotId);
      if (f.q !== undefined && f.q !== "") {
        const text = f.q;
        q = q.where((eb) =>
          eb.or([containsText("name", text), containsText("principal_id", text)]),
        );
      }
      if (f.type !== undefined) q = q.where("type", "=", f.type);
      if (f.admin !== undefined) q = q.where("is_admin", "=", int(f.admin));
      if (f.hasEscalation !== undefined) q = q.where("has_escalation", "=", int(f.hasEscalation));
      const total = await q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy("sort_rank")
        .orderBy("name")
        .orderBy("id")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(principalFromRow), total: Number(total.n) };
    },
    /** A principal by row id or by engine principal id. */
    async principal(snapshotId: string, key: string): Promise<AccessPrincipalRecord | undefined> {
      const r = await db
        .selectFrom("access_principals")
        .selectAll()
        .where("snapshot_id", "=", snapshotId)
        .where((eb) => eb.or([eb("id", "=", key), eb("principal_id", "=", key)]))
        .executeTakeFirst();
      return r && principalFromRow(r);
    },
    /** Every principal row of a snapshot (campaign creation, verification). */
    async allPrincipals(snapshotId: string): Promise<AccessPrincipalRecord[]> {
      const rows = await db
        .selectFrom("access_principals")
        .selectAll()
        .where("snapshot_id", "=", snapshotId)
        .orderBy("sort_rank")
        .orderBy("name")
        .orderBy("id")
        .execute();
      return rows.map(principalFromRow);
    },
  };
}

export type AccessSnapshotsRepo = ReturnType<typeof accessSnapshotsRepo>;
