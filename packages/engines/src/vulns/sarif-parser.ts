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
import type { FormatParseResult, RawRecord, ScannerInfo } from "./vulns-types";
import type { Severity } from "@infrasec/core";

const EXPECTED = "SARIF 2.1.0 log";

/**
 * SARIF 2.1.0. Identity is fingerprint-first (`fingerprints`, then `partialFingerprints`, then
 * rule + line), always together with the file, because one fingerprint can repeat at several
 * places. Trivy's SARIF names the package only in the message; that pattern is read back into a
 * package record. Results with `baselineState: "absent"` are gone and are skipped.
 */
export function parseSarif(doc: unknown, opts: FormatParseOptions = {}): FormatParseResult {
  const root = needObject(doc, "$", EXPECTED);
  if (optString(root.version) !== "2.1.0") {
    throw vulnParseError(EXPECTED, `unsupported version ${JSON.stringify(root.version)}`, {
      path: "$.version",
    });
  }
  const out: FormatParseResult = {
    records: [],
    coverage: newCoverage({ name: "sarif", version: null }, "2.1.0"),
    warnings: [],
  };
  let absent = 0;
  needArray(root.runs, "$.runs", EXPECTED).forEach((run, i) => {
    const p = childPath("$.runs", i);
    const r = needObject(run, p, EXPECTED);
    const tool = needObject(
      isObject(r.tool) ? r.tool.driver : undefined,
      `${p}.tool.driver`,
      EXPECTED,
    );
    const scanner: ScannerInfo = {
      name: (optString(tool.name) ?? "sarif").toLowerCase(),
      version: optString(tool.semanticVersion) ?? optString(tool.version),
    };
    out.coverage.scanner = scanner;
    const rules = optArray(tool.rules, `${p}.tool.driver.rules`, EXPECTED);
    const ruleById = new Map<string, JsonObject>();
    for (const rule of rules)
      if (isObject(rule) && optString(rule.id)) ruleById.set(optString(rule.id)!, rule);
    const vcp = optArray(
      r.versionControlProvenance,
      `${p}.versionControlProvenance`,
      EXPECTED,
    ).find(isObject);
    const asset = opts.asset ?? optString(vcp?.repositoryUri) ?? "unknown";
    const inv = optArray(r.invocations, `${p}.invocations`, EXPECTED).find(isObject);
    const ok = inv?.executionSuccessful;
    out.coverage.status = ok === false ? "failure" : ok === true ? "success" : "unknown";
    out.coverage.targets.push(
      coverageTarget(asset, null, "code", { status: out.coverage.status, packages: null }),
    );
    optArray(r.results, `${p}.results`, EXPECTED).forEach((res, j) => {
      const rp = childPath(`${p}.results`, j);
      const ro = needObject(res, rp, EXPECTED);
      if (ro.baselineState === "absent") {
        absent++;
        return;
      }
      const ruleId = optString(ro.ruleId) ?? optString(isObject(ro.rule) ? ro.rule.id : undefined);
      const idx = optNumber(ro.ruleIndex);
      const rule =
        (ruleId ? ruleById.get(ruleId) : undefined) ??
        (idx !== null && isObject(rules[idx]) ? rules[idx] : {});
      out.records.push(
        resultRecord(ro, rule, ruleId ?? optString(rule.id) ?? "unknown", asset, scanner, opts),
      );
    });
  });
  if (absent) out.warnings.push(`${absent} result(s) with baselineState "absent" skipped`);
  return out;
}

function resultRecord(
  ro: JsonObject,
  rule: JsonObject,
  ruleId: string,
  asset: string,
  scanner: ScannerInfo,
  opts: FormatParseOptions,
): RawRecord {
  const loc = optArray(ro.locations, "", EXPECTED).find(isObject) ?? {};
  const phys = isObject(loc.physicalLocation) ? loc.physicalLocation : {};
  const uri = isObject(phys.artifactLocation) ? (optString(phys.artifactLocation.uri) ?? "") : "";
  const region = isObject(phys.region) ? phys.region : {};
  const start = optNumber(region.startLine);
  const end = optNumber(region.endLine);
  const props = isObject(rule.properties) ? rule.properties : {};
  const tags = stringList(props.tags);
  const sev = sarifSeverity(ro, rule, props);
  const suppression = optArray(ro.suppressions, "", EXPECTED).find(isObject);
  const message = isObject(ro.message) ? (optString(ro.message.text) ?? "") : "";
  const title = isObject(rule.shortDescription) ? optString(rule.shortDescription.text) : null;
  const location = {
    ...(uri ? { path: uri } : {}),
    ...(start ? { startLine: start } : {}),
    ...(end ? { endLine: end } : {}),
  };
  const vex = suppression
    ? {
        state: "suppressed",
        detail: [optString(suppression.kind), optString(suppression.status)]
          .filter(Boolean)
          .join(" "),
      }
    : null;
  // Trivy's SARIF: "Package: x\nInstalled Version: y" — a package finding in a code format.
  const pkg = /Package: (.+)\nInstalled Version: (.+)/.exec(message);
  if (pkg) {
    const fixed = /Fixed Version: (.*)/.exec(message)?.[1]?.trim() || null;
    return newRawRecord({
      kind: "package",
      reportedId: ruleId,
      target: opts.asset ?? (uri || asset),
      scanner,
      title,
      scannerSeverity: sev,
      package: pkg[1]!.trim(),
      version: pkg[2]!.trim(),
      fixedVersion: fixed,
      location,
      vex,
    });
  }
  return newRawRecord({
    kind: "code",
    reportedId: ruleId,
    aliases: tags.filter((t) => /^(CVE|GHSA)-/i.test(t)),
    target: asset,
    scanner,
    title,
    scannerSeverity: sev,
    cwes: normalizeCwes(tags.filter((t) => /cwe/i.test(t))),
    locus: `${uri}#${fingerprintOf(ro, start)}`,
    location,
    vex,
  });
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

function sarifSeverity(ro: JsonObject, rule: JsonObject, props: JsonObject): Severity {
  const sec = optNumber(props["security-severity"]);
  if (sec !== null) return severityFromScore(sec);
  const cfg = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  const level = optString(ro.level) ?? optString(cfg.level) ?? "warning";
  if (level === "error") return "high";
  if (level === "warning") return "medium";
  return "info";
}
