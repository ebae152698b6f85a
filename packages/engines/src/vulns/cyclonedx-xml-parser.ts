import { detached } from "./detach-string";
import { vulnParseError } from "./parse-error";
import { isObject } from "./json-shape";
import type { JsonObject } from "./json-shape";
import { normalizeCwes } from "./record-builder";
import { readBom } from "./cyclonedx-parser";
import type { CdxComponent, CdxVuln, NormalBom } from "./cyclonedx-parser";
import { ROOT_NAMESPACE, asList, objList, xmlText } from "./xml-source";
import type { FormatParseOptions } from "./trivy-parser";
import type { FormatParseResult, ScannerInfo } from "./vulns-types";

/** Human name of the format, in errors. */
export const CDX_XML_EXPECTED = "CycloneDX XML BOM";

/** `<bom>` children that hold one section each; a second one is refused, not silently merged. */
export const CDX_XML_SECTIONS: readonly string[] = ["metadata", "components", "vulnerabilities"];

/**
 * CycloneDX 1.4–1.7 XML: mapped onto the same shape as the JSON reader so both share one
 * record builder. Takes the parsed document (see parseXmlText).
 */
export function parseCycloneDxXml(
  doc: JsonObject,
  opts: FormatParseOptions = {},
): FormatParseResult {
  const bom = doc.bom;
  if (!isObject(bom)) throw cdxRootMissing();
  const spec = cdxXmlSpec(xmlText(doc[ROOT_NAMESPACE]) ?? xmlText(bom["@_xmlns"]) ?? "");
  for (const s of CDX_XML_SECTIONS) if (Array.isArray(bom[s])) throw cdxSectionRepeated(s);
  const meta = isObject(bom.metadata) ? bom.metadata : {};
  const components = new Map<string, CdxComponent>();
  addComponents(isObject(bom.components) ? objList(bom.components.component) : [], components);
  const vulnsEl = isObject(bom.vulnerabilities) ? objList(bom.vulnerabilities.vulnerability) : [];
  const normal: NormalBom = {
    specVersion: spec,
    ...cdxXmlMetadata(meta),
    components,
    vulns: vulnsEl.map(xmlVuln),
  };
  return readBom(normal, opts);
}

/** The error for a document whose root is not <bom>. */
export function cdxRootMissing(): Error {
  return vulnParseError(CDX_XML_EXPECTED, "root element <bom> not found", { path: "/bom" });
}

/** The error for a second `<metadata>`, `<components>` or `<vulnerabilities>` in `<bom>`. */
export function cdxSectionRepeated(section: string, line?: number): Error {
  return vulnParseError(CDX_XML_EXPECTED, `<${section}> appears more than once in <bom>`, {
    path: `/bom/${section}`,
    ...(line !== undefined ? { line } : {}),
  });
}

/** The spec version from the root's namespace URI; anything but 1.4–1.7 is refused. */
export function cdxXmlSpec(ns: string): string {
  const spec = /bom\/(1\.\d)/.exec(ns)?.[1] ?? null;
  if (!spec || !/^1\.[4-7]$/.test(spec)) {
    throw vulnParseError(
      CDX_XML_EXPECTED,
      `unsupported or missing schema namespace ${JSON.stringify(ns)} (1.4–1.7)`,
      {
        path: "/bom/@xmlns",
      },
    );
  }
  return spec;
}

/** The subject component and the tool of a `<metadata>` element. */
export function cdxXmlMetadata(meta: JsonObject): Pick<NormalBom, "metadataComponent" | "tool"> {
  return {
    metadataComponent: isObject(meta.component) ? xmlComponent(meta.component) : null,
    tool: xmlTool(meta.tools),
  };
}

/**
 * Adds components and their nested assemblies to `into`. The walk order is kept from the first
 * version of this parser (a stack): when two components share a `bom-ref`, the one whose
 * element closes first in the document wins, which lets the stream reader add components as
 * they close.
 */
export function addComponents(list: JsonObject[], into: Map<string, CdxComponent>): void {
  const stack = [...list];
  while (stack.length) {
    const c = stack.pop()!;
    const comp = xmlComponent(c);
    if (comp) into.set(comp.ref, comp);
    if (isObject(c.components)) stack.push(...objList(c.components.component));
  }
}

function xmlComponent(c: JsonObject): CdxComponent | null {
  const name = xmlText(c.name);
  if (!name) return null;
  const purl = xmlText(c.purl);
  const group = xmlText(c.group);
  return {
    ref: xmlText(c["@_bom-ref"]) ?? purl ?? name,
    name: group && !purl ? `${group}:${name}` : name,
    version: xmlText(c.version),
    purl,
    type: xmlText(c["@_type"]),
  };
}

function xmlTool(tools: unknown): ScannerInfo {
  if (!isObject(tools)) return { name: "cyclonedx", version: null };
  const t =
    objList(tools.tool)[0] ??
    (isObject(tools.components) ? objList(tools.components.component)[0] : undefined);
  return t
    ? { name: (xmlText(t.name) ?? "cyclonedx").toLowerCase(), version: xmlText(t.version) }
    : { name: "cyclonedx", version: null };
}

/** One `<vulnerability>` in the shape the JSON reader gives. */
export function xmlVuln(v: JsonObject): CdxVuln {
  const refs = isObject(v.references) ? objList(v.references.reference) : [];
  const ratings = isObject(v.ratings) ? objList(v.ratings.rating) : [];
  const analysis = isObject(v.analysis) ? v.analysis : null;
  const affects = isObject(v.affects) ? objList(v.affects.target) : [];
  const responses =
    analysis && isObject(analysis.responses) ? asList(analysis.responses.response) : [];
  return {
    id: xmlText(v.id) ?? xmlText(v["@_bom-ref"]) ?? "unknown",
    // Detached: a slice of the description would keep all of it (and with it the chunk or document).
    title: detached(xmlText(v.description)?.slice(0, 200) ?? null),
    references: refs.map((r) => xmlText(r.id)).filter((x): x is string => x !== null),
    ratings: ratings.map((r) => {
      const score = xmlText(r.score);
      return {
        source: isObject(r.source) ? (xmlText(r.source.name) ?? "unknown") : "unknown",
        score: score !== null && Number.isFinite(Number(score)) ? Number(score) : null,
        severity: xmlText(r.severity),
        method: xmlText(r.method),
        vector: xmlText(r.vector),
      };
    }),
    cwes: normalizeCwes(isObject(v.cwes) ? asList(v.cwes.cwe).map((c) => xmlText(c)) : []),
    analysis: analysis
      ? {
          state: xmlText(analysis.state) ?? "in_triage",
          ...(xmlText(analysis.justification)
            ? { justification: xmlText(analysis.justification)! }
            : {}),
          ...(responses.length
            ? { response: responses.map((r) => xmlText(r) ?? "").filter(Boolean) }
            : {}),
          ...(xmlText(analysis.detail) ? { detail: xmlText(analysis.detail)! } : {}),
        }
      : null,
    affects: affects.map((t) => ({
      ref: xmlText(t.ref) ?? "",
      versions: (isObject(t.versions) ? objList(t.versions.version) : []).map((x) => ({
        version: xmlText(x.version) ?? xmlText(x.range),
        status: xmlText(x.status),
      })),
    })),
    recommendation: xmlText(v.recommendation),
  };
}
