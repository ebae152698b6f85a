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
import { cvssVersionOfVector, severityFromText } from "./severity-normalize";
import type { FormatParseOptions } from "./trivy-parser";
import type { CvssScore, FormatParseResult, RawRecord, ScannerInfo } from "./vulns-types";

/** Format name in OSV-Scanner errors. */
export const OSV_EXPECTED = "OSV-Scanner JSON report";
const EXPECTED = OSV_EXPECTED;

/**
 * OSV-Scanner JSON (`osv-scanner --format json`): one record per package and *alias group*
 * (`groups[].ids`), not per OSV record, so GO-…, GHSA-… and CVE-… for one problem stay one
 * record. The lockfile path is an occurrence: the same package@version in two lockfiles of one
 * asset is one finding.
 */
export function parseOsvScanner(doc: unknown, opts: FormatParseOptions = {}): FormatParseResult {
  const root = needObject(doc, "$", EXPECTED);
  const out = newOsvResult(opts);
  needArray(root.results, "$.results", EXPECTED).forEach((res, i) => {
    const p = childPath("$.results", i);
    const r = needObject(res, p, EXPECTED);
    const path = addOsvSource(out, r, opts);
    optArray(r.packages, `${p}.packages`, EXPECTED).forEach((pk, j) => {
      const pp = childPath(`${p}.packages`, j);
      osvPackageRecords(pk, pp, path, out.coverage.scanner, opts, out.records);
    });
  });
  return out;
}

/** An empty OSV-Scanner result with its coverage header and warnings. */
export function newOsvResult(opts: FormatParseOptions): FormatParseResult {
  const out: FormatParseResult = {
    records: [],
    coverage: newCoverage({ name: "osv-scanner", version: null }, null, "dependency"),
    warnings: [],
  };
  out.coverage.status = "success";
  if (!opts.asset)
    out.warnings.push(
      'OSV-Scanner reports name no asset; records use "local" unless an asset is given',
    );
  return out;
}

/** Adds one `results[]` entry (a lockfile) to the coverage; returns its path. */
export function addOsvSource(
  out: FormatParseResult,
  r: JsonObject,
  opts: FormatParseOptions,
): string {
  const source = isObject(r.source) ? r.source : {};
  const path = osvSourcePath(r);
  out.coverage.targets.push(
    coverageTarget(opts.asset ?? "local", path, optString(source.type) ?? "lockfile", {
      status: "success",
    }),
  );
  return path;
}

/** The lockfile path of one `results[]` entry ("" when it names none). */
export function osvSourcePath(r: JsonObject): string {
  return (isObject(r.source) ? optString(r.source.path) : null) ?? "";
}

/** Appends the records of one `packages[]` entry (one per alias group) to `into`. */
export function osvPackageRecords(
  pk: unknown,
  pp: string,
  path: string,
  scanner: ScannerInfo,
  opts: FormatParseOptions,
  into: RawRecord[],
): void {
  const po = needObject(pk, pp, EXPECTED);
  const pkg = needObject(po.package, `${pp}.package`, EXPECTED);
  const vulns = optArray(po.vulnerabilities, `${pp}.vulnerabilities`, EXPECTED).filter(isObject);
  const byId = new Map<string, JsonObject>();
  for (const v of vulns) if (optString(v.id)) byId.set(optString(v.id)!, v);
  const groups = optArray(po.groups, `${pp}.groups`, EXPECTED).filter(isObject);
  const units = groups.length
    ? groups.map((g) => ({
        ids: stringList(g.ids),
        aliases: stringList(g.aliases),
        max: optNumber(g.max_severity),
      }))
    : [...byId.keys()].map((id) => ({ ids: [id], aliases: [] as string[], max: null }));
  for (const u of units) {
    const members = u.ids.map((id) => byId.get(id)).filter((v): v is JsonObject => v !== undefined);
    const aliases = new Set([
      ...u.ids,
      ...u.aliases,
      ...members.flatMap((m) => stringList(m.aliases)),
    ]);
    const reported = u.ids[0] ?? "unknown";
    aliases.delete(reported);
    into.push(
      newRawRecord({
        kind: "package",
        reportedId: reported,
        aliases: [...aliases],
        target: opts.asset ?? "local",
        scanner,
        title: members.map((m) => optString(m.summary)).find((s) => s !== null) ?? null,
        scannerSeverity:
          members.map((m) => severityFromText(dbSeverity(m))).find((s) => s !== null) ?? null,
        cvss: osvCvss(members, u.max),
        package: optString(pkg.name),
        ecosystem: optString(pkg.ecosystem),
        version: optString(pkg.version) ?? optString(pkg.commit),
        fixedVersion: fixedIn(members, optString(pkg.name)),
        location: { path },
      }),
    );
  }
}

function dbSeverity(v: JsonObject): string | null {
  const ds = isObject(v.database_specific) ? v.database_specific : {};
  return optString(ds.severity);
}

/** Vectors from the OSV records; the group's `max_severity` is the score of the top one. */
function osvCvss(members: JsonObject[], max: number | null): CvssScore[] {
  const out: CvssScore[] = [];
  for (const m of members) {
    for (const s of optArray(m.severity, "", EXPECTED).filter(isObject)) {
      const vector = optString(s.score);
      if (!vector?.startsWith("CVSS:") && !vector?.includes("/")) continue;
      out.push({ version: cvssVersionOfVector(vector), score: null, vector, source: "osv" });
    }
  }
  if (max !== null) {
    const top = out.find((c) => c.version === "3") ?? out[0];
    if (top) top.score = max;
    else out.push({ version: "3", score: max, vector: null, source: "osv" });
  }
  return out;
}

/** First "fixed" event in the affected ranges for this package (OSV schema). */
function fixedIn(members: JsonObject[], name: string | null): string | null {
  for (const m of members) {
    for (const a of optArray(m.affected, "", EXPECTED).filter(isObject)) {
      const pkg = isObject(a.package) ? a.package : {};
      if (name && optString(pkg.name) && optString(pkg.name) !== name) continue;
      for (const r of optArray(a.ranges, "", EXPECTED).filter(isObject)) {
        for (const e of optArray(r.events, "", EXPECTED).filter(isObject)) {
          if (optString(e.fixed)) return optString(e.fixed);
        }
      }
    }
  }
  return null;
}
