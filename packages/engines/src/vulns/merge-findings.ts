import { severityRank } from "@infrasec/core";
import { computeIdentity } from "./identity";
import { buildAliasIndex, normalizeVulnId } from "./vuln-ids";
import type { AliasIndex } from "./vuln-ids";
import type {
  Occurrence,
  RawRecord,
  VulnFinding,
  VulnRecord,
  VulnReportFormat,
} from "./vulns-types";

/**
 * Resolves every record's id through the report-wide alias groups (plus any known aliases the
 * caller passes from enrichment data), then computes identity. Alias groups are built from the
 * whole report first so that a GHSA-only record meets the CVE another record aliased it to.
 */
export function resolveRecords(
  raw: readonly RawRecord[],
  format: VulnReportFormat,
  knownAliases: Iterable<readonly string[]> = [],
): VulnRecord[] {
  const statements: string[][] = [];
  for (const r of raw) if (r.aliases.length > 0) statements.push([r.reportedId, ...r.aliases]);
  for (const s of knownAliases) statements.push([...s]);
  const index = buildAliasIndex(statements);
  // Records are completed in place: a copy per record doubles allocation on large reports.
  const out = raw as VulnRecord[];
  for (const r of out) {
    // Rules (misconfigurations, secrets, SAST) have no alias groups; only vulnerabilities do.
    const isVuln = r.kind === "package" || r.kind === "host";
    const reported = isVuln ? normalizeVulnId(r.reportedId) : r.reportedId;
    const vulnId = isVuln ? index.canonical(reported) : reported;
    const group = isVuln ? index.group(reported) : [reported];
    const aliases =
      group.length === 1 && r.aliases.length === 0
        ? []
        : [...new Set([...group, ...r.aliases.map(normalizeVulnId)])]
            .filter((a) => a !== vulnId)
            .sort();
    r.vulnId = vulnId;
    r.aliases = aliases;
    r.identity = computeIdentity(r, format);
  }
  return out;
}

/**
 * Completes records one batch at a time against a prepared index of known aliases, for
 * streaming: each record's group is its own alias statement joined with what the index knows
 * (same union rules as resolveRecords). Aliases stated only by *other* records of the report are
 * not seen; formats streamed this way (Trivy) carry none.
 */
export function resolveRecordsWithIndex(
  raw: readonly RawRecord[],
  format: VulnReportFormat,
  known: AliasIndex,
): VulnRecord[] {
  const out = raw as VulnRecord[];
  for (const r of out) {
    const isVuln = r.kind === "package" || r.kind === "host";
    const reported = isVuln ? normalizeVulnId(r.reportedId) : r.reportedId;
    let vulnId = reported;
    let aliases: string[] = [];
    if (isVuln && (r.aliases.length > 0 || known.group(reported).length > 1)) {
      const own = [reported, ...r.aliases];
      const local = buildAliasIndex([own, ...own.map((id) => known.group(id))]);
      vulnId = local.canonical(reported);
      aliases = [...new Set([...local.group(reported), ...r.aliases.map(normalizeVulnId)])]
        .filter((a) => a !== vulnId)
        .sort();
    }
    r.vulnId = vulnId;
    r.aliases = aliases;
    r.identity = computeIdentity(r, format);
  }
  return out;
}

/**
 * Groups records by identity hash into findings. Occurrences (paths, layers, ports, lines)
 * are collected, deduplicated and kept under the one finding; severity is the worst seen.
 */
export function mergeFindings(records: readonly VulnRecord[]): VulnFinding[] {
  // Sets are created only when a second record joins a finding: most findings have one record.
  const byHash = new Map<string, { f: VulnFinding; occ: Set<string> | null }>();
  for (const r of records) {
    const e = byHash.get(r.identity.hash);
    if (!e) {
      byHash.set(r.identity.hash, {
        f: {
          identity: r.identity,
          kind: r.kind,
          vulnId: r.vulnId,
          aliases: r.aliases.slice(),
          severity: r.severity,
          package: r.package,
          version: r.version,
          fixedVersion: r.fixedVersion,
          target: r.target,
          occurrences: Object.keys(r.location).length === 0 ? [] : [r.location],
          scanners: [r.scanner.name],
          records: 1,
        },
        occ: null,
      });
      continue;
    }
    const f = e.f;
    f.records++;
    if (severityRank(r.severity) > severityRank(f.severity)) f.severity = r.severity;
    if (f.fixedVersion === null && r.fixedVersion !== null) f.fixedVersion = r.fixedVersion;
    for (const a of r.aliases) if (!f.aliases.includes(a)) f.aliases.push(a);
    if (!f.scanners.includes(r.scanner.name)) f.scanners.push(r.scanner.name);
    e.occ ??= new Set(f.occurrences.map(occurrenceKey));
    const key = occurrenceKey(r.location);
    if (key !== "" && !e.occ.has(key)) {
      e.occ.add(key);
      f.occurrences.push(r.location);
    }
  }
  const out: VulnFinding[] = [];
  for (const { f } of byHash.values()) {
    if (f.records > 1) {
      f.aliases.sort();
      f.scanners.sort();
    }
    out.push(f);
  }
  return out;
}

/** JSON of the occurrence's fields in a fixed order; "" for an empty occurrence. */
function occurrenceKey(o: Occurrence): string {
  const fields = [o.path, o.startLine, o.endLine, o.layer, o.port, o.protocol, o.service, o.detail];
  return fields.every((v) => v === undefined) ? "" : JSON.stringify(fields);
}
