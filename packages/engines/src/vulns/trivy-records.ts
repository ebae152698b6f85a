import { normalizeImageRef } from "@infrasec/core";
import { isObject, needObject, optNumber, optString, stringList } from "./json-shape";
import type { JsonObject } from "./json-shape";
import { cvssEntry, newRawRecord, normalizeCwes } from "./record-builder";
import { severityFromText } from "./severity-normalize";
import type { CvssScore, FixState, RawRecord, ScannerInfo } from "./vulns-types";

/** Format name used in Trivy errors. */
export const TRIVY_EXPECTED = "Trivy JSON report";

/** The per-result arrays that hold findings, in the order Trivy writes them. */
export const TRIVY_SECTIONS = [
  "Vulnerabilities",
  "ExperimentalModifiedFindings",
  "Misconfigurations",
  "Secrets",
] as const;
/** One of TRIVY_SECTIONS. */
export type TrivySection = (typeof TRIVY_SECTIONS)[number];

/** What every record of one Trivy `Result` shares. */
export interface TrivyCtx {
  asset: string;
  target: string;
  cls: string;
  type: string | null;
  scanner: ScannerInfo;
}

/** Context of one `Result` object. */
export function trivyResultContext(r: JsonObject, asset: string, scanner: ScannerInfo): TrivyCtx {
  return {
    asset,
    target: optString(r.Target) ?? "",
    cls: optString(r.Class) ?? "unknown",
    type: optString(r.Type),
    scanner,
  };
}

/**
 * Asset key of a schema-2 report: the caller's, else the image's first tag (normalized), else
 * ArtifactName. A tag names the image across rebuilds; the archive path Trivy was given often does not.
 */
export function trivyAsset(root: JsonObject, override: string | undefined): string {
  if (override) return override;
  const name = optString(root.ArtifactName) ?? "unknown";
  if (root.ArtifactType !== "container_image") return name;
  const meta = isObject(root.Metadata) ? root.Metadata : {};
  const tag = stringList(meta.RepoTags)[0];
  return tag ? normalizeImageRef(tag) : name;
}

/**
 * The record for one item of a result section, or null when the item is not a finding (a
 * passed misconfiguration, a modified finding that is not a vulnerability).
 */
export function trivyItemRecord(
  section: TrivySection,
  item: unknown,
  path: string,
  ctx: TrivyCtx,
): RawRecord | null {
  const o = needObject(item, path, TRIVY_EXPECTED);
  switch (section) {
    case "Vulnerabilities":
      return vulnRecord(o, ctx);
    case "ExperimentalModifiedFindings": {
      if (o.Type !== "vulnerability" || !isObject(o.Finding)) return null;
      const rec = vulnRecord(o.Finding, ctx);
      rec.vex = {
        state: optString(o.Status) ?? "not_affected",
        ...(optString(o.Statement) ? { justification: optString(o.Statement)! } : {}),
        ...(optString(o.Source) ? { detail: `source: ${optString(o.Source)}` } : {}),
      };
      return rec;
    }
    case "Misconfigurations":
      return o.Status === "FAIL" ? misconfRecord(o, ctx) : null;
    case "Secrets":
      return newRawRecord({
        kind: "secret",
        reportedId: optString(o.RuleID) ?? "secret",
        target: ctx.asset,
        scanner: ctx.scanner,
        title: optString(o.Title),
        scannerSeverity: severityFromText(optString(o.Severity)),
        locus: ctx.target,
        location: lines(ctx.target, o.StartLine, o.EndLine),
      });
  }
}

function vulnRecord(v: JsonObject, ctx: TrivyCtx): RawRecord {
  const layer = isObject(v.Layer) ? (optString(v.Layer.DiffID) ?? optString(v.Layer.Digest)) : null;
  const pkgPath = optString(v.PkgPath);
  const ident = isObject(v.PkgIdentifier) ? v.PkgIdentifier : {};
  const status = optString(v.Status);
  return newRawRecord({
    kind: "package",
    reportedId: optString(v.VulnerabilityID) ?? "unknown",
    related: stringList(v.VendorIDs),
    target: ctx.asset,
    scanner: ctx.scanner,
    title: optString(v.Title),
    scannerSeverity: severityFromText(optString(v.Severity)),
    preferCvssSource: optString(v.SeveritySource) ?? undefined,
    cvss: trivyCvss(v.CVSS),
    cwes: normalizeCwes(stringList(v.CweIDs)),
    package: optString(v.PkgName),
    purl: optString(ident.PURL),
    ecosystem: ctx.type,
    version: optString(v.InstalledVersion),
    fixedVersion: optString(v.FixedVersion),
    fixState: fixState(status, optString(v.FixedVersion)),
    vex: status === "not_affected" || status === "under_investigation" ? { state: status } : null,
    location: {
      ...(pkgPath ? { path: pkgPath } : ctx.cls === "lang-pkgs" ? { path: ctx.target } : {}),
      ...(layer ? { layer } : {}),
      detail: ctx.target,
    },
  });
}

function misconfRecord(m: JsonObject, ctx: TrivyCtx): RawRecord {
  const cause = isObject(m.CauseMetadata) ? m.CauseMetadata : {};
  const resource = optString(cause.Resource);
  const file = ctx.target;
  return newRawRecord({
    kind: "config",
    reportedId: optString(m.ID) ?? optString(m.AVDID) ?? "misconfiguration",
    aliases: [],
    related: optString(m.AVDID) ? [optString(m.AVDID)!] : [],
    target: ctx.asset,
    scanner: ctx.scanner,
    title: optString(m.Title),
    scannerSeverity: severityFromText(optString(m.Severity)),
    // A check failing on two resources of one file is two problems; the line is not identity.
    locus: resource ? `${file}#${resource}` : file,
    location: {
      ...lines(file, cause.StartLine, cause.EndLine),
      ...(resource ? { detail: resource } : {}),
    },
  });
}

function lines(
  path: string,
  start: unknown,
  end: unknown,
): { path: string; startLine?: number; endLine?: number } {
  const s = optNumber(start);
  const e = optNumber(end);
  return { path, ...(s ? { startLine: s } : {}), ...(e ? { endLine: e } : {}) };
}

function fixState(status: string | null, fixed: string | null): FixState {
  switch (status) {
    case "fixed":
      return "fixed";
    case "will_not_fix":
    case "end_of_life":
      return "wont_fix";
    case "affected":
    case "fix_deferred":
      return "not_fixed";
    default:
      return fixed ? "fixed" : "unknown";
  }
}

function trivyCvss(v: unknown): CvssScore[] {
  if (!isObject(v)) return [];
  const out: CvssScore[] = [];
  for (const [src, c] of Object.entries(v)) {
    if (!isObject(c)) continue;
    const entries = [
      cvssEntry("3", src, optNumber(c.V3Score), optString(c.V3Vector)),
      cvssEntry("2", src, optNumber(c.V2Score), optString(c.V2Vector)),
      cvssEntry("4", src, optNumber(c.V40Score), optString(c.V40Vector)),
    ];
    for (const e of entries) if (e) out.push(e);
  }
  return out;
}
