import { isObject } from "./json-shape";
import type { JsonObject } from "./json-shape";
import {
  NESSUS_EXPECTED,
  NESSUS_ITEM_FIELDS,
  NESSUS_ROOT,
  nessusHost,
  nessusRootMissing,
  nessusWarnings,
  newNessusResult,
} from "./nessus-parser";
import type { NessusOptions } from "./nessus-parser";
import { XmlSubtreeReader } from "./xml-stream";
import type { XmlLimits } from "./xml-stream";
import type { FormatParseResult, FormatStreamReader, RawRecord } from "./vulns-types";

/**
 * Nessus v2 XML read as a stream (any size): each `<ReportHost>` is built alone, mapped by the
 * same function as parseNessus and dropped, so memory holds the records, not the document.
 * Text the mapping never reads (plugin output, descriptions, solutions: most of a `.nessus`) is
 * not even kept while a host is built. With an asset override, the first host waits until a
 * second one shows the override does not apply (it names a single-host report only).
 */
export function nessusStreamReader(
  opts: NessusOptions = {},
  limits?: Partial<XmlLimits>,
): FormatStreamReader {
  const out = newNessusResult();
  let ready: RawRecord[] = [];
  let hosts = 0;
  let info = 0;
  let first: JsonObject | null = null;
  const map = (h: JsonObject, hi: number, single: boolean): void => {
    const host = nessusHost(h, hi, { opts, scanner: out.coverage.scanner, single });
    out.coverage.targets.push(host.target);
    for (const r of host.records) ready.push(r);
    info += host.info;
  };
  const xml = new XmlSubtreeReader({
    expected: NESSUS_EXPECTED,
    limits,
    isUnit: (p) =>
      p.length === 3 && p[0] === NESSUS_ROOT && p[1] === "Report" && p[2] === "ReportHost",
    // [root, Report, ReportHost, ReportItem, field, …]
    keepText: (p) => !(p.length === 5 && p[3] === "ReportItem" && !NESSUS_ITEM_FIELDS.has(p[4]!)),
    onOpen(path) {
      if (path.length === 1 && path[0] !== NESSUS_ROOT) throw nessusRootMissing();
    },
    onClose(path, outline) {
      // An empty root is no report (the whole-document parser sees "" instead of an object).
      if (path.length === 1 && outline.attributes + outline.children === 0)
        throw nessusRootMissing();
    },
    onUnit(_path, node) {
      if (!isObject(node)) return; // An empty <ReportHost/> is skipped, as objList does.
      const hi = hosts++;
      if (opts.asset && hi === 0) {
        first = node;
        return;
      }
      if (first) {
        map(first, 0, false);
        first = null;
      }
      map(node, hi, false);
    },
  });
  return {
    feed: (chunk) => xml.feed(chunk),
    take(): RawRecord[] {
      const taken = ready;
      ready = [];
      return taken;
    },
    finish(): FormatParseResult {
      xml.end();
      if (first) map(first, 0, true);
      first = null;
      return {
        records: ready,
        coverage: out.coverage,
        warnings: nessusWarnings(hosts, info, opts),
      };
    },
  };
}
