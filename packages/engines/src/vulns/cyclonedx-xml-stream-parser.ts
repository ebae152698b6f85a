import { bomContext, bomResult, cdxVulnRecords } from "./cyclonedx-parser";
import type { CdxComponent, CdxVuln, NormalBom } from "./cyclonedx-parser";
import {
  CDX_XML_EXPECTED,
  CDX_XML_SECTIONS,
  addComponents,
  cdxRootMissing,
  cdxSectionRepeated,
  cdxXmlMetadata,
  cdxXmlSpec,
  xmlVuln,
} from "./cyclonedx-xml-parser";
import { isObject } from "./json-shape";
import { XmlSubtreeReader } from "./xml-stream";
import type { XmlLimits } from "./xml-stream";
import type { FormatParseOptions } from "./trivy-parser";
import type { FormatParseResult, FormatStreamReader, RawRecord } from "./vulns-types";

/**
 * CycloneDX 1.4–1.7 XML read as a stream: `<metadata>`, each top-level `<component>` (with its
 * assemblies) and each `<vulnerability>` are built alone and mapped by the same functions as
 * parseCycloneDxXml. Memory holds the component index (what `affects` refs resolve against) and
 * the records. The schema puts metadata and components before vulnerabilities, so records leave
 * as each vulnerability closes; a BOM in another order keeps its vulnerabilities until the end.
 */
export function cycloneDxXmlStreamReader(
  opts: FormatParseOptions = {},
  limits?: Partial<XmlLimits>,
): FormatStreamReader {
  const bom: NormalBom = {
    specVersion: null,
    metadataComponent: null,
    tool: { name: "cyclonedx", version: null },
    components: new Map<string, CdxComponent>(),
    vulns: [],
  };
  const seen = new Set<string>();
  const closed = new Set<string>();
  let waiting: CdxVuln[] = [];
  let ready: RawRecord[] = [];
  let unresolved = 0;
  const emit = (vulns: CdxVuln[]): void => {
    if (!vulns.length) return;
    const ctx = bomContext(bom, opts);
    for (const v of vulns) unresolved += cdxVulnRecords(v, ctx, ready);
  };
  // Components and the subject must be complete before a record names them.
  const settled = (): boolean => closed.has("metadata") && closed.has("components");
  const xml = new XmlSubtreeReader({
    expected: CDX_XML_EXPECTED,
    limits,
    isUnit: (p) =>
      p[0] === "bom" &&
      ((p.length === 2 && p[1] === "metadata") ||
        (p.length === 3 && p[1] === "components" && p[2] === "component") ||
        (p.length === 3 && p[1] === "vulnerabilities" && p[2] === "vulnerability")),
    onOpen(path, attrs) {
      if (path.length === 1) {
        if (path[0] !== "bom") throw cdxRootMissing();
        // Like parseXmlText: the first namespace declaration on the root carries the version.
        const ns = Object.entries(attrs).find(([k]) => k === "xmlns" || k.startsWith("xmlns:"));
        bom.specVersion = cdxXmlSpec(ns?.[1] ?? "");
      } else if (path.length === 2 && CDX_XML_SECTIONS.includes(path[1]!)) {
        if (seen.has(path[1]!)) throw cdxSectionRepeated(path[1]!);
        seen.add(path[1]!);
      }
    },
    onClose(path, outline) {
      if (path.length === 1 && outline.attributes + outline.children === 0) throw cdxRootMissing();
      if (path.length === 2 && CDX_XML_SECTIONS.includes(path[1]!)) closed.add(path[1]!);
    },
    onUnit(path, node) {
      const section = path[1]!;
      if (section === "metadata") {
        if (seen.has("metadata")) throw cdxSectionRepeated("metadata");
        seen.add("metadata");
        closed.add("metadata");
        Object.assign(bom, cdxXmlMetadata(isObject(node) ? node : {}));
      } else if (!isObject(node)) return;
      else if (section === "components") {
        const local = new Map<string, CdxComponent>();
        addComponents([node], local);
        for (const [ref, c] of local) if (!bom.components.has(ref)) bom.components.set(ref, c);
      } else {
        waiting.push(xmlVuln(node));
        if (settled()) {
          emit(waiting);
          waiting = [];
        }
      }
    },
  });
  return {
    feed: (chunk) => xml.feed(chunk),
    take(): RawRecord[] {
      const taken = ready;
      ready = [];
      return taken;
    },
    finish(): FormatParseResult {
      xml.end();
      emit(waiting);
      waiting = [];
      return bomResult(bomContext(bom, opts), bom.specVersion, ready, unresolved);
    },
  };
}
