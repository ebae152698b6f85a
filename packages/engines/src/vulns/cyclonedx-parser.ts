import { detached } from "./detach-string";
import { childPath, vulnParseError } from "./parse-error";
import { isObject, needObject, optArray, optNumber, optString, stringList } from "./json-shape";
import type { JsonObject } from "./json-shape";
import { coverageTarget, newCoverage, newRawRecord, normalizeCwes } from "./record-builder";
import { cvssVersionOfVector, severityFromText } from "./severity-normalize";
import { purlBase } from "./vuln-ids";
import type { FormatParseOptions } from "./trivy-parser";
import type {
  CvssScore,
  FormatParseResult,
  RawRecord,
  ScannerInfo,
  VexStatement,
} from "./vulns-types";

/** A component reduced to what identity and display need. */
export interface CdxComponent {
  ref: string;
  name: string;
  version: string | null;
  purl: string | null;
  type: string | null;
}

/** A CycloneDX rating, JSON or XML alike. */
export interface CdxRating {
  source: string;
  score: number | null;
  severity: string | null;
  method: string | null;
  vector: string | null;
}

/** A CycloneDX vulnerability, JSON or XML alike. */
export interface CdxVuln {
  id: string;
  title: string | null;
  references: string[];
  ratings: CdxRating[];
  cwes: string[];
  analysis: VexStatement | null;
  affects: { ref: string; versions: { version: string | null; status: string | null }[] }[];
  recommendation: string | null;
}

/** A BOM in a shape shared by the JSON and XML readers. */
export interface NormalBom {
  specVersion: string | null;
  metadataComponent: CdxComponent | null;
  tool: ScannerInfo;
  components: Map<string, CdxComponent>;
  vulns: CdxVuln[];
}

/** Format name in CycloneDX JSON errors. */
export const CDX_JSON_EXPECTED = "CycloneDX JSON BOM";
const EXPECTED = CDX_JSON_EXPECTED;
const SUPPORTED = /^1\.[4-7]$/;

/** CycloneDX 1.4–1.7 JSON (BOM, VDR or VEX). */
export function parseCycloneDxJson(doc: unknown, opts: FormatParseOptions = {}): FormatParseResult {
  const root = needObject(doc, "$", EXPECTED);
  const spec = checkCdxJsonRoot(root);
  const components = new Map<string, CdxComponent>();
  addCdxComponents(optArray(root.components, "$.components", EXPECTED), components);
  const vulns = optArray(root.vulnerabilities, "$.vulnerabilities", EXPECTED).map((v, i) =>
    cdxJsonVuln(v, childPath("$.vulnerabilities", i)),
  );
  return readBom({ specVersion: spec, ...cdxJsonMetadata(root), components, vulns }, opts);
}

/** Checks `bomFormat` and `specVersion`; returns the spec version. */
export function checkCdxJsonRoot(root: JsonObject): string {
  if (root.bomFormat !== "CycloneDX") {
    throw vulnParseError(EXPECTED, `bomFormat must be "CycloneDX"`, { path: "$.bomFormat" });
  }
  const spec = optString(root.specVersion);
  if (!spec || !SUPPORTED.test(spec)) {
    throw vulnParseError(
      EXPECTED,
      `unsupported specVersion ${JSON.stringify(root.specVersion)} (1.4–1.7)`,
      {
        path: "$.specVersion",
      },
    );
  }
  return spec;
}

/** The BOM's own component and the tool that wrote it, from `metadata`. */
export function cdxJsonMetadata(root: JsonObject): Pick<NormalBom, "metadataComponent" | "tool"> {
  const meta = isObject(root.metadata) ? root.metadata : {};
  return {
    metadataComponent: isObject(meta.component) ? jsonComponent(meta.component) : null,
    tool: jsonTool(meta.tools),
  };
}

/**
 * Adds `components[]` entries and their nested assemblies to `into`, by bom-ref. Where a ref
 * repeats, an earlier top-level entry wins over a later one, and inside one entry's tree the
 * order is the original stack walk's: the same map whether the list comes whole or one entry
 * at a time (the stream reader calls this per entry).
 */
export function addCdxComponents(list: readonly unknown[], into: Map<string, CdxComponent>): void {
  for (const entry of list) {
    const tree = new Map<string, CdxComponent>();
    // Components nest (assemblies); walk them with a stack, not recursion.
    const stack: unknown[] = [entry];
    while (stack.length) {
      const c = stack.pop();
      if (!isObject(c)) continue;
      const comp = jsonComponent(c);
      if (comp) tree.set(comp.ref, comp);
      if (Array.isArray(c.components)) stack.push(...(c.components as unknown[]));
    }
    for (const [ref, comp] of tree) if (!into.has(ref)) into.set(ref, comp);
  }
}

function jsonComponent(c: JsonObject): CdxComponent | null {
  const name = optString(c.name);
  if (!name) return null;
  const purl = optString(c.purl);
  const ref = optString(c["bom-ref"]) ?? purl ?? name;
  return {
    ref,
    name: optString(c.group) && !purl ? `${optString(c.group)}:${name}` : name,
    version: optString(c.version),
    purl,
    type: optString(c.type),
  };
}

function jsonTool(tools: unknown): ScannerInfo {
  // 1.4 has tools[]; 1.5+ has tools.components[] (and tools.services[]).
  const list: unknown[] = Array.isArray(tools)
    ? tools
    : isObject(tools) && Array.isArray(tools.components)
      ? (tools.components as unknown[])
      : [];
  const t = list.find(isObject);
  return t
    ? { name: (optString(t.name) ?? "cyclonedx").toLowerCase(), version: optString(t.version) }
    : { name: "cyclonedx", version: null };
}

/** One `vulnerabilities[]` entry in the shape shared with the XML reader. */
export function cdxJsonVuln(value: unknown, path: string): CdxVuln {
  const v = needObject(value, path, EXPECTED);
  const a = isObject(v.analysis) ? v.analysis : null;
  return {
    id: optString(v.id) ?? optString(v["bom-ref"]) ?? "unknown",
    // The title is a slice of the description: detached, or it would keep all of it alive.
    title: detached(optString(v.description)?.slice(0, 200) ?? null),
    references: optArray(v.references, `${path}.references`, EXPECTED)
      .map((r) => (isObject(r) ? optString(r.id) : null))
      .filter((x): x is string => x !== null),
    ratings: optArray(v.ratings, `${path}.ratings`, EXPECTED)
      .filter(isObject)
      .map((r) => ({
        source: isObject(r.source) ? (optString(r.source.name) ?? "unknown") : "unknown",
        score: optNumber(r.score),
        severity: optString(r.severity),
        method: optString(r.method),
        vector: optString(r.vector),
      })),
    cwes: normalizeCwes(optArray(v.cwes, `${path}.cwes`, EXPECTED)),
    analysis: a
      ? {
          state: optString(a.state) ?? "in_triage",
          ...(optString(a.justification) ? { justification: optString(a.justification)! } : {}),
          ...(Array.isArray(a.response) ? { response: stringList(a.response) } : {}),
          ...(optString(a.detail) ? { detail: optString(a.detail)! } : {}),
        }
      : null,
    affects: optArray(v.affects, `${path}.affects`, EXPECTED)
      .filter(isObject)
      .map((t) => ({
        ref: optString(t.ref) ?? "",
        versions: optArray(t.versions, `${path}.affects.versions`, EXPECTED)
          .filter(isObject)
          .map((x) => ({
            version: optString(x.version) ?? optString(x.range),
            status: optString(x.status),
          })),
      })),
    recommendation: optString(v.recommendation),
  };
}

/** What the records of one BOM share: asset, tool and the components to resolve refs. */
export interface BomContext {
  asset: string;
  tool: ScannerInfo;
  metadataComponent: CdxComponent | null;
  components: ReadonlyMap<string, CdxComponent>;
}

/**
 * Turns a BOM into records: one per (vulnerability × `affects[].ref`), the component resolved
 * through `bom-ref`; `references[]` are aliases; `analysis` is the VEX statement. Declared
 * components are the coverage (the packages this BOM says exist).
 */
export function readBom(bom: NormalBom, opts: FormatParseOptions): FormatParseResult {
  const ctx = bomContext(bom, opts);
  const records: RawRecord[] = [];
  let unresolved = 0;
  for (const v of bom.vulns) unresolved += cdxVulnRecords(v, ctx, records);
  return bomResult(ctx, bom.specVersion, records, unresolved);
}

/** The shared part of a BOM's records (the asset: metadata component purl or name). */
export function bomContext(
  bom: Omit<NormalBom, "vulns" | "specVersion">,
  opts: FormatParseOptions,
): BomContext {
  const mc = bom.metadataComponent;
  return {
    asset: opts.asset ?? (mc ? (purlBase(mc.purl) ?? mc.name) : "unknown"),
    tool: bom.tool,
    metadataComponent: mc,
    components: bom.components,
  };
}

/** Coverage (declared components) and warnings of a BOM whose records are built. */
export function bomResult(
  ctx: BomContext,
  specVersion: string | null,
  records: RawRecord[],
  unresolved: number,
): FormatParseResult {
  const out: FormatParseResult = {
    records,
    coverage: newCoverage(ctx.tool, specVersion, "sbom"),
    warnings: [],
  };
  out.coverage.targets.push(
    coverageTarget(ctx.asset, null, "sbom", { packages: ctx.components.size }),
  );
  if (unresolved)
    out.warnings.push(`${unresolved} affects[].ref value(s) name no component in the BOM`);
  return out;
}

/**
 * Appends the records of one vulnerability (one per `affects[].ref`) to `out`; returns how many
 * refs name no component.
 */
export function cdxVulnRecords(v: CdxVuln, ctx: BomContext, out: RawRecord[]): number {
  const mc = ctx.metadataComponent;
  let unresolved = 0;
  const cvss: CvssScore[] = [];
  let scannerSev = null;
  for (const r of v.ratings) {
    const version = cvssVersionOfMethod(r.method, r.vector);
    if (version)
      cvss.push({ version, score: r.score, vector: r.vector, source: r.source.toLowerCase() });
    scannerSev ??= severityFromText(r.severity);
  }
  const targets = v.affects.length ? v.affects : [{ ref: "", versions: [] }];
  for (const t of targets) {
    const comp = ctx.components.get(t.ref) ?? (mc && mc.ref === t.ref ? mc : undefined);
    if (t.ref && !comp) unresolved++;
    const unaffected = t.versions.length > 0 && t.versions.every((x) => x.status === "unaffected");
    out.push(
      newRawRecord({
        kind: "package",
        reportedId: v.id,
        aliases: v.references,
        target: ctx.asset,
        scanner: ctx.tool,
        title: v.title,
        scannerSeverity: scannerSev,
        cvss,
        cwes: v.cwes,
        package: comp?.name ?? (t.ref || null),
        purl: comp?.purl ?? null,
        ecosystem: comp?.type ?? null,
        version: comp?.version ?? t.versions.find((x) => x.status === "affected")?.version ?? null,
        fixedVersion: null,
        vex: v.analysis ?? (unaffected ? { state: "not_affected" } : null),
        location: t.ref ? { detail: t.ref } : {},
      }),
    );
  }
  return unresolved;
}

function cvssVersionOfMethod(
  method: string | null,
  vector: string | null,
): CvssScore["version"] | null {
  switch (method) {
    case "CVSSv2":
      return "2";
    case "CVSSv3":
    case "CVSSv31":
      return "3";
    case "CVSSv4":
      return "4";
    case null:
      return vector ? cvssVersionOfVector(vector) : null;
    default:
      return null; // OWASP, SSVC and "other" are not CVSS.
  }
}
