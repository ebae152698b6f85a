import { streamRecords } from "@infrasec/engines/vulns";
import type { ReportCoverage, StreamRecordsEnd, VulnReportFormat } from "@infrasec/engines/vulns";
import { IncomingCollector } from "./incoming-findings";
import { favourMemoryForImports } from "./lean-heap";
import type { IncomingSet } from "./incoming-findings";
import { reportChunks } from "./report-source";
import type { ExpansionLimits, ReportSource } from "./report-source";

/** What an import knows once its report has been read. */
export interface ReadReport {
  format: VulnReportFormat;
  coverage: ReportCoverage;
  incoming: IncomingSet;
  /** Records the report held (findings are these merged by identity). */
  records: number;
}

/**
 * Reads a report as a stream and merges its records into compact per-identity entries: the
 * engine's records leave a batch at a time, so memory holds the merged findings (a few hundred
 * bytes each), never the report text nor its records. Nothing is written here: reconciliation
 * starts only once the whole report parsed, so a malformed or truncated report writes nothing.
 */
export async function readReport(
  source: ReportSource,
  opts: { format?: VulnReportFormat; asset: string },
  limits: ExpansionLimits,
  onProgress: (fraction: number) => void,
): Promise<ReadReport> {
  favourMemoryForImports();
  const collector = new IncomingCollector();
  const gen = streamRecords(reportChunks(source, limits, onProgress), {
    format: opts.format,
    asset: opts.asset,
    batchSize: 1000,
  });
  let end: StreamRecordsEnd;
  for (;;) {
    const r = await gen.next();
    if (r.done) {
      end = r.value;
      break;
    }
    collector.add(r.value);
  }
  return {
    format: end.format,
    coverage: end.coverage,
    incoming: collector.finish(end.coverage),
    records: collector.records,
  };
}
