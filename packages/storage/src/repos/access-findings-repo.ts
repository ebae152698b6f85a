import type { Executor } from "./executor";

/** An access finding stored against the inventory asset of its account/project/cluster. */
export interface AccessFindingRecord {
  id: string;
  snapshotId: string;
  assetId: string;
  ruleId: string;
  severity: string;
  /** 0 (critical) … 4 (info). */
  severityRank: number;
  principal: string;
  title: string;
  evidence: string;
  fingerprint: string;
  createdAt: string;
}

/** The snapshot an asset's access findings come from. */
export interface AssetSnapshotRef {
  id: string;
  name: string;
  provider: string;
  createdAt: string;
}

/** Rows per INSERT: SQLite bounds the parameters of one statement (12 columns × 50). */
const BATCH = 50;

interface Row {
  id: string;
  snapshot_id: string;
  asset_id: string;
  rule_id: string;
  severity: string;
  severity_rank: number;
  principal: string;
  title: string;
  evidence: string;
  fingerprint: string;
  created_at: string;
}

const fromRow = (r: Row): AccessFindingRecord => ({
  id: r.id,
  snapshotId: r.snapshot_id,
  assetId: r.asset_id,
  ruleId: r.rule_id,
  severity: r.severity,
  severityRank: Number(r.severity_rank),
  principal: r.principal,
  title: r.title,
  evidence: r.evidence,
  fingerprint: r.fingerprint,
  createdAt: r.created_at,
});

/**
 * Access findings in the shared asset model (migration 001900). A snapshot is linked to one asset;
 * its findings are rows of that snapshot. The asset's open access findings are those of its
 * latest linked snapshot: a later snapshot supersedes earlier ones, which stay as history.
 */
export function accessFindingsRepo(db: Executor) {
  return {
    /** Links a snapshot to its asset and stores its findings (one transaction, by the caller). */
    async attach(
      snapshotId: string,
      assetId: string,
      findings: readonly AccessFindingRecord[],
    ): Promise<void> {
      await db
        .updateTable("access_snapshots")
        .set({ asset_id: assetId })
        .where("id", "=", snapshotId)
        .execute();
      for (let i = 0; i < findings.length; i += BATCH) {
        await db
          .insertInto("access_findings")
          .values(
            findings.slice(i, i + BATCH).map((f) => ({
              id: f.id,
              snapshot_id: snapshotId,
              asset_id: assetId,
              rule_id: f.ruleId,
              severity: f.severity,
              severity_rank: f.severityRank,
              principal: f.principal,
              title: f.title,
              evidence: f.evidence,
              fingerprint: f.fingerprint,
              created_at: f.createdAt,
            })),
          )
          .execute();
      }
    },

    /** The newest snapshot linked to the asset, if any. */
    async latestSnapshot(assetId: string): Promise<AssetSnapshotRef | undefined> {
      const r = await db
        .selectFrom("access_snapshots")
        .select(["id", "name", "provider", "created_at"])
        .where("asset_id", "=", assetId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return r
        ? { id: r.id, name: r.name, provider: r.provider, createdAt: r.created_at }
        : undefined;
    },

    /** A page of one snapshot's findings on the asset, most severe first. */
    async list(
      assetId: string,
      snapshotId: string,
      filter: { severity?: string },
      limit: number,
      offset: number,
    ): Promise<{ items: AccessFindingRecord[]; total: number }> {
      let q = db
        .selectFrom("access_findings")
        .where("asset_id", "=", assetId)
        .where("snapshot_id", "=", snapshotId);
      if (filter.severity !== undefined) q = q.where("severity", "=", filter.severity);
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const rows = await q
        .selectAll()
        .orderBy("severity_rank")
        .orderBy("principal")
        .orderBy("id")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(fromRow), total: Number(total.n) };
    },

    /** Counts per severity of one snapshot's findings on the asset. */
    async countBySeverity(assetId: string, snapshotId: string): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom("access_findings")
        .select(["severity", (eb) => eb.fn.countAll<number>().as("n")])
        .where("asset_id", "=", assetId)
        .where("snapshot_id", "=", snapshotId)
        .groupBy("severity")
        .execute();
      return Object.fromEntries(rows.map((r) => [r.severity, Number(r.n)]));
    },
  };
}

export type AccessFindingsRepo = ReturnType<typeof accessFindingsRepo>;
