import { normalizeImageRef } from "@infrasec/core";
import { detached } from "./detach-string";
import { childPath } from "./parse-error";
import {
  isObject,
  needArray,
  needObject,
  optArray,
  optNumber,
  optString,
  stringList,
} from "./json-shape";
import type { JsonObject } from "./json-shape";
import { coverageTarget, newCoverage, newRawRecord } from "./record-builder";
import { severityFromText } from "./severity-normalize";
import type { FormatParseOptions } from "./trivy-parser";
import type { CvssScore, FixState, FormatParseResult, RawRecord, ScannerInfo } from "./vulns-types";

const EXPECTED = "Grype JSON report";

/**
 * Grype JSON (`grype -o json`): one record per match; artifact locations are occurrences
 * (they merge under one finding), `relatedVulnerabilities` are aliases, ignored matches keep
 * their VEX status.
 */
export function parseGrype(doc: unknown, opts: FormatParseOptions = {}): FormatParseResult {
  const root = needObject(doc, "$", EXPECTED);
  const out = grypeSkeleton(root, opts);
  const asset = out.coverage.targets[0]!.asset;
  for (const section of GRYPE_SECTIONS) {
    const list =
      section === "matches"
        ? needArray(root.matches, "$.matches", EXPECTED)
        : optArray(root[section], `$.${section}`, EXPECTED);
    list.forEach((m, i) => {
      out.records.push(
        grypeItemRecord(section, m, childPath(`$.${section}`, i), asset, out.coverage.scanner),
      );
    });
  }
  return out;
}

/** Arrays of a Grype report that hold matches. */
export const GRYPE_SECTIONS = ["matches", "ignoredMatches"] as const;
/** One of GRYPE_SECTIONS. */
export type GrypeSection = (typeof GRYPE_SECTIONS)[number];

/**
 * Scanner, asset and coverage from the top-level fields (`descriptor`, `source`), with no
 * records yet. Grype writes these *after* the matches, so the stream reader calls it last.
 */
export function grypeSkeleton(root: JsonObject, opts: FormatParseOptions): FormatParseResult {
  const desc = isObject(root.descriptor) ? root.descriptor : {};
  const scanner: ScannerInfo = {
    name: optString(desc.name) ?? "grype",
    version: optString(desc.version),
  };
  const source = isObject(root.source) ? root.source : {};
  const asset = opts.asset ?? assetOf(source);
  const out: FormatParseResult = {
    records: [],
    coverage: newCoverage(scanner, null, optString(source.type)),
    warnings: [],
  };
  out.coverage.status = "success";
  out.coverage.targets.push(
    coverageTarget(asset, null, optString(source.type) ?? "unknown", { status: "success" }),
  );
  return out;
}

/** The record of one match; an ignored match keeps the VEX status of the rule that hid it. */
export function grypeItemRecord(
  section: GrypeSection,
  item: unknown,
  path: string,
  asset: string,
  scanner: ScannerInfo,
): RawRecord {
  const mo = needObject(item, path, EXPECTED);
  const rec = matchRecord(mo, path, asset, scanner);
  if (section === "ignoredMatches") {
    const rule =
      optArray(mo.appliedIgnoreRules, `${path}.appliedIgnoreRules`, EXPECTED).find(isObject) ?? {};
    rec.vex = {
      state: optString(rule["vex-status"]) ?? "suppressed",
      ...(optString(rule["vex-justification"])
        ? { justification: optString(rule["vex-justification"])! }
        : {}),
    };
  }
  return rec;
}

function assetOf(source: JsonObject): string {
  const t = source.target;
  if (typeof t === "string") return t;
  if (!isObject(t)) return "unknown";
  const tag = stringList(t.tags)[0];
  if (source.type === "image") {
    const ref = tag ?? optString(t.userInput);
    return ref ? normalizeImageRef(ref) : (optString(t.imageID) ?? "unknown");
  }
  return optString(t.userInput) ?? optString(t.path) ?? "unknown";
}

function matchRecord(m: JsonObject, path: string, asset: string, scanner: ScannerInfo): RawRecord {
  const v = needObject(m.vulnerability, `${path}.vulnerability`, EXPECTED);
  const a = needObject(m.artifact, `${path}.artifact`, EXPECTED);
  const fix = isObject(v.fix) ? v.fix : {};
  const fixVersions = stringList(fix.versions);
  const related = optArray(m.relatedVulnerabilities, `${path}.relatedVulnerabilities`, EXPECTED)
    .map((r) => (isObject(r) ? optString(r.id) : null))
    .filter((x): x is string => x !== null);
  const id = optString(v.id) ?? "unknown";
  const epss = optArray(v.epss, `${path}.vulnerability.epss`, EXPECTED).find(isObject);
  const locations = optArray(a.locations, `${path}.artifact.locations`, EXPECTED).filter(isObject);
  const first = locations[0];
  return newRawRecord({
    kind: "package",
    reportedId: id,
    aliases: related.filter((r) => r !== id),
    target: asset,
    scanner,
    title: detached(optString(v.description)?.slice(0, 200) ?? null),
    scannerSeverity: severityFromText(optString(v.severity)),
    cvss: [...grypeCvss(v.cvss), ...(related.length ? relatedCvss(m.relatedVulnerabilities) : [])],
    package: optString(a.name),
    purl: optString(a.purl),
    ecosystem: optString(a.type),
    version: optString(a.version),
    fixedVersion: fixVersions.length ? fixVersions.join(", ") : null,
    fixState: grypeFixState(optString(fix.state)),
    epss:
      epss && optNumber(epss.epss) !== null
        ? { score: optNumber(epss.epss)!, percentile: optNumber(epss.percentile) }
        : null,
    location: first
      ? {
          ...(optString(first.path) ? { path: optString(first.path)! } : {}),
          ...(optString(first.layerID) ? { layer: optString(first.layerID)! } : {}),
        }
      : {},
  });
}

/** Grype puts NVD's CVSS on the related record when the match came from a distro feed. */
function relatedCvss(related: unknown): CvssScore[] {
  if (!Array.isArray(related)) return [];
  return related.flatMap((r) => (isObject(r) ? grypeCvss(r.cvss) : []));
}

function grypeCvss(list: unknown): CvssScore[] {
  if (!Array.isArray(list)) return [];
  const out: CvssScore[] = [];
  for (const c of list) {
    if (!isObject(c)) continue;
    const ver = (optString(c.version) ?? "3").charAt(0);
    if (ver !== "2" && ver !== "3" && ver !== "4") continue;
    const metrics = isObject(c.metrics) ? c.metrics : {};
    const source = (optString(c.source) ?? "unknown").includes("nvd")
      ? "nvd"
      : (optString(c.source) ?? "unknown");
    out.push({
      version: ver,
      score: optNumber(metrics.baseScore),
      vector: optString(c.vector),
      source,
    });
  }
  return out;
}

function grypeFixState(s: string | null): FixState {
  switch (s) {
    case "fixed":
      return "fixed";
    case "not-fixed":
      return "not_fixed";
    case "wont-fix":
      return "wont_fix";
    default:
      return "unknown";
  }
}
