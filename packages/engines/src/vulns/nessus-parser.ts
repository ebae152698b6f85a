import { normalizeIdentifier } from "@infrasec/core";
import { vulnParseError } from "./parse-error";
import { isObject } from "./json-shape";
import type { JsonObject } from "./json-shape";
import {
  coverageTarget,
  cvssEntry,
  newCoverage,
  newRawRecord,
  normalizeCwes,
} from "./record-builder";
import { severityFromNessus } from "./severity-normalize";
import { asList, objList, xmlText } from "./xml-source";
import type { FormatParseOptions } from "./trivy-parser";
import type {
  CoverageTarget,
  CvssScore,
  FormatParseResult,
  RawRecord,
  ScannerInfo,
} from "./vulns-types";

/** Human name of the format, in errors. */
export const NESSUS_EXPECTED = "Nessus v2 XML (.nessus)";

/** Nessus options: informational items (severity 0) are coverage evidence, not findings, by default. */
export interface NessusOptions extends FormatParseOptions {
  includeInfo?: boolean;
}

/**
 * Nessus `.nessus` (NessusClientData_v2): one record per ReportHost × ReportItem with severity
 * above 0. Identity is (host, protocol/port, plugin): the plugin is the stable check id, and its
 * CVE list is *related* (Tenable adds CVEs to plugins over time; identity must not move). Each
 * ReportHost is a coverage target, with `Credentialed_Scan` as authentication evidence.
 */
export function parseNessus(doc: JsonObject, opts: NessusOptions = {}): FormatParseResult {
  const root = doc[NESSUS_ROOT];
  if (!isObject(root)) throw nessusRootMissing();
  const out = newNessusResult();
  const hosts = objList(root.Report).flatMap((r) => objList(r.ReportHost));
  const single = hosts.length === 1;
  let info = 0;
  hosts.forEach((h, hi) => {
    const host = nessusHost(h, hi, { opts, scanner: out.coverage.scanner, single });
    out.coverage.targets.push(host.target);
    for (const r of host.records) out.records.push(r);
    info += host.info;
  });
  out.warnings = nessusWarnings(hosts.length, info, opts);
  return out;
}

/** Root element of a Nessus v2 export. */
export const NESSUS_ROOT = "NessusClientData_v2";

/** The error for a document whose root is not <NessusClientData_v2> (or is empty). */
export function nessusRootMissing(): Error {
  return vulnParseError(NESSUS_EXPECTED, `root element <${NESSUS_ROOT}> not found`, { path: "/" });
}

/** An empty result: one scanner, coverage by host, status success (Nessus lists hosts scanned). */
export function newNessusResult(): FormatParseResult {
  const scanner: ScannerInfo = { name: "nessus", version: null };
  const out: FormatParseResult = {
    records: [],
    coverage: newCoverage(scanner, "2", "host"),
    warnings: [],
  };
  out.coverage.status = "success";
  return out;
}

/** What mapping one ReportHost needs from the rest of the report. */
export interface NessusHostContext {
  opts: NessusOptions;
  scanner: ScannerInfo;
  /** Whether the report has exactly one host (the asset override applies only then). */
  single: boolean;
}

/** One ReportHost mapped: its coverage target, its records and its informational item count. */
export interface NessusHost {
  target: CoverageTarget;
  records: RawRecord[];
  info: number;
}

/**
 * Maps one ReportHost (in parseXmlText's shape) at position `hi` among the report's hosts. Shared
 * by the whole-document parser and the stream reader, so both give identical records.
 */
export function nessusHost(h: JsonObject, hi: number, ctx: NessusHostContext): NessusHost {
  const { opts, scanner } = ctx;
  const props = hostProps(h);
  const name = xmlText(h["@_name"]) ?? `host-${hi}`;
  const fqdn = props.get("host-fqdn");
  const ip = props.get("host-ip");
  const asset =
    opts.asset && ctx.single
      ? opts.asset
      : fqdn
        ? normalizeIdentifier("fqdn", fqdn)
        : normalizeIdentifier(ip ? "ip" : "hostname", ip ?? name);
  const cred = props.get("Credentialed_Scan");
  const out: NessusHost = {
    target: coverageTarget(asset, null, "host", {
      status: "success",
      authenticated: cred === undefined ? null : cred.toLowerCase() === "true",
    }),
    records: [],
    info: 0,
  };
  for (const item of objList(h.ReportItem)) {
    const sevNum = Number(xmlText(item["@_severity"]) ?? "0");
    if (sevNum <= 0 && !opts.includeInfo) {
      out.info++;
      continue;
    }
    const plugin = xmlText(item["@_pluginID"]);
    if (!plugin)
      throw vulnParseError(NESSUS_EXPECTED, `ReportItem without pluginID on host ${name}`, {
        path: `/ReportHost[@name="${name}"]`,
      });
    const port = Number(xmlText(item["@_port"]) ?? "0");
    const protocol = (xmlText(item["@_protocol"]) ?? "tcp").toLowerCase();
    const service = xmlText(item["@_svc_name"]);
    out.records.push(
      newRawRecord({
        kind: "host",
        reportedId: `NESSUS-${plugin}`,
        related: asList(item.cve)
          .map((c) => xmlText(c) ?? "")
          .filter(Boolean),
        target: asset,
        scanner,
        title: xmlText(item["@_pluginName"]),
        scannerSeverity: severityFromNessus(sevNum),
        cvss: nessusCvss(item),
        cwes: normalizeCwes(asList(item.cwe).map((c) => xmlText(c))),
        locus: `${protocol}/${port}`,
        fixedVersion: null,
        location: {
          port,
          protocol,
          ...(service ? { service } : {}),
          ...(ip ? { detail: ip } : {}),
        },
      }),
    );
  }
  return out;
}

/** The report's warnings, in the order the whole-document parser has always given them. */
export function nessusWarnings(hosts: number, info: number, opts: NessusOptions): string[] {
  const warnings: string[] = [];
  if (opts.asset && hosts !== 1)
    warnings.push("asset override ignored: the report covers several hosts");
  if (info)
    warnings.push(`${info} informational item(s) (severity 0) kept as coverage evidence only`);
  return warnings;
}

/** ReportItem children the mapping reads; the stream reader drops the text of all others. */
export const NESSUS_ITEM_FIELDS: ReadonlySet<string> = new Set([
  "cve",
  "cwe",
  "cvss_vector",
  "cvss_base_score",
  "cvss3_vector",
  "cvss3_base_score",
  "cvss4_vector",
  "cvss4_base_score",
]);

function hostProps(h: JsonObject): Map<string, string> {
  const m = new Map<string, string>();
  const hp = isObject(h.HostProperties) ? h.HostProperties : {};
  for (const t of objList(hp.tag)) {
    const k = xmlText(t["@_name"]);
    const v = xmlText(t);
    if (k && v !== null) m.set(k, v);
  }
  return m;
}

function nessusCvss(item: JsonObject): CvssScore[] {
  const num = (k: string): number | null => {
    const s = xmlText(item[k]);
    return s !== null && Number.isFinite(Number(s)) ? Number(s) : null;
  };
  const v2vec = xmlText(item.cvss_vector)?.replace(/^CVSS2#/, "") ?? null;
  return [
    cvssEntry("3", "nessus", num("cvss3_base_score"), xmlText(item.cvss3_vector)),
    cvssEntry("2", "nessus", num("cvss_base_score"), v2vec),
    cvssEntry("4", "nessus", num("cvss4_base_score"), xmlText(item.cvss4_vector)),
  ].filter((c): c is CvssScore => c !== null);
}
