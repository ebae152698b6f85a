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
import type { CvssScore, FormatParseResult, ScannerInfo } from "./vulns-types";

const EXPECTED = "Nessus v2 XML (.nessus)";

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
  const root = doc.NessusClientData_v2;
  if (!isObject(root))
    throw vulnParseError(EXPECTED, "root element <NessusClientData_v2> not found", { path: "/" });
  const scanner: ScannerInfo = { name: "nessus", version: null };
  const out: FormatParseResult = {
    records: [],
    coverage: newCoverage(scanner, "2", "host"),
    warnings: [],
  };
  out.coverage.status = "success";
  const hosts = objList(root.Report).flatMap((r) => objList(r.ReportHost));
  const single = hosts.length === 1;
  if (opts.asset && !single)
    out.warnings.push("asset override ignored: the report covers several hosts");
  let info = 0;
  hosts.forEach((h, hi) => {
    const props = hostProps(h);
    const name = xmlText(h["@_name"]) ?? `host-${hi}`;
    const fqdn = props.get("host-fqdn");
    const ip = props.get("host-ip");
    const asset =
      opts.asset && single
        ? opts.asset
        : fqdn
          ? normalizeIdentifier("fqdn", fqdn)
          : normalizeIdentifier(ip ? "ip" : "hostname", ip ?? name);
    const cred = props.get("Credentialed_Scan");
    out.coverage.targets.push(
      coverageTarget(asset, null, "host", {
        status: "success",
        authenticated: cred === undefined ? null : cred.toLowerCase() === "true",
      }),
    );
    for (const item of objList(h.ReportItem)) {
      const sevNum = Number(xmlText(item["@_severity"]) ?? "0");
      if (sevNum <= 0 && !opts.includeInfo) {
        info++;
        continue;
      }
      const plugin = xmlText(item["@_pluginID"]);
      if (!plugin)
        throw vulnParseError(EXPECTED, `ReportItem without pluginID on host ${name}`, {
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
  });
  if (info)
    out.warnings.push(`${info} informational item(s) (severity 0) kept as coverage evidence only`);
  return out;
}

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
