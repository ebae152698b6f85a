import { detached } from "./detach-string";
import { childPath, vulnParseError } from "./parse-error";
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
import { coverageTarget, newCoverage, newRawRecord, normalizeCwes } from "./record-builder";
import { severityFromScore } from "./severity-normalize";
import type { FormatParseOptions } from "./trivy-parser";
import type {
  FormatParseResult,
  Occurrence,
  RawRecord,
  ScannerInfo,
  VexStatement,
} from "./vulns-types";
import type { Severity } from "@infrasec/core";

/** Format name in SARIF errors. */
export const SARIF_EXPECTED = "SARIF 2.1.0 log";
const EXPECTED = SARIF_EXPECTED;

/**
 * SARIF 2.1.0. Identity is fingerprint-first (`fingerprints`, then `partialFingerprints`, then
 * rule + line), always together with the file, because one fingerprint can repeat at several
 * places. Trivy's SARIF names the package only in the message; that pattern is read back into a
 * package record. Results with `baselineState: "absent"` are gone and are skipped.
 */
export function parseSarif(doc: unknown, opts: FormatParseOptions = {}): FormatParseResult {
  const root = needObject(doc, "$", EXPECTED);
  checkSarifVersion(root);
  const out = newSarifResult();
  let absent = 0;
  needArray(root.runs, "$.runs", EXPECTED).forEach((run, i) => {
    const p = childPath("$.runs", i);
    const ctx = sarifRunContext(needObject(run, p, EXPECTED), p, opts);
    addSarifRun(out, ctx);
    optArray(ctx.run.results, `${p}.results`, EXPECTED).forEach((res, j) => {
      const facts = sarifResultFacts(res, childPath(`${p}.results`, j));
      if (facts) out.records.push(sarifResultRecord(facts, ctx, opts));
      else absent++;
    });
  });
  addAbsentWarning(out, absent);
  return out;
}

/** Throws unless `version` is "2.1.0". */
export function checkSarifVersion(root: JsonObject): void {
  if (optString(root.version) !== "2.1.0") {
    throw vulnParseError(EXPECTED, `unsupported version ${JSON.stringify(root.version)}`, {
      path: "$.version",
    });
  }
}

/** An empty SARIF result (records and run targets are added as they are read). */
export function newSarifResult(): FormatParseResult {
  return {
    records: [],
    coverage: newCoverage({ name: "sarif", version: null }, "2.1.0"),
    warnings: [],
  };
}

/** What a result needs of its rule: the rest of a rule (help text, examples) is dropped. */
export interface SarifRule {
  id: string | null;
  title: string | null;
  tags: string[];
  securitySeverity: number | null;
  defaultLevel: string | null;
}

const NO_RULE: SarifRule = {
  id: null,
  title: null,
  tags: [],
  securitySeverity: null,
  defaultLevel: null,
};

/** The compact form of one `tool.driver.rules[]` entry, or null when it is not an object. */
export function sarifRule(rule: unknown): SarifRule | null {
  if (!isObject(rule)) return null;
  const props = isObject(rule.properties) ? rule.properties : {};
  const cfg = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  return {
    id: optString(rule.id),
    title: isObject(rule.shortDescription) ? optString(rule.shortDescription.text) : null,
    tags: stringList(props.tags),
    securitySeverity: optNumber(props["security-severity"]),
    defaultLevel: optString(cfg.level),
  };
}

/** What every result of one run shares. */
export interface SarifRunContext {
  /** The run object (for a stream, its skeleton without results and rules). */
  run: JsonObject;
  scanner: ScannerInfo;
  asset: string;
  status: "success" | "failure" | "unknown";
  rules: readonly (SarifRule | null)[];
  ruleById: ReadonlyMap<string, SarifRule>;
}

/**
 * Scanner, asset, status and rules of a run. `streamedRules` are the rules a stream reader
 * collected one by one (the skeleton's `rules` array is then empty); the shape of
 * `tool.driver.rules` is checked either way.
 */
export function sarifRunContext(
  r: JsonObject,
  p: string,
  opts: FormatParseOptions,
  streamedRules?: readonly (SarifRule | null)[],
): SarifRunContext {
  const tool = needObject(
    isObject(r.tool) ? r.tool.driver : undefined,
    `${p}.tool.driver`,
    EXPECTED,
  );
  const scanner: ScannerInfo = {
    name: (optString(tool.name) ?? "sarif").toLowerCase(),
    version: optString(tool.semanticVersion) ?? optString(tool.version),
  };
  const listed = optArray(tool.rules, `${p}.tool.driver.rules`, EXPECTED);
  const rules = streamedRules ?? listed.map(sarifRule);
  const ruleById = new Map<string, SarifRule>();
  for (const rule of rules) if (rule?.id) ruleById.set(rule.id, rule);
  const vcp = optArray(r.versionControlProvenance, `${p}.versionControlProvenance`, EXPECTED).find(
    isObject,
  );
  const asset = opts.asset ?? optString(vcp?.repositoryUri) ?? "unknown";
  const inv = optArray(r.invocations, `${p}.invocations`, EXPECTED).find(isObject);
  const ok = inv?.executionSuccessful;
  const status = ok === false ? "failure" : ok === true ? "success" : "unknown";
  return { run: r, scanner, asset, status, rules, ruleById };
}

/** Adds a run to the coverage (the last run names the scanner and status, as before). */
export function addSarifRun(out: FormatParseResult, ctx: SarifRunContext): void {
  out.coverage.scanner = ctx.scanner;
  out.coverage.status = ctx.status;
  out.coverage.targets.push(
    coverageTarget(ctx.asset, null, "code", { status: ctx.status, packages: null }),
  );
}

/** Warns about the results skipped as `baselineState: "absent"`. */
export function addAbsentWarning(out: FormatParseResult, absent: number): void {
  if (absent) out.warnings.push(`${absent} result(s) with baselineState "absent" skipped`);
}

/** What a record needs of one result, without its code flows, stacks and fixes. */
export interface SarifResultFacts {
  ruleId: string | null;
  ruleIndex: number | null;
  uri: string;
  startLine: number | null;
  location: Occurrence;
  level: string | null;
  /** Trivy's SARIF names the package in the message: then the package, else null. */
  trivyPackage: { name: string; version: string; fixedVersion: string | null } | null;
  fingerprint: string;
  vex: VexStatement | null;
}

/** The compact form of one result, or null for a result with `baselineState: "absent"`. */
export function sarifResultFacts(res: unknown, path: string): SarifResultFacts | null {
  const ro = needObject(res, path, EXPECTED);
  if (ro.baselineState === "absent") return null;
  const loc = optArray(ro.locations, `${path}.locations`, EXPECTED).find(isObject) ?? {};
  const phys = isObject(loc.physicalLocation) ? loc.physicalLocation : {};
  const uri = isObject(phys.artifactLocation) ? (optString(phys.artifactLocation.uri) ?? "") : "";
  const region = isObject(phys.region) ? phys.region : {};
  const start = optNumber(region.startLine);
  const end = optNumber(region.endLine);
  const suppression = optArray(ro.suppressions, `${path}.suppressions`, EXPECTED).find(isObject);
  return {
    ruleId: optString(ro.ruleId) ?? optString(isObject(ro.rule) ? ro.rule.id : undefined),
    ruleIndex: optNumber(ro.ruleIndex),
    uri,
    startLine: start,
    location: {
      ...(uri ? { path: uri } : {}),
      ...(start ? { startLine: start } : {}),
      ...(end ? { endLine: end } : {}),
    },
    level: optString(ro.level),
    trivyPackage: trivyPackageOf(isObject(ro.message) ? (optString(ro.message.text) ?? "") : ""),
    fingerprint: fingerprintOf(ro, start),
    vex: suppression
      ? {
          state: "suppressed",
          detail: [optString(suppression.kind), optString(suppression.status)]
            .filter(Boolean)
            .join(" "),
        }
      : null,
  };
}

/** The record of one result, its rule looked up by id, else by `ruleIndex`. */
export function sarifResultRecord(
  f: SarifResultFacts,
  ctx: SarifRunContext,
  opts: FormatParseOptions,
): RawRecord {
  const rule =
    (f.ruleId ? ctx.ruleById.get(f.ruleId) : undefined) ??
    (f.ruleIndex !== null ? ctx.rules[f.ruleIndex] : undefined) ??
    NO_RULE;
  const ruleId = f.ruleId ?? rule.id ?? "unknown";
  const sev = sarifSeverity(f.level, rule);
  const pkg = f.trivyPackage;
  if (pkg) {
    return newRawRecord({
      kind: "package",
      reportedId: ruleId,
      target: opts.asset ?? (f.uri || ctx.asset),
      scanner: ctx.scanner,
      title: rule.title,
      scannerSeverity: sev,
      package: pkg.name,
      version: pkg.version,
      fixedVersion: pkg.fixedVersion,
      location: f.location,
      vex: f.vex,
    });
  }
  return newRawRecord({
    kind: "code",
    reportedId: ruleId,
    aliases: rule.tags.filter((t) => /^(CVE|GHSA)-/i.test(t)),
    target: ctx.asset,
    scanner: ctx.scanner,
    title: rule.title,
    scannerSeverity: sev,
    cwes: normalizeCwes(rule.tags.filter((t) => /cwe/i.test(t))),
    locus: `${f.uri}#${f.fingerprint}`,
    location: f.location,
    vex: f.vex,
  });
}

/**
 * Trivy's SARIF: "Package: x\nInstalled Version: y" — a package finding in a code format. The
 * parts are detached from the message so that records do not keep whole messages alive.
 */
function trivyPackageOf(message: string): SarifResultFacts["trivyPackage"] {
  const pkg = /Package: (.+)\nInstalled Version: (.+)/.exec(message);
  if (!pkg) return null;
  const fixed = /Fixed Version: (.*)/.exec(message)?.[1]?.trim() || null;
  return {
    name: detached(pkg[1]!.trim()),
    version: detached(pkg[2]!.trim()),
    fixedVersion: detached(fixed),
  };
}

function fingerprintOf(ro: JsonObject, startLine: number | null): string {
  for (const key of ["fingerprints", "partialFingerprints"] as const) {
    const fp = ro[key];
    if (isObject(fp)) {
      const first = Object.keys(fp).sort()[0];
      if (first !== undefined && optString(fp[first])) return `${first}=${optString(fp[first])}`;
    }
  }
  return `line=${startLine ?? 0}`;
}

function sarifSeverity(level: string | null, rule: SarifRule): Severity {
  if (rule.securitySeverity !== null) return severityFromScore(rule.securitySeverity);
  const l = level ?? rule.defaultLevel ?? "warning";
  if (l === "error") return "high";
  if (l === "warning") return "medium";
  return "info";
}
