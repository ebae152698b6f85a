import { JsonSplitter } from "./json-stream";
import type { PathPattern, PathSegment } from "./json-stream";
import { childPath, vulnParseError } from "./parse-error";
import { isObject, optString } from "./json-shape";
import type { JsonObject } from "./json-shape";
import { coverageTarget, newCoverage } from "./record-builder";
import {
  TRIVY_EXPECTED,
  TRIVY_SECTIONS,
  trivyAsset,
  trivyItemRecord,
  trivyResultContext,
} from "./trivy-records";
import type { TrivySection } from "./trivy-records";
import type { FormatParseOptions } from "./trivy-parser";
import type { FormatParseResult, FormatStreamReader, RawRecord, ScannerInfo } from "./vulns-types";

// Where a Result sits: schema 2 (`Results[i]`), Kubernetes (`Resources[i].Results[j]` and the
// older `Vulnerabilities[i].Results[j]` / `Misconfigurations[i].Results[j]`) and legacy (`[i]`).
const RESULT_PREFIXES: readonly PathPattern[] = [
  ["Results", "*"],
  ["Resources", "*", "Results", "*"],
  ["Vulnerabilities", "*", "Results", "*"],
  ["Misconfigurations", "*", "Results", "*"],
  ["*"],
];

interface ResultInfo {
  result: JsonObject;
  /** Kubernetes resource asset, or null for the report's artifact (settled at the end). */
  asset: string | null;
  records: RawRecord[];
}

/**
 * Trivy JSON read as a stream (any size): each finding is parsed alone as it arrives, and
 * `Packages` lists are only counted, so memory holds the records, not the document. Trivy
 * writes `Target` and `Class` before a result's findings; if a producer does not, those items
 * wait until their Result closes. The artifact's asset is settled at the end, once the
 * top-level fields have all been seen.
 */
export function trivyStreamReader(opts: FormatParseOptions = {}): FormatStreamReader {
  const packages = new WeakMap<JsonObject, number>();
  const infos = new Map<JsonObject, ResultInfo>();
  const pending = new Map<JsonObject, { section: TrivySection; item: unknown; path: string }[]>();
  const scanner: ScannerInfo = { name: "trivy", version: null };
  let root: JsonObject | null = null;
  const split: PathPattern[] = [];
  for (const p of RESULT_PREFIXES)
    for (const s of [...TRIVY_SECTIONS, "Packages"]) split.push([...p, s, "*"]);

  const infoOf = (result: JsonObject, ancestors: readonly unknown[]): ResultInfo => {
    let info = infos.get(result);
    if (!info) {
      // [root, Resources[], resource, Results[], result, …] in Kubernetes reports.
      const resource = ancestors.length >= 4 && isObject(ancestors[2]) ? ancestors[2] : null;
      info = {
        result,
        asset: opts.asset ?? (resource ? resourceAsset(root, resource) : null),
        records: [],
      };
      infos.set(result, info);
    }
    return info;
  };
  const build = (info: ResultInfo, section: TrivySection, item: unknown, path: string): void => {
    const ctx = trivyResultContext(info.result, info.asset ?? "", scanner);
    const rec = trivyItemRecord(section, item, path, ctx);
    if (rec) info.records.push(rec);
  };
  const splitter = new JsonSplitter({
    expected: TRIVY_EXPECTED,
    split,
    onElement(path, value, ancestors) {
      if (!root && isObject(ancestors[0])) root = ancestors[0];
      const result = ancestors[ancestors.length - 2];
      if (!isObject(result)) return;
      const section = path[path.length - 2] as TrivySection | "Packages";
      if (section === "Packages") {
        packages.set(result, (packages.get(result) ?? 0) + 1);
        return;
      }
      const info = infoOf(result, ancestors.slice(0, -1));
      if (result.Target === undefined) {
        const list = pending.get(result) ?? [];
        list.push({ section, item: value, path: toJsonPath(path) });
        pending.set(result, list);
      } else build(info, section, value, toJsonPath(path));
    },
    onClose(path, value, ancestors) {
      if (!root && isObject(ancestors[0])) root = ancestors[0];
      if (!isObject(value) || !RESULT_PREFIXES.some((p) => isPath(p, path))) return;
      const info = infoOf(value, ancestors);
      for (const p of pending.get(value) ?? []) build(info, p.section, p.item, p.path);
      pending.delete(value);
    },
  });
  // The artifact's asset is final once ArtifactName (and, for images, Metadata with the tags)
  // has been seen; Trivy writes both before Results, so records can leave early.
  const artifactAsset = (): string | null => {
    if (opts.asset) return opts.asset;
    if (!root || root.ArtifactName === undefined) return null;
    if (root.ArtifactType === "container_image" && root.Metadata === undefined) return null;
    return trivyAsset(root, undefined);
  };
  return {
    feed: (chunk) => splitter.feed(chunk),
    take(): RawRecord[] {
      const ready: RawRecord[] = [];
      if (root && isObject(root.Trivy)) scanner.version = optString(root.Trivy.Version);
      const artifact = artifactAsset();
      for (const info of infos.values()) {
        const asset = info.asset ?? artifact;
        if (asset === null || info.records.length === 0) continue;
        for (const r of info.records) {
          r.target = asset;
          ready.push(r);
        }
        info.records = [];
      }
      return ready;
    },
    finish(): FormatParseResult {
      const doc = splitter.end();
      const top = isObject(doc) ? doc : null;
      scanner.version = top && isObject(top.Trivy) ? optString(top.Trivy.Version) : null;
      const k8s = top?.ClusterName !== undefined;
      if (top && !k8s && top.SchemaVersion !== undefined && top.SchemaVersion !== 2) {
        throw vulnParseError(
          TRIVY_EXPECTED,
          `unsupported SchemaVersion ${JSON.stringify(top.SchemaVersion)} (2 expected)`,
          {
            path: "$.SchemaVersion",
          },
        );
      }
      const artifact = top ? trivyAsset(top, opts.asset) : (opts.asset ?? "unknown");
      const type = k8s ? "kubernetes" : top ? optString(top.ArtifactType) : null;
      const coverage = newCoverage(scanner, top ? optString(top.SchemaVersion) : "1", type);
      coverage.status = "success";
      const records: RawRecord[] = [];
      for (const info of infos.values()) {
        const asset = info.asset ?? artifact;
        for (const r of info.records) {
          r.target = asset;
          records.push(r);
        }
        const ctx = trivyResultContext(info.result, asset, scanner);
        coverage.targets.push(
          coverageTarget(asset, ctx.target, ctx.cls, {
            packages: packages.get(info.result) ?? null,
            status: "success",
          }),
        );
      }
      const warnings =
        !top && !opts.asset ? ["legacy Trivy report names no artifact; pass an asset key"] : [];
      return { records, coverage, warnings };
    },
  };
}

function resourceAsset(root: JsonObject | null, r: JsonObject): string {
  const cluster = (root && optString(root.ClusterName)) ?? "cluster";
  return [
    cluster,
    optString(r.Namespace) ?? "",
    optString(r.Kind) ?? "",
    optString(r.Name) ?? "",
  ].join("/");
}

function isPath(p: PathPattern, path: readonly PathSegment[]): boolean {
  return (
    p.length === path.length &&
    p.every((s, k) => (s === "*" ? typeof path[k] === "number" : s === path[k]))
  );
}

function toJsonPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, s) => childPath(acc, s), "$");
}
