import { childPath, vulnParseError } from "./parse-error";
import { isObject, needObject, optArray, optString } from "./json-shape";
import { coverageTarget, newCoverage } from "./record-builder";
import {
  TRIVY_EXPECTED,
  TRIVY_SECTIONS,
  trivyAsset,
  trivyItemRecord,
  trivyResultContext,
} from "./trivy-records";
import type { FormatParseResult, ScannerInfo } from "./vulns-types";

const EXPECTED = TRIVY_EXPECTED;

/** Options shared by the format parsers. */
export interface FormatParseOptions {
  /** Asset key to use instead of the one the report names (image, host, repository). */
  asset?: string;
}

/**
 * Trivy JSON: SchemaVersion 2 (image, filesystem, repository, VM), the legacy bare array of
 * results (schema 1), and Kubernetes reports (`ClusterName` with `Resources[]` or the older
 * `Vulnerabilities[]` / `Misconfigurations[]` per resource). Vulnerabilities, failed
 * misconfigurations, secrets and VEX-suppressed findings become records.
 */
export function parseTrivy(doc: unknown, opts: FormatParseOptions = {}): FormatParseResult {
  const warnings: string[] = [];
  if (Array.isArray(doc)) {
    const scanner = { name: "trivy", version: null };
    const out: FormatParseResult = { records: [], coverage: newCoverage(scanner, "1"), warnings };
    readResults(doc, "$", opts.asset ?? "unknown", scanner, out);
    if (!opts.asset) warnings.push("legacy Trivy report names no artifact; pass an asset key");
    return out;
  }
  const root = needObject(doc, "$", EXPECTED);
  const trivy = isObject(root.Trivy) ? root.Trivy : {};
  const scanner: ScannerInfo = { name: "trivy", version: optString(trivy.Version) };
  const out: FormatParseResult = {
    records: [],
    coverage: newCoverage(scanner, optString(root.SchemaVersion), optString(root.ArtifactType)),
    warnings,
  };
  if (root.ClusterName !== undefined) {
    out.coverage.scanType = "kubernetes";
    const cluster = optString(root.ClusterName) ?? "cluster";
    for (const key of ["Resources", "Vulnerabilities", "Misconfigurations"] as const) {
      optArray(root[key], `$.${key}`, EXPECTED).forEach((res, i) => {
        const p = childPath(`$.${key}`, i);
        const r = needObject(res, p, EXPECTED);
        const asset =
          opts.asset ??
          [
            cluster,
            optString(r.Namespace) ?? "",
            optString(r.Kind) ?? "",
            optString(r.Name) ?? "",
          ].join("/");
        readResults(
          optArray(r.Results, `${p}.Results`, EXPECTED),
          `${p}.Results`,
          asset,
          scanner,
          out,
        );
      });
    }
    out.coverage.status = "success";
    return out;
  }
  if (root.SchemaVersion !== 2 && root.SchemaVersion !== undefined) {
    throw vulnParseError(
      EXPECTED,
      `unsupported SchemaVersion ${JSON.stringify(root.SchemaVersion)} (2 expected)`,
      {
        path: "$.SchemaVersion",
      },
    );
  }
  readResults(
    optArray(root.Results, "$.Results", EXPECTED),
    "$.Results",
    trivyAsset(root, opts.asset),
    scanner,
    out,
  );
  out.coverage.status = "success";
  return out;
}

function readResults(
  results: unknown[],
  path: string,
  asset: string,
  scanner: ScannerInfo,
  out: FormatParseResult,
): void {
  results.forEach((res, i) => {
    const p = childPath(path, i);
    const r = needObject(res, p, EXPECTED);
    const ctx = trivyResultContext(r, asset, scanner);
    const pkgs = Array.isArray(r.Packages) ? r.Packages.length : null;
    out.coverage.targets.push(
      coverageTarget(asset, ctx.target, ctx.cls, { packages: pkgs, status: "success" }),
    );
    for (const section of TRIVY_SECTIONS) {
      const sp = `${p}.${section}`;
      optArray(r[section], sp, EXPECTED).forEach((item, j) => {
        const rec = trivyItemRecord(section, item, childPath(sp, j), ctx);
        if (rec) out.records.push(rec);
      });
    }
  });
}
