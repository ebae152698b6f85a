import { sql } from "kysely";
import type { Executor } from "./executor";
import { IDS_PER_STATEMENT, chunks } from "./vulns-batch";

/**
 * What a finding's deadline is computed from, read a keyset page at a time, and the bounded
 * writes of recomputed deadlines (part of the vulnSlaRecompute repository). Every read is one
 * statement over an index; every write covers at most 1,000 findings.
 */

/** Rows per deadline UPDATE: the brief's bound (and SQLite's VALUES list stays small). */
export const DEADLINES_PER_STATEMENT = 1000;

/** Which findings a page of inputs is read for. */
export type DeadlineSelector =
  | { kind: "ids"; ids: readonly string[] }
  /** One asset's findings in one status, after `afterId` in id order. */
  | { kind: "asset"; assetId: string; status: string; afterId: string | null }
  /**
   * Findings in `status` whose stored policy stamp is below (`lt`), above (`gt`) or not (`null`)
   * `stamp`, after `after` in (sla_policy, id) order: the index vuln_findings_sla_drift.
   */
  | {
      kind: "drift";
      status: string;
      stamp: string;
      side: "lt" | "gt" | "null";
      after: { policy: string | null; id: string } | null;
    };

/** Everything a finding's deadline is computed from, as stored. */
export interface DeadlineInputRow {
  id: string;
  assetId: string;
  assetKey: string;
  ownerTeam: string | null;
  vulnId: string;
  aliases: string[];
  kind: string;
  fixedVersion: string | null;
  severity: string;
  status: string;
  firstSeenAt: string;
  resolvedAt: string | null;
  slaPolicy: string | null;
  slaDueAt: string | null;
  slaState: string | null;
  criticality: number;
  environment: string;
  exposure: string;
  /**
   * When a fixed version first appeared on a finding created without one (the first history
   * event changing fixedVersion from null); null: created with a fix, or no fix.
   */
  fixAppearedAt: string | null;
  /** The last time it came back after being fixed. */
  reactivatedAt: string | null;
}

export interface DeadlineWrite {
  id: string;
  slaDueAt: string | null;
  slaPolicy: string;
}

/** Deadline inputs and writes; see the module comment. */
export function deadlineInputsRepo(db: Executor) {
  return {
    /** Open findings a policy recomputation will visit: not stamped with `stamp`. */
    async countDrift(statuses: readonly string[], stamp: string): Promise<number> {
      const r = await db
        .selectFrom("vuln_findings")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "in", [...statuses])
        .where((eb) => eb.or([eb("sla_policy", "is", null), eb("sla_policy", "!=", stamp)]))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async countAsset(assetId: string, statuses: readonly string[]): Promise<number> {
      const r = await db
        .selectFrom("vuln_findings")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("asset_id", "=", assetId)
        .where("status", "in", [...statuses])
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** One page of deadline inputs (one statement), in the selector's keyset order. */
    async inputs(sel: DeadlineSelector, limit: number): Promise<DeadlineInputRow[]> {
      let q = db
        .selectFrom("vuln_findings as f")
        .innerJoin("assets as a", "a.id", "f.asset_id")
        .select([
          "f.id",
          "f.asset_id",
          "a.key as asset_key",
          "a.owner_team",
          "f.vuln_id",
          "f.aliases",
          "f.kind",
          "f.fixed_version",
          "f.severity",
          "f.status",
          "f.first_seen_at",
          "f.resolved_at",
          "f.sla_policy",
          "f.sla_due_at",
          "f.sla_state",
          "a.criticality",
          "a.environment",
          "a.exposure",
        ])
        .select([
          // The finding's own history (index vuln_finding_events (finding_id, at)): imports and
          // edits record `{"fixedVersion":[null,"…"]}` when a fix first shows.
          sql<string | null>`(select min(e.at) from vuln_finding_events e
            where e.finding_id = ${sql.ref("f.id")}
              and e.changes like '%"fixedVersion":[null,%')`.as("fix_at"),
          sql<string | null>`(select max(e.at) from vuln_finding_events e
            where e.finding_id = ${sql.ref("f.id")} and e.kind = 'reactivated')`.as(
            "reactivated_at",
          ),
        ]);
      if (sel.kind === "ids") {
        q = q.where("f.id", "in", sel.ids.length ? [...sel.ids] : [""]).orderBy("f.id");
      } else if (sel.kind === "asset") {
        q = q.where("f.asset_id", "=", sel.assetId).where("f.status", "=", sel.status);
        if (sel.afterId !== null) q = q.where("f.id", ">", sel.afterId);
        q = q.orderBy("f.id");
      } else {
        q = q.where("f.status", "=", sel.status);
        const after = sel.after;
        if (sel.side === "null") {
          q = q.where("f.sla_policy", "is", null);
          if (after) q = q.where("f.id", ">", after.id);
        } else {
          q = q.where("f.sla_policy", sel.side === "lt" ? "<" : ">", sel.stamp);
          if (after && after.policy !== null) {
            const p = after.policy;
            q = q.where((eb) =>
              eb.or([
                eb("f.sla_policy", ">", p),
                eb.and([eb("f.sla_policy", "=", p), eb("f.id", ">", after.id)]),
              ]),
            );
          }
        }
        q = q.orderBy("f.sla_policy").orderBy("f.id");
      }
      const rows = await q.limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        assetId: r.asset_id,
        assetKey: r.asset_key,
        ownerTeam: r.owner_team,
        vulnId: r.vuln_id,
        aliases: JSON.parse(r.aliases) as string[],
        kind: r.kind,
        fixedVersion: r.fixed_version,
        severity: r.severity,
        status: r.status,
        firstSeenAt: r.first_seen_at,
        resolvedAt: r.resolved_at,
        slaPolicy: r.sla_policy,
        slaDueAt: r.sla_due_at,
        slaState: r.sla_state,
        criticality: Number(r.criticality),
        environment: r.environment,
        exposure: r.exposure,
        fixAppearedAt: r.fix_at,
        reactivatedAt: r.reactivated_at,
      }));
    },

    /** Exception windows that covered these findings (approved risk acceptances and controls). */
    async exceptionWindows(
      ids: readonly string[],
    ): Promise<{ findingId: string; from: string; to: string | null }[]> {
      const out: { findingId: string; from: string; to: string | null }[] = [];
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await db
          .selectFrom("vuln_exception_findings")
          .select(["finding_id", "covered_at", "released_at"])
          .where("finding_id", "in", part)
          .execute();
        for (const r of rows)
          out.push({ findingId: r.finding_id, from: r.covered_at, to: r.released_at });
      }
      return out;
    },

    /**
     * Writes deadlines and policy stamps: one `WITH v AS (VALUES …) UPDATE … FROM v` per 1,000
     * findings (the pattern of vulns-enrichment-repo.ts). Returns the number of statements.
     */
    async writeDeadlines(writes: readonly DeadlineWrite[]): Promise<number> {
      let statements = 0;
      for (const part of chunks(writes, DEADLINES_PER_STATEMENT)) {
        const rows = part.map(
          (w) => sql`(${w.id}, cast(${w.slaDueAt} as text), cast(${w.slaPolicy} as text))`,
        );
        await sql`with v(id, due, pol) as (values ${sql.join(rows)})
          update vuln_findings set sla_due_at = v.due, sla_policy = v.pol
          from v where vuln_findings.id = v.id`.execute(db);
        statements++;
      }
      return statements;
    },
  };
}
