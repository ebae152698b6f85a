import { normalizeImageRef } from "@infrasec/core";
import { childPath, vulnParseError } from "./parse-error";
import { isObject, needArray, needObject, optArray, optNumber, optString } from "./json-shape";
import type { JsonObject } from "./json-shape";
import { coverageTarget, newCoverage, newRawRecord } from "./record-builder";
import { severityFromText } from "./severity-normalize";
import { vulnIdFamily } from "./vuln-ids";
import type { FormatParseOptions } from "./trivy-parser";
import type { FormatParseResult, Occurrence, RawRecord, ScannerInfo } from "./vulns-types";

const EXPECTED = "GitLab security report (schema 15.x)";

/** GitLab report types read as package findings; the others are code or secret findings. */
const PACKAGE_TYPES = new Set([
  "container_scanning",
  "dependency_scanning",
  "cluster_image_scanning",
]);

/**
 * GitLab security reports (container scanning, dependency scanning, SAST, secret detection;
 * schema 15.x, 14.x accepted with a warning). The first identifier is GitLab's primary one; CVE,
 * GHSA and OSV identifiers become aliases (CWE and WASC never do). Unlike GitLab's own
 * fingerprint, the installed version is part of package identity (domain brief §6 rule 5).
 */
export function parseGitlab(doc: unknown, opts: FormatParseOptions = {}): FormatParseResult {
  const root = needObject(doc, "$", EXPECTED);
  const version = optString(root.version);
  if (!version || !/^1[45]\./.test(version)) {
    throw vulnParseError(EXPECTED, `unsupported report version ${JSON.stringify(root.version)}`, {
      path: "$.version",
    });
  }
  // Schema 15 requires `scan`; 14.x reports (and GitLab's own legacy fixtures) may lack it.
  const scan =
    version.startsWith("15.") || root.scan !== undefined
      ? needObject(root.scan, "$.scan", EXPECTED)
      : {};
  const type = optString(scan.type) ?? optString(firstVulnCategory(root)) ?? "unknown";
  const firstVuln = Array.isArray(root.vulnerabilities)
    ? (root.vulnerabilities as unknown[]).find(isObject)
    : undefined;
  const sc = isObject(scan.scanner)
    ? scan.scanner
    : isObject(firstVuln?.scanner)
      ? firstVuln.scanner
      : {};
  const scanner: ScannerInfo = {
    name: (optString(sc.id) ?? optString(sc.name) ?? "gitlab").toLowerCase(),
    version: optString(sc.version),
  };
  const out: FormatParseResult = {
    records: [],
    coverage: newCoverage(scanner, version, type),
    warnings: [],
  };
  if (!version.startsWith("15."))
    out.warnings.push(`report version ${version} is older than 15.x; read on a best-effort basis`);
  out.coverage.status =
    scan.status === "success" ? "success" : scan.status === "failure" ? "failure" : "unknown";
  const assets = new Set<string>();
  needArray(root.vulnerabilities, "$.vulnerabilities", EXPECTED).forEach((v, i) => {
    const p = childPath("$.vulnerabilities", i);
    const rec = vulnRecord(needObject(v, p, EXPECTED), p, type, scanner, opts);
    assets.add(rec.target);
    out.records.push(rec);
  });
  if (assets.size === 0) assets.add(opts.asset ?? "repository");
  for (const a of assets)
    out.coverage.targets.push(coverageTarget(a, null, type, { status: out.coverage.status }));
  return out;
}

function vulnRecord(
  v: JsonObject,
  p: string,
  type: string,
  scanner: ScannerInfo,
  opts: FormatParseOptions,
): RawRecord {
  const ids = optArray(v.identifiers, `${p}.identifiers`, EXPECTED).filter(isObject);
  if (ids.length === 0)
    throw vulnParseError(EXPECTED, "at least one identifier is required", {
      path: `${p}.identifiers`,
    });
  const values = ids.map((x) => optString(x.value) ?? optString(x.name) ?? "");
  const vulnIds = ids
    .filter(
      (x) =>
        ["cve", "ghsa", "osv"].includes((optString(x.type) ?? "").toLowerCase()) ||
        isVulnFamily(optString(x.value)),
    )
    .map((x) => optString(x.value)!)
    .filter(Boolean);
  const loc = needObject(v.location, `${p}.location`, EXPECTED);
  const severity = severityFromText(optString(v.severity));
  const title = optString(v.name) ?? optString(v.message);
  if (PACKAGE_TYPES.has(type)) {
    const dep = isObject(loc.dependency) ? loc.dependency : {};
    const pkg = isObject(dep.package) ? dep.package : {};
    const image = optString(loc.image);
    const file = optString(loc.file);
    const reported = vulnIds[0] ?? values[0]!;
    const fixed = /\bto (?:version )?(\S+?)\.?$/.exec(optString(v.solution) ?? "")?.[1] ?? null;
    return newRawRecord({
      kind: "package",
      reportedId: reported,
      aliases: vulnIds.filter((x) => x !== reported),
      target: opts.asset ?? (image ? imageAsset(image) : "repository"),
      scanner,
      title,
      scannerSeverity: severity,
      package: optString(pkg.name),
      ecosystem: optString(loc.operating_system),
      version: optString(dep.version),
      fixedVersion: fixed,
      location: { ...(file ? { path: file } : {}), ...(image ? { detail: image } : {}) },
    });
  }
  const file = optString(loc.file) ?? "";
  const start = optNumber(loc.start_line);
  const end = optNumber(loc.end_line);
  const commit = isObject(loc.commit) ? optString(loc.commit.sha) : null;
  const occurrence: Occurrence = {
    path: file,
    ...(start ? { startLine: start } : {}),
    ...(end ? { endLine: end } : {}),
    ...(commit ? { detail: `commit ${commit}` } : {}),
  };
  const secret = type === "secret_detection";
  return newRawRecord({
    kind: secret ? "secret" : "code",
    reportedId: values[0]!,
    aliases: vulnIds.filter((x) => x !== values[0]),
    target: opts.asset ?? "repository",
    scanner,
    title,
    scannerSeverity: severity,
    cwes: ids
      .filter((x) => (optString(x.type) ?? "").toLowerCase() === "cwe")
      .map((x) => `CWE-${(optString(x.value) ?? "").replace(/\D/g, "")}`),
    locus: secret ? file : `${file}#${trackingSignature(v) ?? `line=${start ?? 0}`}`,
    location: occurrence,
  });
}

function isVulnFamily(id: string | null): boolean {
  if (!id) return false;
  const f = vulnIdFamily(id);
  return f === "cve" || f === "ghsa";
}

/** Images from archives (`x.tar.gz`) are not registry references; keep them as given. */
function imageAsset(image: string): string {
  return /\.tar(\.gz)?$|^\/|^\./.test(image) ? image : normalizeImageRef(image);
}

/** GitLab's tracking signature (scope_offset, else hash): survives line shifts. */
function trackingSignature(v: JsonObject): string | null {
  const tracking = isObject(v.tracking) ? v.tracking : null;
  if (!tracking) return null;
  const sigs = (Array.isArray(tracking.items) ? tracking.items : [])
    .filter(isObject)
    .flatMap((it) => (Array.isArray(it.signatures) ? it.signatures.filter(isObject) : []));
  for (const algo of ["scope_offset", "hash"]) {
    const s = sigs.find((x) => x.algorithm === algo);
    if (s && optString(s.value)) return `${algo}=${optString(s.value)}`;
  }
  return null;
}

/** 14.x reports name the report type per vulnerability (`category`). */
function firstVulnCategory(root: JsonObject): unknown {
  const v = Array.isArray(root.vulnerabilities)
    ? (root.vulnerabilities as unknown[]).find(isObject)
    : undefined;
  return v?.category;
}
