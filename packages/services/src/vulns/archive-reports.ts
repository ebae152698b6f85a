import { isAppError, AppError } from "@infrasec/core";
import { streamRecords } from "@infrasec/engines/vulns";
import type { ReportCoverage, StreamRecordsEnd, VulnReportFormat } from "@infrasec/engines/vulns";
import { archiveKind, archiveReports } from "./archive-entries";
import type { ArchiveLimits, ReportEntry } from "./archive-entries";
import { readReport } from "./import-parse";
import { IncomingCollector } from "./incoming-findings";
import type { IncomingSet } from "./incoming-findings";
import type { ReportSource } from "./report-source";

/**
 * The reports one import reads, grouped by reconciliation key: a plain or gzip report is one
 * group; an archive's reports are grouped by scanner (`--scanner` when given, else the scanner
 * each report names). One group is reconciled once, with the findings of all its reports
 * merged and their coverage united: two Trivy reports of one artifact (two images, two
 * lockfiles) are one Trivy scan of the asset, so the second does not close what the first
 * found, and the GitLab SAST and dependency-scanning reports of one pipeline keep their own
 * (asset, scanner, scope) like separate imports would.
 */
export interface ReportGroup {
  scanner: string;
  /** The format, or the formats joined by ", " when the group's reports differ. */
  format: string;
  /** Archive entries of the group; empty for a report that is not an archive. */
  entries: string[];
  coverage: ReportCoverage;
  incoming: IncomingSet;
  records: number;
}

interface ReadOptions {
  format?: VulnReportFormat;
  asset: string;
  /** The import's scanner: every report of an archive is reconciled under it. */
  scanner?: string;
}

/**
 * Reads every report of the source into merged findings, writing nothing: a report that fails
 * to parse, an archive past its caps or a corrupt one fails the whole import before
 * reconciliation starts. A group whose scanner was only known at the end of its second report
 * is read again into one collector (only then: a plain import or an archive of distinct
 * scanners reads each report once).
 */
export async function readReports(
  source: ReportSource,
  opts: ReadOptions,
  limits: ArchiveLimits,
  onProgress: (fraction: number) => void,
): Promise<ReportGroup[]> {
  const kind = await archiveKind(source);
  if (kind === null || source.kind !== "file") {
    const r = await readReport(source, opts, limits, onProgress);
    const scanner = opts.scanner ?? r.coverage.scanner.name;
    return [{ ...r, scanner, entries: [], format: r.format }];
  }
  const path = source.path;
  // A confirmed job is re-run with the scanner and format it stored: for an archive of several
  // they are lists ("trivy, grype", which no --scanner can be), meaning "detect each" again.
  if (opts.format?.includes(",")) opts = { ...opts, format: undefined };
  if (opts.scanner?.includes(",")) opts = { ...opts, scanner: undefined };
  interface Pending {
    scanner: string;
    collector: IncomingCollector;
    indexes: Set<number>;
    entries: string[];
    ends: StreamRecordsEnd[];
    /** Its collector holds only the first report: read the group's reports again. */
    reread: boolean;
  }
  const groups = new Map<string, Pending>();
  const shared = opts.scanner === undefined ? undefined : new IncomingCollector();
  // With a second pass the first reads the file once and the second re-reads part of it.
  let pass = (f: number) => onProgress(f);
  for await (const entry of archiveReports(path, kind, limits, (f) => pass(f))) {
    const collector = shared ?? new IncomingCollector();
    const end = await readEntry(entry, opts, collector);
    const scanner = opts.scanner ?? end.coverage.scanner.name;
    const g = groups.get(scanner);
    if (g) {
      g.reread ||= shared === undefined;
      g.indexes.add(entry.index);
      g.entries.push(entry.name);
      g.ends.push(end);
    } else {
      groups.set(scanner, {
        scanner,
        collector,
        indexes: new Set([entry.index]),
        entries: [entry.name],
        ends: [end],
        reread: false,
      });
    }
  }
  const again = [...groups.values()].filter((g) => g.reread);
  if (again.length > 0) {
    pass = (f) => onProgress(0.5 + f / 2);
    const byIndex = new Map<number, Pending>();
    for (const g of again) {
      g.collector = new IncomingCollector();
      for (const i of g.indexes) byIndex.set(i, g);
    }
    const only = new Set(byIndex.keys());
    for await (const entry of archiveReports(path, kind, limits, (f) => pass(f), only)) {
      await readEntry(entry, opts, byIndex.get(entry.index)!.collector);
    }
  }
  return [...groups.values()].map((g) => {
    const coverage = mergeCoverage(g.ends.map((e) => e.coverage));
    return {
      scanner: g.scanner,
      format: [...new Set(g.ends.map((e) => e.format))].join(", "),
      entries: g.entries,
      coverage,
      incoming: g.collector.finish(coverage),
      records: g.collector.records,
    };
  });
}

/** Streams one archive entry into `collector`; a failure names the entry. */
async function readEntry(
  entry: ReportEntry,
  opts: ReadOptions,
  collector: IncomingCollector,
): Promise<StreamRecordsEnd> {
  try {
    const gen = streamRecords(entry.chunks, {
      format: opts.format,
      asset: opts.asset,
      batchSize: 1000,
    });
    for (;;) {
      const r = await gen.next();
      if (r.done) return r.value;
      collector.add(r.value);
    }
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.message.startsWith("archive entry ")) throw e;
    throw new AppError(
      e.code,
      `archive entry ${entry.name}: ${e.message}`,
      e.details.length
        ? e.details.map((d) => ({ ...d, file: d.file ?? entry.name }))
        : [{ file: entry.name, message: e.message }],
      { cause: e },
    );
  }
}

/**
 * The coverage of several reports of one scanner: their targets together, a failed report's
 * targets marked failed (a failed scan covers nothing, so it closes nothing).
 */
export function mergeCoverage(list: ReportCoverage[]): ReportCoverage {
  const first = list[0]!;
  if (list.length === 1) return first;
  const statuses = new Set(list.map((c) => c.status));
  const scanTypes = new Set(list.map((c) => c.scanType));
  return {
    scanner: first.scanner,
    scanType: scanTypes.size === 1 ? first.scanType : null,
    status: statuses.size === 1 ? first.status : "unknown",
    targets: list.flatMap((c) =>
      c.status === "failure"
        ? c.targets.map((t) => ({ ...t, status: "failure" as const }))
        : c.targets,
    ),
    schemaVersion: first.schemaVersion,
  };
}
