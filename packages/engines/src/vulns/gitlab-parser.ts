import { normalizeImageRef } from "@infrasec/core";
import { detached } from "./detach-string";
import { childPath, vulnParseError } from "./parse-error";
import { isObject, needArray, needObject, optArray, optNumber, optString } from "./json-shape";
import type { JsonObject } from "./json-shape";
import { coverageTarget, newCoverage, newRawRecord } from "./record-builder";
import { severityFromText } from "./severity-normalize";
import { vulnIdFamily } from "./vuln-ids";
import type { FormatParseOptions } from "./trivy-parser";
import type { FormatParseResult, Occurrence, RawRecord, ScannerInfo } from "./vulns-types";
import type { Severity } from "@infrasec/core";

/** Format name in GitLab errors. */
export const GITLAB_EXPECTED = "GitLab security report (schema 15.x)";
const EXPECTED = GITLAB_EXPECTED;

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
  const firstVuln = Array.isArray(root.vulnerabilities)
    ? (root.vulnerabilities as unknown[]).find(isObject)
    : undefined;
  const ctx = gitlabContext(root, firstVuln);
  const records: RawRecord[] = [];
  needArray(root.vulnerabilities, "$.vulnerabilities", EXPECTED).forEach((v, i) => {
    const facts = gitlabVulnFacts(v, childPath("$.vulnerabilities", i));
    records.push(gitlabVulnRecord(facts, ctx, opts));
  });
  const out = gitlabResult(ctx, new Set(records.map((r) => r.target)), opts);
  out.records = records;
  return out;
}

/** What every record of a report shares: report type, scanner, scan status. */
export interface GitlabContext {
  version: string;
  type: string;
  scanner: ScannerInfo;
  status: "success" | "failure" | "unknown";
}

/**
 * Version check, report type and scanner. `firstVuln` is the first vulnerability object: 14.x
 * reports may name the type (`category`) and scanner only there.
 */
export function gitlabContext(root: JsonObject, firstVuln: JsonObject | undefined): GitlabContext {
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
  const type = optString(scan.type) ?? optString(firstVuln?.category) ?? "unknown";
  const sc = isObject(scan.scanner)
    ? scan.scanner
    : isObject(firstVuln?.scanner)
      ? firstVuln.scanner
      : {};
  const status =
    scan.status === "success" ? "success" : scan.status === "failure" ? "failure" : "unknown";
  return {
    version,
    type,
    scanner: {
      name: (optString(sc.id) ?? optString(sc.name) ?? "gitlab").toLowerCase(),
      version: optString(sc.version),
    },
    status,
  };
}

/**
 * Coverage (one target per asset the records name, in first-seen order) and warnings; the
 * caller sets the records.
 */
export function gitlabResult(
  ctx: GitlabContext,
  recordAssets: ReadonlySet<string>,
  opts: FormatParseOptions,
): FormatParseResult {
  const out: FormatParseResult = {
    records: [],
    coverage: newCoverage(ctx.scanner, ctx.version, ctx.type),
    warnings: [],
  };
  if (!ctx.version.startsWith("15."))
    out.warnings.push(
      `report version ${ctx.version} is older than 15.x; read on a best-effort basis`,
    );
  out.coverage.status = ctx.status;
  const assets = recordAssets.size ? recordAssets : [opts.asset ?? "repository"];
  for (const a of assets)
    out.coverage.targets.push(coverageTarget(a, null, ctx.type, { status: ctx.status }));
  return out;
}

/** What a record needs of one vulnerability, for any report type (known only from `scan`). */
export interface GitlabVulnFacts {
  values: string[];
  vulnIds: string[];
  cwes: string[];
  severity: Severity | null;
  title: string | null;
  packageName: string | null;
  os: string | null;
  packageVersion: string | null;
  image: string | null;
  file: string | null;
  fixedVersion: string | null;
  startLine: number | null;
  endLine: number | null;
  commit: string | null;
  signature: string | null;
}

/** The compact form of one `vulnerabilities[]` entry; checks identifiers and location. */
export function gitlabVulnFacts(value: unknown, p: string): GitlabVulnFacts {
  const v = needObject(value, p, EXPECTED);
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
  const dep = isObject(loc.dependency) ? loc.dependency : {};
  const pkg = isObject(dep.package) ? dep.package : {};
  return {
    values,
    vulnIds,
    cwes: ids
      .filter((x) => (optString(x.type) ?? "").toLowerCase() === "cwe")
      .map((x) => `CWE-${(optString(x.value) ?? "").replace(/\D/g, "")}`),
    severity: severityFromText(optString(v.severity)),
    title: optString(v.name) ?? optString(v.message),
    packageName: optString(pkg.name),
    os: optString(loc.operating_system),
    packageVersion: optString(dep.version),
    image: optString(loc.image),
    file: optString(loc.file),
    fixedVersion: detached(
      /\bto (?:version )?(\S+?)\.?$/.exec(optString(v.solution) ?? "")?.[1] ?? null,
    ),
    startLine: optNumber(loc.start_line),
    endLine: optNumber(loc.end_line),
    commit: isObject(loc.commit) ? optString(loc.commit.sha) : null,
    signature: trackingSignature(v),
  };
}

/** The record of one vulnerability: a package, code or secret finding by report type. */
export function gitlabVulnRecord(
  f: GitlabVulnFacts,
  ctx: GitlabContext,
  opts: FormatParseOptions,
): RawRecord {
  if (PACKAGE_TYPES.has(ctx.type)) {
    const reported = f.vulnIds[0] ?? f.values[0]!;
    return newRawRecord({
      kind: "package",
      reportedId: reported,
      aliases: f.vulnIds.filter((x) => x !== reported),
      target: opts.asset ?? (f.image ? imageAsset(f.image) : "repository"),
      scanner: ctx.scanner,
      title: f.title,
      scannerSeverity: f.severity,
      package: f.packageName,
      ecosystem: f.os,
      version: f.packageVersion,
      fixedVersion: f.fixedVersion,
      location: { ...(f.file ? { path: f.file } : {}), ...(f.image ? { detail: f.image } : {}) },
    });
  }
  const file = f.file ?? "";
  const start = f.startLine;
  const occurrence: Occurrence = {
    path: file,
    ...(start ? { startLine: start } : {}),
    ...(f.endLine ? { endLine: f.endLine } : {}),
    ...(f.commit ? { detail: `commit ${f.commit}` } : {}),
  };
  const secret = ctx.type === "secret_detection";
  return newRawRecord({
    kind: secret ? "secret" : "code",
    reportedId: f.values[0]!,
    aliases: f.vulnIds.filter((x) => x !== f.values[0]),
    target: opts.asset ?? "repository",
    scanner: ctx.scanner,
    title: f.title,
    scannerSeverity: f.severity,
    cwes: f.cwes,
    locus: secret ? file : `${file}#${f.signature ?? `line=${start ?? 0}`}`,
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
