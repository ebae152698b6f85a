import { hash } from "node:crypto";
import { severityRank } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { computeIdentity, tryScoreCvss } from "@infrasec/engines/vulns";
import { vulnContentHash } from "@infrasec/storage";
import type {
  CoverageTarget,
  Occurrence,
  ReportCoverage,
  VulnRecord,
} from "@infrasec/engines/vulns";
import type { IncomingFinding } from "./reconcile-fns";

/**
 * Characters of a finding's title kept from a report. Titles are one line in every format we
 * read; the bound keeps a hostile or broken report from filling memory through one field.
 */
export const MAX_TITLE_CHARS = 1000;

/** The merged findings of one report, read back in batches for reconciliation. */
export interface IncomingSet {
  readonly size: number;
  /** Whether the report has a finding with this identity hash (the mass-close guardrail). */
  has(identityHash: string): boolean;
  /** The findings in report order, `size` at a time, decoded only when their batch is read. */
  batches(size: number): Iterable<IncomingFinding[]>;
  /**
   * The findings in report order as keys (re-imports): identity hash, fixed version and the
   * content hash their row gets under (scanner, scope), without decoding the identity tuple or
   * the occurrences, which only created and rewritten findings need (`decode`). Allocating less
   * per batch lowered the peak RSS of the 1 GB report's identical re-import (1,088 → 906 MiB).
   */
  keyBatches(size: number, scanner: string, scope: string): Iterable<IncomingKey[]>;
  /** The whole finding of a key. */
  decode(key: IncomingKey): IncomingFinding;
}

/** A finding of the report as a re-import first compares it (IncomingSet.keyBatches). */
export interface IncomingKey {
  identityHash: string;
  fixedVersion: string | null;
  /** vulnContentHash of the finding's values under the import's scanner and scope. */
  contentHash: string;
  /** The merged entry, decoded by IncomingSet.decode. */
  readonly entry: string;
}

/**
 * A finding while the report is still being read, as a positional array (no key names) in
 * which repetitive strings (severities, layers, targets, package names, vectors, whole
 * occurrences) are indexes into the collector's string table. The identity hash is the map key;
 * the identity's tuple and basis are recomputed on decode from the fields they are made of.
 */
type Packed = [
  kind: number,
  vulnId: string,
  aliases: string[],
  title: string | null,
  pkg: number,
  purl: number,
  version: number,
  fixedVersion: number,
  fixState: number,
  severity: number,
  severitySource: number,
  scannerSeverity: number,
  cvssScore: number | null,
  cvssVector: number,
  cwes: string[],
  scanners: number[],
  occurrences: number[],
  cov: [number, number],
  /** Identity inputs: target, locus, reported id, identity version and function. */
  id: [target: number, locus: string | null, reportedId: string, version: number, fn: number],
];

/** Strings stored once, referred to by index; -1 stands for null. */
class StringTable {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  put(v: string | null | undefined): number {
    if (v === null || v === undefined) return -1;
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.index.set(v, i);
    }
    return i;
  }
  get(i: number): string | null {
    return i < 0 ? null : this.values[i]!;
  }
}

/**
 * Merges records by identity hash while a report streams in. Each finding is kept as one short
 * JSON string keyed by its hash (about 200 bytes for a Trivy finding), so a report of hundreds
 * of thousands of findings costs tens of megabytes instead of a graph of objects (the 1 GB
 * report target, peak RSS ≤ 1 GB). Merge rules, as before: severity the worst seen (with its
 * source), CVSS the highest v3 (else any) score, text fields the first non-empty (titles bounded
 * to MAX_TITLE_CHARS), aliases/CWEs/scanners united, occurrences deduplicated and, on decode,
 * sorted so that the same report always yields the same occurrence hash.
 */
export class IncomingCollector {
  private readonly entries = new Map<string, string>();
  private readonly strings = new StringTable();
  records = 0;

  add(records: readonly VulnRecord[]): void {
    for (const r of records) {
      this.records++;
      const h = r.identity.hash;
      const prev = this.entries.get(h);
      const next = prev === undefined ? this.pack(r) : this.merge(JSON.parse(prev) as Packed, r);
      this.entries.set(h, JSON.stringify(next));
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Ends collection: the report's coverage settles each finding's coverage target. */
  finish(coverage: ReportCoverage): IncomingSet {
    const entries = this.entries;
    const resolve = coverageResolver(coverage);
    const decodeOne = (h: string, text: string) =>
      this.decode(h, JSON.parse(text) as Packed, resolve);
    const keyOf = (h: string, text: string, scanner: string, scope: string): IncomingKey => {
      const v = this.values(JSON.parse(text) as Packed, resolve);
      return {
        identityHash: h,
        fixedVersion: v.fixedVersion,
        contentHash: vulnContentHash({
          ...v,
          cvssScore:
            v.cvssScore ?? (v.cvssVector ? (tryScoreCvss(v.cvssVector)?.score ?? null) : null),
          scanner,
          scope,
        }),
        entry: text,
      };
    };
    return {
      size: entries.size,
      has: (h) => entries.has(h),
      decode: (k) => decodeOne(k.identityHash, k.entry),
      *keyBatches(size: number, scanner: string, scope: string) {
        let batch: IncomingKey[] = [];
        for (const [h, text] of entries) {
          batch.push(keyOf(h, text, scanner, scope));
          if (batch.length >= size) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      },
      *batches(size: number) {
        let batch: IncomingFinding[] = [];
        for (const [h, text] of entries) {
          batch.push(decodeOne(h, text));
          if (batch.length >= size) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      },
    };
  }

  private pack(r: VulnRecord): Packed {
    const t = this.strings;
    const cvss = bestCvss(r);
    const occ = Object.keys(r.location).length > 0 ? [t.put(stableJson(r.location))] : [];
    return [
      t.put(r.kind),
      r.vulnId,
      r.aliases.slice(),
      r.title === null ? null : r.title.slice(0, MAX_TITLE_CHARS),
      t.put(r.package),
      t.put(r.purl),
      t.put(r.version),
      t.put(r.fixedVersion),
      t.put(r.fixState),
      t.put(r.severity),
      t.put(r.severitySource),
      t.put(r.scannerSeverity),
      cvss?.score ?? null,
      t.put(cvss?.vector),
      r.cwes.slice(),
      [t.put(r.scanner.name)],
      occ,
      [t.put(r.location.detail), t.put(r.location.path)],
      [t.put(r.target), r.locus, r.reportedId, t.put(r.identity.version), t.put(r.identity.fn)],
    ];
  }

  private merge(f: Packed, r: VulnRecord): Packed {
    const t = this.strings;
    if (severityRank(r.severity) > severityRank(t.get(f[9]) as Severity)) {
      f[9] = t.put(r.severity);
      f[10] = t.put(r.severitySource);
    }
    const cvss = bestCvss(r);
    if (cvss?.score != null && (f[12] === null || cvss.score > f[12])) {
      f[12] = cvss.score;
      f[13] = t.put(cvss.vector);
    }
    f[3] ??= r.title === null ? null : r.title.slice(0, MAX_TITLE_CHARS);
    if (f[7] < 0) f[7] = t.put(r.fixedVersion);
    if (t.get(f[8]) === "unknown") f[8] = t.put(r.fixState);
    for (const a of r.aliases) if (!f[2].includes(a)) f[2].push(a);
    for (const c of r.cwes) if (!f[14].includes(c)) f[14].push(c);
    const scanner = t.put(r.scanner.name);
    if (!f[15].includes(scanner)) f[15].push(scanner);
    if (Object.keys(r.location).length > 0) {
      const occ = t.put(stableJson(r.location));
      if (!f[16].includes(occ)) f[16].push(occ);
    }
    return f;
  }

  /** What the content hash is made of, decoded without the identity and the occurrences. */
  private values(p: Packed, resolve: Resolver) {
    const t = this.strings;
    const s = (i: number) => t.get(i);
    const keyed = p[16].map((i) => s(i)!);
    keyed.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const cov = resolve([s(p[17][0]), s(p[17][1])]);
    return {
      keyed,
      vulnId: p[1],
      aliases: p[2].sort(),
      title: p[3],
      purl: s(p[5]),
      fixedVersion: s(p[7]),
      fixState: s(p[8])!,
      severity: s(p[9]) as Severity,
      severitySource: s(p[10])!,
      scannerSeverity: s(p[11]),
      cvssScore: p[12],
      cvssVector: s(p[13]),
      cwes: p[14].sort(),
      scanners: p[15].map((i) => s(i)!).sort(),
      occurrencesHash: hash("sha256", keyed.join("\n"), "hex"),
      coverageTarget: cov?.target ?? null,
      coverageClass: cov?.class ?? null,
      identityFn: s(p[18][4])!,
    };
  }

  private decode(h: string, p: Packed, resolve: Resolver): IncomingFinding {
    const t = this.strings;
    const s = (i: number) => t.get(i);
    const [target, locus, reportedId, idVersion, fn] = p[18];
    const kind = s(p[0])!;
    // computeIdentity rebuilds tuple and basis; the format only names the function, which is
    // taken from the record as it was.
    const identity = {
      ...computeIdentity(
        {
          kind: kind as VulnRecord["kind"],
          target: s(target)!,
          package: s(p[4]),
          purl: s(p[5]),
          version: s(p[6]),
          locus,
          vulnId: p[1],
          reportedId,
        },
        "trivy",
      ),
      fn: s(fn)!,
    };
    if (identity.hash !== h || identity.version !== s(idVersion)) {
      throw new Error(`internal error: identity of ${p[1]} changed while merging the report`);
    }
    const { keyed, identityFn: _fn, ...v } = this.values(p, resolve);
    return {
      ...v,
      identity,
      kind,
      package: s(p[4]),
      version: s(p[6]),
      occurrences: keyed.map((k) => JSON.parse(k) as Occurrence),
    };
  }
}

type Resolver = (cov: [string | null, string | null]) => CoverageTarget | null;

/** The coverage target a finding belongs to: its Trivy target, else its path, else the whole. */
function coverageResolver(coverage: ReportCoverage): Resolver {
  const targets = new Map<string, CoverageTarget>();
  let whole: CoverageTarget | null = null;
  for (const t of coverage.targets) {
    if (t.target === null) whole ??= t;
    else if (!targets.has(t.target)) targets.set(t.target, t);
  }
  return ([detail, path]) =>
    (detail !== null ? targets.get(detail) : undefined) ??
    (path !== null ? targets.get(path) : undefined) ??
    whole;
}

function bestCvss(r: VulnRecord): { score: number | null; vector: string | null } | null {
  let best: { score: number | null; vector: string | null } | null = null;
  for (const c of r.cvss) {
    if (c.version !== "3") continue;
    if (!best || (c.score ?? -1) > (best.score ?? -1)) best = { score: c.score, vector: c.vector };
  }
  if (best) return best;
  for (const c of r.cvss) {
    if (!best || (c.score ?? -1) > (best.score ?? -1)) best = { score: c.score, vector: c.vector };
  }
  return best;
}

/** JSON with sorted keys, so equal occurrences serialize equally. */
export function stableJson(o: object): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}
