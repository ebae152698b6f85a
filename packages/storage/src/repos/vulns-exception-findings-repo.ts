import { sql } from "kysely";
import type { Executor } from "./executor";
import { IDS_PER_STATEMENT, chunks, rowsPerStatement } from "./vulns-batch";

/** What an exception applies to; every given part must match (see engines/vulns exception-scope). */
export interface VulnExceptionScopeRecord {
  findingIds?: string[];
  assetIds?: string[];
  vulnId?: string | null;
  package?: string | null;
}

/** The finding columns scope matching and coverage read. */
export interface VulnExceptionCandidate {
  id: string;
  assetId: string;
  assetKey: string;
  vulnId: string;
  aliases: string[];
  package: string | null;
  purl: string | null;
  severity: string;
  status: string;
  dismissalReason: string | null;
  slaDueAt: string | null;
}

export interface VulnExceptionCoverRecord {
  exceptionId: string;
  findingId: string;
  priorStatus: string;
  priorDueAt: string | null;
  coveredAt: string;
  releasedAt: string | null;
}

/** The package name a scope's package text stands for (`pkg:deb/debian/openssl` → `openssl`). */
function packageName(p: string): string {
  let s = p.trim().toLowerCase();
  if (!s.startsWith("pkg:")) return s;
  s = s.split(/[?#]/)[0] ?? s;
  const at = s.lastIndexOf("@");
  if (at > s.indexOf("/")) s = s.slice(0, at);
  return s.slice(s.lastIndexOf("/") + 1);
}

/**
 * The findings side of exceptions: candidates a scope may match, and the record of what an
 * approved exception dismissed (vuln_exception_findings). Part of the vulnExceptions repository.
 */
export function vulnExceptionFindingsRepo(db: Executor) {
  return {
    /**
     * Findings that may match a scope: the SQL narrows by the scope's indexed parts, the
     * engine's `scopeCovers` decides. At most `limit` rows (callers ask one more than they
     * accept, to tell "too many").
     */
    async candidates(
      scope: VulnExceptionScopeRecord,
      opts: { statuses?: readonly string[]; limit: number },
    ): Promise<VulnExceptionCandidate[]> {
      let q = db
        .selectFrom("vuln_findings as f")
        .innerJoin("assets as a", "a.id", "f.asset_id")
        .select([
          "f.id",
          "f.asset_id",
          "a.key as asset_key",
          "f.vuln_id",
          "f.aliases",
          "f.package",
          "f.purl",
          "f.severity",
          "f.status",
          "f.dismissal_reason",
          "f.sla_due_at",
        ]);
      if (scope.findingIds)
        q = q.where("f.id", "in", scope.findingIds.length ? scope.findingIds : [""]);
      if (scope.assetIds)
        q = q.where("f.asset_id", "in", scope.assetIds.length ? scope.assetIds : [""]);
      if (scope.vulnId) {
        const id = scope.vulnId.trim().toLowerCase();
        q = q.where((eb) =>
          eb.or([
            eb(sql<string>`lower(${sql.ref("f.vuln_id")})`, "=", id),
            eb(sql<string>`lower(${sql.ref("f.aliases")})`, "like", `%${JSON.stringify(id)}%`),
          ]),
        );
      }
      if (scope.package) {
        q = q.where(sql<string>`lower(${sql.ref("f.package")})`, "=", packageName(scope.package));
      }
      if (opts.statuses?.length) q = q.where("f.status", "in", opts.statuses);
      const rows = await q.orderBy("f.id").limit(opts.limit).execute();
      return rows.map((r) => ({
        id: r.id,
        assetId: r.asset_id,
        assetKey: r.asset_key,
        vulnId: r.vuln_id,
        aliases: JSON.parse(r.aliases) as string[],
        package: r.package,
        purl: r.purl,
        severity: r.severity,
        status: r.status,
        dismissalReason: r.dismissal_reason,
        slaDueAt: r.sla_due_at,
      }));
    },

    async insertCovered(rows: readonly VulnExceptionCoverRecord[]): Promise<void> {
      for (const part of chunks(rows, rowsPerStatement(6))) {
        await db
          .insertInto("vuln_exception_findings")
          .values(
            part.map((c) => ({
              exception_id: c.exceptionId,
              finding_id: c.findingId,
              prior_status: c.priorStatus,
              prior_due_at: c.priorDueAt,
              covered_at: c.coveredAt,
              released_at: c.releasedAt,
            })),
          )
          .execute();
      }
    },

    /** The findings an exception covered, with their current state. */
    async covered(
      exceptionId: string,
    ): Promise<(VulnExceptionCoverRecord & { finding: VulnExceptionCandidate })[]> {
      const rows = await db
        .selectFrom("vuln_exception_findings as c")
        .innerJoin("vuln_findings as f", "f.id", "c.finding_id")
        .innerJoin("assets as a", "a.id", "f.asset_id")
        .select([
          "c.exception_id",
          "c.finding_id",
          "c.prior_status",
          "c.prior_due_at",
          "c.covered_at",
          "c.released_at",
          "f.asset_id",
          "a.key as asset_key",
          "f.vuln_id",
          "f.aliases",
          "f.package",
          "f.purl",
          "f.severity",
          "f.status",
          "f.dismissal_reason",
          "f.sla_due_at",
        ])
        .where("c.exception_id", "=", exceptionId)
        .orderBy("a.key")
        .orderBy("f.vuln_id")
        .orderBy("c.finding_id")
        .execute();
      return rows.map((r) => ({
        exceptionId: r.exception_id,
        findingId: r.finding_id,
        priorStatus: r.prior_status,
        priorDueAt: r.prior_due_at,
        coveredAt: r.covered_at,
        releasedAt: r.released_at,
        finding: {
          id: r.finding_id,
          assetId: r.asset_id,
          assetKey: r.asset_key,
          vulnId: r.vuln_id,
          aliases: JSON.parse(r.aliases) as string[],
          package: r.package,
          purl: r.purl,
          severity: r.severity,
          status: r.status,
          dismissalReason: r.dismissal_reason,
          slaDueAt: r.sla_due_at,
        },
      }));
    },

    async markReleased(exceptionId: string, findingIds: readonly string[], at: string) {
      for (const part of chunks(findingIds, IDS_PER_STATEMENT)) {
        await db
          .updateTable("vuln_exception_findings")
          .set({ released_at: at })
          .where("exception_id", "=", exceptionId)
          .where("finding_id", "in", part)
          .execute();
      }
    },
  };
}
