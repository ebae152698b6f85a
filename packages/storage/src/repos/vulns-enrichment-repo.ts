import { sql } from "kysely";
import type { Executor } from "./executor";
import { IDS_PER_STATEMENT, chunks, rowsPerStatement } from "./vulns-batch";

/**
 * EPSS and CISA KEV feeds, their provenance, and the enrichment columns of vuln_findings
 * (migration 001100). Feeds are replaced whole; findings are read and rewritten in pages, one
 * statement per page, so a recompute over a million findings stays a few thousand statements.
 */

export interface VulnEnrichmentSourceRecord {
  source: "epss" | "kev";
  version: string | null;
  sourceDate: string | null;
  recordCount: number;
  importedAt: string;
  importedBy: string;
}

export interface VulnEpssRecord {
  cve: string;
  score: number;
  percentile: number;
}

export interface VulnKevRecord {
  cve: string;
  dateAdded: string;
  dueDate: string | null;
  ransomware: boolean;
  vendor: string | null;
  product: string | null;
  name: string | null;
}

/** The feed rows of a set of ids, and whether each feed was ever imported. */
export interface VulnEnrichmentLookup {
  epssLoaded: boolean;
  kevLoaded: boolean;
  epss: Map<string, { score: number; percentile: number }>;
  kev: Map<string, { dateAdded: string; dueDate: string | null; ransomware: boolean }>;
}

/** What priority and the KEV cap are computed from, per finding. */
export interface VulnPriorityInputRow {
  id: string;
  vulnId: string;
  aliases: string[];
  severity: string;
  status: string;
  cvssScore: number | null;
  cvssVector: string | null;
  slaDueAt: string | null;
  firstSeenAt: string;
  criticality: number;
  exposure: string;
  priorityScore: number | null;
  priorityBand: string | null;
  kev: boolean | null;
  epssScore: number | null;
  epssPercentile: number | null;
  cvssVersion: string | null;
}

/** New enrichment values of one finding; `slaDueAt` only when the deadline moves. */
export interface VulnEnrichmentUpdate {
  id: string;
  priorityScore: number;
  priorityBand: string;
  kev: boolean | null;
  epssScore: number | null;
  epssPercentile: number | null;
  cvssVersion: string | null;
  slaDueAt?: string | null;
}

export interface VulnFixGroupFilter {
  assetId?: string;
  severity?: string;
  package?: string;
  openStatuses: readonly string[];
}

export interface VulnFixGroupRow {
  package: string;
  version: string | null;
  fixedVersion: string;
  vulnId: string;
  severity: string;
  findings: number;
  kev: number;
  prioritySum: number;
  scored: number;
  maxPriority: number | null;
}

export function vulnEnrichmentRepo(db: Executor) {
  return {
    async clearEpss(): Promise<void> {
      await db.deleteFrom("vuln_epss").execute();
    },
    async insertEpss(rows: readonly VulnEpssRecord[]): Promise<void> {
      for (const part of chunks(rows, rowsPerStatement(3))) {
        await db
          .insertInto("vuln_epss")
          .values(part.map((r) => ({ ...r })))
          .execute();
      }
    },
    async replaceKev(rows: readonly VulnKevRecord[]): Promise<void> {
      await db.deleteFrom("vuln_kev").execute();
      for (const part of chunks(rows, rowsPerStatement(7))) {
        await db
          .insertInto("vuln_kev")
          .values(
            part.map((r) => ({
              cve: r.cve,
              date_added: r.dateAdded,
              due_date: r.dueDate,
              ransomware: r.ransomware ? 1 : 0,
              vendor: r.vendor,
              product: r.product,
              name: r.name,
            })),
          )
          .execute();
      }
    },

    async setSource(s: VulnEnrichmentSourceRecord): Promise<void> {
      const row = {
        source: s.source,
        version: s.version,
        source_date: s.sourceDate,
        record_count: s.recordCount,
        imported_at: s.importedAt,
        imported_by: s.importedBy,
      };
      await db
        .insertInto("vuln_enrichment_sources")
        .values(row)
        .onConflict((oc) => oc.column("source").doUpdateSet({ ...row, source: undefined }))
        .execute();
    },

    async sources(): Promise<VulnEnrichmentSourceRecord[]> {
      const rows = await db.selectFrom("vuln_enrichment_sources").selectAll().execute();
      return rows.map((r) => ({
        source: r.source as "epss" | "kev",
        version: r.version,
        sourceDate: r.source_date,
        recordCount: Number(r.record_count),
        importedAt: r.imported_at,
        importedBy: r.imported_by,
      }));
    },

    /**
     * EPSS and KEV rows of these ids and whether each feed was imported, in one statement
     * (UNION ALL of the two feeds and the sources table): imports call it once per batch.
     */
    async lookup(ids: readonly string[]): Promise<VulnEnrichmentLookup> {
      const out: VulnEnrichmentLookup = {
        epssLoaded: false,
        kevLoaded: false,
        epss: new Map(),
        kev: new Map(),
      };
      const parts = ids.length === 0 ? [[]] : chunks([...new Set(ids)], IDS_PER_STATEMENT);
      for (const [i, part] of parts.entries()) {
        const list = part.length ? sql.join(part) : sql`null`;
        const rows = await sql<{
          kind: string;
          cve: string;
          a: number | null;
          b: number | null;
          t1: string | null;
          t2: string | null;
        }>`select 'epss' as kind, cve, score as a, percentile as b, null as t1, null as t2
             from vuln_epss where cve in (${list})
           union all
           select 'kev', cve, ransomware, null, date_added, due_date
             from vuln_kev where cve in (${list})
           ${i === 0 ? sql`union all select 'source', source, null, null, null, null from vuln_enrichment_sources` : sql``}`.execute(
          db,
        );
        for (const r of rows.rows) {
          if (r.kind === "source") {
            if (r.cve === "epss") out.epssLoaded = true;
            if (r.cve === "kev") out.kevLoaded = true;
          } else if (r.kind === "epss") {
            out.epss.set(r.cve, { score: Number(r.a), percentile: Number(r.b) });
          } else {
            out.kev.set(r.cve, { dateAdded: r.t1!, dueDate: r.t2, ransomware: Number(r.a) === 1 });
          }
        }
      }
      return out;
    },

    /** A KEV entry by CVE. */
    async kevEntries(ids: readonly string[]): Promise<VulnKevRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom("vuln_kev")
        .selectAll()
        .where("cve", "in", [...ids])
        .execute();
      return rows.map((r) => ({
        cve: r.cve,
        dateAdded: r.date_added,
        dueDate: r.due_date,
        ransomware: Number(r.ransomware) === 1,
        vendor: r.vendor,
        product: r.product,
        name: r.name,
      }));
    },

    /** Priority inputs of findings after `afterId` in id order (keyset pages), or of `ids`. */
    async priorityInputs(opts: { afterId?: string; ids?: readonly string[]; limit: number }) {
      let q = db
        .selectFrom("vuln_findings as f")
        .innerJoin("assets as a", "a.id", "f.asset_id")
        .select([
          "f.id",
          "f.vuln_id",
          "f.aliases",
          "f.severity",
          "f.status",
          "f.cvss_score",
          "f.cvss_vector",
          "f.sla_due_at",
          "f.first_seen_at",
          "f.priority_score",
          "f.priority_band",
          "f.kev",
          "f.epss_score",
          "f.epss_percentile",
          "f.cvss_version",
          "a.criticality",
          "a.exposure",
        ]);
      if (opts.ids) q = q.where("f.id", "in", opts.ids.length ? [...opts.ids] : [""]);
      if (opts.afterId !== undefined) q = q.where("f.id", ">", opts.afterId);
      const rows = await q.orderBy("f.id").limit(opts.limit).execute();
      return rows.map((r): VulnPriorityInputRow => ({
        id: r.id,
        vulnId: r.vuln_id,
        aliases: JSON.parse(r.aliases) as string[],
        severity: r.severity,
        status: r.status,
        cvssScore: r.cvss_score === null ? null : Number(r.cvss_score),
        cvssVector: r.cvss_vector,
        slaDueAt: r.sla_due_at,
        firstSeenAt: r.first_seen_at,
        criticality: Number(r.criticality),
        exposure: r.exposure,
        priorityScore: r.priority_score === null ? null : Number(r.priority_score),
        priorityBand: r.priority_band,
        kev: r.kev === null ? null : Number(r.kev) === 1,
        epssScore: r.epss_score === null ? null : Number(r.epss_score),
        epssPercentile: r.epss_percentile === null ? null : Number(r.epss_percentile),
        cvssVersion: r.cvss_version,
      }));
    },

    /** Writes enrichment values: one UPDATE … SET col = CASE id … END per batch. */
    async updateEnrichment(updates: readonly VulnEnrichmentUpdate[]): Promise<void> {
      // One `WITH v(…) AS (VALUES …) UPDATE … FROM v` per 1,000 rows (SQLite ≥ 3.33 and
      // PostgreSQL). A CASE expression per column (id = … THEN …, 1,000 branches each) cost
      // seconds per 20k findings to prepare and evaluate on SQLite. The casts type the VALUES
      // columns for PostgreSQL; SQLite reads them as affinities. `sla_due_at` is only written for
      // rows whose deadline moved (`moved` = 1), others keep theirs.
      for (const part of chunks(updates, 1000)) {
        const rows = part.map(
          (u) =>
            sql`(${u.id}, cast(${u.priorityScore} as double precision), cast(${u.priorityBand} as text), cast(${
              u.kev === null ? null : u.kev ? 1 : 0
            } as integer), cast(${u.epssScore} as double precision), cast(${u.epssPercentile} as double precision), cast(${u.cvssVersion} as text), cast(${
              u.slaDueAt !== undefined ? 1 : 0
            } as integer), cast(${u.slaDueAt ?? null} as text))`,
        );
        await sql`with v(id, ps, pb, kev, es, ep, cv, moved, due) as (values ${sql.join(rows)})
          update vuln_findings set
            priority_score = v.ps, priority_band = v.pb, kev = v.kev, epss_score = v.es,
            epss_percentile = v.ep, cvss_version = v.cv,
            sla_due_at = case when v.moved = 1 then v.due else vuln_findings.sla_due_at end
          from v where vuln_findings.id = v.id`.execute(db);
      }
    },

    /** Counts of open findings, with an EPSS score, and in KEV (one statement). */
    async coverage(openStatuses: readonly string[]) {
      const row = await db
        .selectFrom("vuln_findings")
        .select((eb) => [
          eb.fn.countAll<number>().as("open"),
          eb.fn.count<number>("epss_score").as("with_epss"),
          eb.fn.sum<number>(sql`case when kev = 1 then 1 else 0 end`).as("in_kev"),
        ])
        .where("status", "in", [...openStatuses])
        .executeTakeFirstOrThrow();
      return {
        openFindings: Number(row.open),
        withEpss: Number(row.with_epss),
        inKev: Number(row.in_kev ?? 0),
      };
    },

    /**
     * Open findings with a fixed version, aggregated by (package, installed version, fixed
     * version, vulnerability, severity): what the fix-action engine groups. At most `max` groups.
     */
    async fixGroups(f: VulnFixGroupFilter, max: number): Promise<VulnFixGroupRow[]> {
      let q = db
        .selectFrom("vuln_findings")
        .where("status", "in", [...f.openStatuses])
        .where("package", "is not", null)
        .where("fixed_version", "is not", null)
        .where("fixed_version", "!=", "");
      if (f.assetId) q = q.where("asset_id", "=", f.assetId);
      if (f.severity) q = q.where("severity", "=", f.severity);
      if (f.package) q = q.where("package", "=", f.package);
      const rows = await q
        .select((eb) => [
          "package",
          "version",
          "fixed_version",
          "vuln_id",
          "severity",
          eb.fn.countAll<number>().as("findings"),
          eb.fn.sum<number>(sql`case when kev = 1 then 1 else 0 end`).as("kev"),
          eb.fn.sum<number>(sql`coalesce(priority_score, 0)`).as("priority_sum"),
          eb.fn.count<number>("priority_score").as("scored"),
          eb.fn.max("priority_score").as("max_priority"),
        ])
        .groupBy(["package", "version", "fixed_version", "vuln_id", "severity"])
        .limit(max + 1)
        .execute();
      return rows.map((r) => ({
        package: r.package!,
        version: r.version,
        fixedVersion: r.fixed_version!,
        vulnId: r.vuln_id,
        severity: r.severity,
        findings: Number(r.findings),
        kev: Number(r.kev ?? 0),
        prioritySum: Number(r.priority_sum ?? 0),
        scored: Number(r.scored),
        maxPriority: r.max_priority === null ? null : Number(r.max_priority),
      }));
    },

    /** Distinct (package, installed version, asset) of open fixable findings of these packages. */
    async fixInstalls(f: VulnFixGroupFilter, packages: readonly string[]) {
      const out: { package: string; version: string | null; assetId: string }[] = [];
      for (const part of chunks(packages, IDS_PER_STATEMENT)) {
        let q = db
          .selectFrom("vuln_findings")
          .select(["package", "version", "asset_id"])
          .distinct()
          .where("status", "in", [...f.openStatuses])
          .where("package", "in", part)
          .where("fixed_version", "is not", null)
          .where("fixed_version", "!=", "");
        if (f.assetId) q = q.where("asset_id", "=", f.assetId);
        if (f.severity) q = q.where("severity", "=", f.severity);
        for (const r of await q.execute()) {
          out.push({ package: r.package!, version: r.version, assetId: r.asset_id });
        }
      }
      return out;
    },
  };
}
export type VulnEnrichmentRepo = ReturnType<typeof vulnEnrichmentRepo>;

/** The enrichment columns of a finding and its asset's priority inputs, as list records carry them. */
export interface VulnFindingEnrichment {
  priorityScore: number | null;
  priorityBand: string | null;
  kev: boolean | null;
  epssScore: number | null;
  epssPercentile: number | null;
  cvssVersion: string | null;
  assetCriticality: number;
  assetExposure: string;
}

/** Decodes the enrichment columns of a vuln_findings row joined with its asset. */
export function findingEnrichment(r: {
  priority_score: number | null;
  priority_band: string | null;
  kev: number | null;
  epss_score: number | null;
  epss_percentile: number | null;
  cvss_version: string | null;
  asset_criticality: number;
  asset_exposure: string;
}): VulnFindingEnrichment {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    priorityScore: num(r.priority_score),
    priorityBand: r.priority_band,
    kev: r.kev === null ? null : Number(r.kev) === 1,
    epssScore: num(r.epss_score),
    epssPercentile: num(r.epss_percentile),
    cvssVersion: r.cvss_version,
    assetCriticality: Number(r.asset_criticality),
    assetExposure: r.asset_exposure,
  };
}
