import type { Executor } from "./executor";
import { IDS_PER_STATEMENT, chunks } from "./vulns-batch";
import { COUNT_CAP } from "./vulns-findings-list";
import { aliasPattern, applyFindingFilters, findingQuery } from "./vulns-finding-filter";
import type { VulnFindingFilter } from "./vulns-finding-filter";
import { planTextSearch } from "./vulns-text-search";

/** Who set a finding's status and the VEX justification of its dismissal (migration 001300). */
export interface VulnStateProvenance {
  id: string;
  dismissalJustification: string | null;
  /** "user", "gitlab", "vex:<file>"; null when scans set it. */
  statusSource: string | null;
}

/** A finding as state imports match and apply statements to it. */
export interface VulnStateCandidate extends VulnStateProvenance {
  vulnId: string;
  aliases: string[];
  purl: string | null;
  package: string | null;
  version: string | null;
  status: string;
  dismissalReason: string | null;
}

/** The filters of an export: the findings list's (one builder, vulns-finding-filter.ts). */
export type VulnExportFilter = Omit<VulnFindingFilter, "kev">;

/** A finding as the export writers read it, with its asset key and provenance. */
export interface VulnExportRow extends VulnStateProvenance {
  assetKey: string;
  kind: string;
  vulnId: string;
  aliases: string[];
  title: string | null;
  package: string | null;
  purl: string | null;
  version: string | null;
  fixedVersion: string | null;
  severity: string;
  cvssScore: number | null;
  cvssVector: string | null;
  cwes: string[];
  status: string;
  dismissalReason: string | null;
  scanner: string;
  coverageTarget: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  slaDueAt: string | null;
  updatedAt: string;
}

// Ids per candidate query: each also becomes a LIKE on the aliases column.
const IDS_PER_CANDIDATE_QUERY = 100;

/**
 * State provenance, the candidates of state imports, and keyset pages for exports. Kept beside
 * the findings repository: it reads the same table, and only state changes write these columns.
 */
export function vulnStatesRepo(db: Executor) {
  return {
    async provenance(ids: readonly string[]): Promise<Map<string, VulnStateProvenance>> {
      const out = new Map<string, VulnStateProvenance>();
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await db
          .selectFrom("vuln_findings")
          .select(["id", "dismissal_justification", "status_source"])
          .where("id", "in", part)
          .execute();
        for (const r of rows)
          out.set(r.id, {
            id: r.id,
            dismissalJustification: r.dismissal_justification,
            statusSource: r.status_source,
          });
      }
      return out;
    },

    /** Writes justification and status source (after the finding row itself was written). */
    async setProvenance(list: readonly VulnStateProvenance[]): Promise<void> {
      const groups = new Map<string, { p: VulnStateProvenance; ids: string[] }>();
      for (const p of list) {
        const key = JSON.stringify([p.dismissalJustification, p.statusSource]);
        const g = groups.get(key) ?? { p, ids: [] };
        g.ids.push(p.id);
        groups.set(key, g);
      }
      for (const { p, ids } of groups.values()) {
        for (const part of chunks(ids, IDS_PER_STATEMENT)) {
          await db
            .updateTable("vuln_findings")
            .set({
              dismissal_justification: p.dismissalJustification,
              status_source: p.statusSource,
            })
            .where("id", "in", part)
            .execute();
        }
      }
    },

    /** When a status was last set on each finding (its newest "status" event). */
    async statusSetAt(ids: readonly string[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await db
          .selectFrom("vuln_finding_events")
          .select(["finding_id", (eb) => eb.fn.max("at").as("at")])
          .where("kind", "=", "status")
          .where("finding_id", "in", part)
          .groupBy("finding_id")
          .execute();
        for (const r of rows) out.set(r.finding_id, String(r.at));
      }
      return out;
    },

    /** The note of each finding's newest status event (dismissal comment, resolution note). */
    async statusNotes(ids: readonly string[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await db
          .selectFrom("vuln_finding_events")
          .select(["finding_id", "note"])
          .where("kind", "=", "status")
          .where("finding_id", "in", part)
          .orderBy("at")
          .orderBy("id")
          .execute();
        for (const r of rows) {
          if (r.note) out.set(r.finding_id, r.note);
          else out.delete(r.finding_id);
        }
      }
      return out;
    },

    /** An asset's findings whose vulnerability or an alias is one of these ids. */
    async candidates(assetId: string, vulnIds: readonly string[]): Promise<VulnStateCandidate[]> {
      const out = new Map<string, VulnStateCandidate>();
      for (const part of chunks(vulnIds, IDS_PER_CANDIDATE_QUERY)) {
        const rows = await db
          .selectFrom("vuln_findings")
          .select([
            "id",
            "vuln_id",
            "aliases",
            "purl",
            "package",
            "version",
            "status",
            "dismissal_reason",
            "dismissal_justification",
            "status_source",
          ])
          .where("asset_id", "=", assetId)
          .where((eb) =>
            eb.or([
              eb("vuln_id", "in", part),
              ...part.map((id) => eb("aliases", "like", aliasPattern(id))),
            ]),
          )
          .execute();
        for (const r of rows)
          out.set(r.id, {
            id: r.id,
            vulnId: r.vuln_id,
            aliases: JSON.parse(r.aliases) as string[],
            purl: r.purl,
            package: r.package,
            version: r.version,
            status: r.status,
            dismissalReason: r.dismissal_reason,
            dismissalJustification: r.dismissal_justification,
            statusSource: r.status_source,
          });
      }
      return [...out.values()];
    },

    /** One page of an export in id order after `afterId` (keyset: no offset scans). */
    async exportPage(
      f: VulnExportFilter,
      afterId: string | null,
      limit: number,
    ): Promise<(VulnExportRow & { id: string })[]> {
      // The text search is planned per page, like a list page (index matches or an id-order walk).
      let q = applyFindingFilters(findingQuery(db), f);
      if (f.q) {
        const search = await planTextSearch(db, f.q, { cap: COUNT_CAP, wanted: limit });
        q = q.where(search.where);
      }
      if (afterId) q = q.where("f.id", ">", afterId);
      const rows = await q
        .innerJoin("assets as a", "a.id", "f.asset_id")
        .leftJoin("vuln_finding_seen as s", "s.finding_id", "f.id")
        .select([
          "f.id",
          "a.key as asset_key",
          "f.kind",
          "f.vuln_id",
          "f.aliases",
          "f.title",
          "f.package",
          "f.purl",
          "f.version",
          "f.fixed_version",
          "f.severity",
          "f.cvss_score",
          "f.cvss_vector",
          "f.cwes",
          "f.status",
          "f.dismissal_reason",
          "f.dismissal_justification",
          "f.status_source",
          "f.scanner",
          "f.coverage_target",
          "f.first_seen_at",
          "f.last_seen_at",
          "s.last_seen_at as seen_at",
          "f.sla_due_at",
          "f.updated_at",
        ])
        .orderBy("f.id")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        assetKey: r.asset_key,
        kind: r.kind,
        vulnId: r.vuln_id,
        aliases: JSON.parse(r.aliases) as string[],
        title: r.title,
        package: r.package,
        purl: r.purl,
        version: r.version,
        fixedVersion: r.fixed_version,
        severity: r.severity,
        cvssScore: r.cvss_score === null ? null : Number(r.cvss_score),
        cvssVector: r.cvss_vector,
        cwes: JSON.parse(r.cwes) as string[],
        status: r.status,
        dismissalReason: r.dismissal_reason,
        dismissalJustification: r.dismissal_justification,
        statusSource: r.status_source,
        scanner: r.scanner,
        coverageTarget: r.coverage_target,
        firstSeenAt: r.first_seen_at,
        lastSeenAt: r.seen_at ?? r.last_seen_at,
        slaDueAt: r.sla_due_at,
        updatedAt: r.updated_at,
      }));
    },
  };
}
export type VulnStatesRepo = ReturnType<typeof vulnStatesRepo>;
