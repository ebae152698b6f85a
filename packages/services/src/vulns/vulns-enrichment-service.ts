import { AppError, ID_PATTERN } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import {
  DEFAULT_PRIORITY_MODEL,
  HANDBOOK_SLA_POLICY,
  completeFixActions,
  createEpssLineParser,
  parseKev,
  planFixActions,
} from "@infrasec/engines/vulns";
import type { FixGroup, SlaPolicy } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { enrichBatch } from "./finding-priority";
import { OPEN_STATUSES } from "./reconcile-fns";

/** Findings read, enriched and written per recompute page. */
export const ENRICH_BATCH = 1000;
/** EPSS rows inserted per statement group while streaming. */
const EPSS_INSERT_ROWS = 5000;
/** Aggregated groups a fix-action query may read before asking for a narrower filter. */
export const FIX_GROUPS_MAX = 200_000;
/** Characters a KEV catalog may have (the contract's limit; the CLI's local mode too). */
const KEV_MAX_CHARS = 32 * 1024 * 1024;

export interface EnrichmentOptions {
  policy?: SlaPolicy;
}

/** An EPSS CSV as text (API) or as lines read from a stream (CLI local mode, gunzipped). */
export interface EpssImportInput {
  content?: string;
  lines?: AsyncIterable<string>;
  fileName?: string;
}

export interface FixActionQuery {
  asset?: string;
  severity?: Severity;
  package?: string;
  limit: number;
  offset: number;
}

/**
 * EPSS and CISA KEV imports, stored priority and fix actions (docs/vulns/enrichment.md). An
 * import replaces its feed, records where it came from and recomputes every finding's EPSS,
 * KEV flag and priority, and caps open deadlines by KEV due dates under a kevCap policy — all
 * in one transaction, so a broken file changes nothing.
 */
export function createVulnEnrichmentService(
  { store, clock }: ServiceDeps,
  opts: EnrichmentOptions = {},
) {
  const policy = opts.policy ?? HANDBOOK_SLA_POLICY;

  /** Recomputes every finding in id-ordered pages (one read, one lookup, one write per page). */
  async function recomputeAll(tx: Repos, ctx: Ctx) {
    const now = clock.now();
    let updated = 0;
    let capped = 0;
    let afterId: string | undefined;
    for (;;) {
      const page = await tx.vulns.enrichment.priorityInputs({ afterId, limit: ENRICH_BATCH });
      if (page.length === 0) break;
      const r = await enrichBatch(
        tx,
        page.map((f) => ({
          ...f,
          stored: {
            priorityScore: f.priorityScore,
            priorityBand: f.priorityBand,
            kev: f.kev,
            epssScore: f.epssScore,
            epssPercentile: f.epssPercentile,
            cvssVersion: f.cvssVersion,
          },
        })),
        {
          policy,
          now: now.toISOString(),
          nowMs: now.getTime(),
          actorName: ctx.actor.username,
          jobId: null,
          onlyChanged: true,
        },
      );
      updated += r.updated;
      capped += r.capped;
      afterId = page[page.length - 1]!.id;
      if (page.length < ENRICH_BATCH) break;
    }
    return { updated, capped };
  }

  async function sourceView(tx: Repos, source: "epss" | "kev") {
    const s = (await tx.vulns.enrichment.sources()).find((x) => x.source === source);
    return s ? toSourceView(s) : null;
  }

  return {
    /** Replaces the EPSS scores with a FIRST EPSS CSV (`#model_version…`, `cve,epss,percentile`). */
    async importEpss(ctx: Ctx, input: EpssImportInput) {
      requirePermission(ctx, "vulns:write");
      if (input.content === undefined && input.lines === undefined) {
        throw new AppError("validation_failed", "content: the EPSS file is required");
      }
      return store.transaction(async (tx) => {
        const parser = createEpssLineParser();
        await tx.vulns.enrichment.clearEpss();
        let pending: { cve: string; score: number; percentile: number }[] = [];
        const take = async (line: string) => {
          const row = parser.line(line);
          if (row) pending.push(row);
          if (pending.length >= EPSS_INSERT_ROWS) {
            await tx.vulns.enrichment.insertEpss(pending);
            pending = [];
          }
        };
        if (input.content !== undefined) {
          for (const line of textLines(input.content)) await take(line);
        } else {
          for await (const line of input.lines!) await take(line);
        }
        await tx.vulns.enrichment.insertEpss(pending);
        const { header, rows } = parser.finish();
        if (rows === 0) {
          throw new AppError("validation_failed", "the EPSS file has no scores", [
            { message: "no CVE rows after the header", file: input.fileName },
          ]);
        }
        const importedAt = clock.now().toISOString();
        await tx.vulns.enrichment.setSource({
          source: "epss",
          version: header.modelVersion,
          sourceDate: header.scoreDate,
          recordCount: rows,
          importedAt,
          importedBy: ctx.actor.username,
        });
        const r = await recomputeAll(tx, ctx);
        await audit(tx, ctx, clock, {
          action: "vulns.enrichment.epss",
          targetType: "vuln_enrichment",
          targetId: "epss",
          summary: `imported EPSS ${header.modelVersion ?? "(no model version)"} of ${header.scoreDate ?? "unknown date"}: ${rows} scores, ${r.updated} findings updated`,
          changes: { rows, modelVersion: header.modelVersion, scoreDate: header.scoreDate, ...r },
        });
        return {
          source: (await sourceView(tx, "epss"))!,
          findingsUpdated: r.updated,
          deadlinesCapped: r.capped,
        };
      });
    },

    /** Replaces the KEV catalog (CISA JSON); removals drop out, so findings lose the flag too. */
    async importKev(ctx: Ctx, input: { content: string; fileName?: string }) {
      requirePermission(ctx, "vulns:write");
      const catalog = parseKev(input.content, { maxChars: KEV_MAX_CHARS });
      if (catalog.entries.length === 0) {
        throw new AppError("validation_failed", "the KEV catalog lists no vulnerabilities", [
          { path: "$.vulnerabilities", message: "empty", file: input.fileName },
        ]);
      }
      return store.transaction(async (tx) => {
        await tx.vulns.enrichment.replaceKev(catalog.entries);
        await tx.vulns.enrichment.setSource({
          source: "kev",
          version: catalog.catalogVersion,
          sourceDate: catalog.dateReleased,
          recordCount: catalog.entries.length,
          importedAt: clock.now().toISOString(),
          importedBy: ctx.actor.username,
        });
        const r = await recomputeAll(tx, ctx);
        await audit(tx, ctx, clock, {
          action: "vulns.enrichment.kev",
          targetType: "vuln_enrichment",
          targetId: "kev",
          summary: `imported CISA KEV ${catalog.catalogVersion ?? "(no version)"}: ${catalog.entries.length} entries, ${r.updated} findings updated, ${r.capped} deadlines capped`,
          changes: { entries: catalog.entries.length, version: catalog.catalogVersion, ...r },
        });
        return {
          source: (await sourceView(tx, "kev"))!,
          findingsUpdated: r.updated,
          deadlinesCapped: r.capped,
        };
      });
    },

    async status(ctx: Ctx) {
      requirePermission(ctx, "vulns:read");
      const sources = await store.vulns.enrichment.sources();
      const of = (s: "epss" | "kev") => {
        const x = sources.find((y) => y.source === s);
        return x ? toSourceView(x) : null;
      };
      return {
        epss: of("epss"),
        kev: of("kev"),
        priorityModel: DEFAULT_PRIORITY_MODEL.id,
        ...(await store.vulns.enrichment.coverage(OPEN_STATUSES)),
      };
    },

    /**
     * Open findings grouped into upgrades. SQL aggregates by (package, installed version, fixed
     * version, vulnerability, severity); the engine picks targets and merges; a second query
     * counts distinct assets for the requested page only.
     */
    async fixActions(ctx: Ctx, q: FixActionQuery) {
      requirePermission(ctx, "vulns:read");
      let assetId: string | undefined;
      if (q.asset) {
        const ref = q.asset.trim();
        const a =
          (ID_PATTERN.test(ref) ? await store.assets.findById(ref) : undefined) ??
          (await store.assets.findByKeys([ref]))[0];
        if (!a) {
          throw new AppError("not_found", `asset ${ref} not found`, [
            { path: "asset", message: "no asset with this key or id" },
          ]);
        }
        assetId = a.id;
      }
      const filter = {
        assetId,
        severity: q.severity,
        package: q.package,
        openStatuses: OPEN_STATUSES,
      };
      const groups = await store.vulns.enrichment.fixGroups(filter, FIX_GROUPS_MAX);
      if (groups.length > FIX_GROUPS_MAX) {
        throw new AppError(
          "validation_failed",
          `more than ${FIX_GROUPS_MAX} (package, version, vulnerability) groups: filter by asset, severity or package`,
        );
      }
      const planned = planFixActions(groups as FixGroup[]);
      const page = planned.slice(q.offset, q.offset + q.limit);
      const installs = await store.vulns.enrichment.fixInstalls(filter, [
        ...new Set(page.map((a) => a.package)),
      ]);
      return { items: completeFixActions(page, installs), total: planned.length };
    },
  };
}
export type VulnEnrichmentService = ReturnType<typeof createVulnEnrichmentService>;

function toSourceView(s: {
  source: "epss" | "kev";
  version: string | null;
  sourceDate: string | null;
  recordCount: number;
  importedAt: string;
  importedBy: string;
}) {
  return {
    source: s.source,
    version: s.version,
    date: s.sourceDate,
    recordCount: s.recordCount,
    importedAt: s.importedAt,
    importedBy: s.importedBy,
  };
}

/** The lines of a text, without copying it into an array first. */
function* textLines(text: string): Generator<string> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    yield text.slice(start, end);
    start = end + 1;
  }
}
