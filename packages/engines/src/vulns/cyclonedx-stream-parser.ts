import { JsonSplitter } from "./json-stream";
import { isObject, needObject, optArray } from "./json-shape";
import type { JsonObject } from "./json-shape";
import {
  CDX_JSON_EXPECTED,
  addCdxComponents,
  bomContext,
  bomResult,
  cdxJsonMetadata,
  cdxJsonVuln,
  cdxVulnRecords,
  checkCdxJsonRoot,
} from "./cyclonedx-parser";
import type { BomContext, CdxComponent, CdxVuln } from "./cyclonedx-parser";
import { confirmStreamedFormat, toJsonPath } from "./stream-format-check";
import type { StreamParseOptions } from "./stream-format-check";
import type { FormatStreamReader, RawRecord } from "./vulns-types";

/**
 * CycloneDX 1.4–1.7 JSON read as a stream: each `components[]` entry is reduced to the
 * components of its tree (ref, name, version, purl, type) and each `vulnerabilities[]` entry to
 * the compact vulnerability the XML reader also produces. A vulnerability's records need every
 * component (its `affects[].ref` may name any of them) and the metadata (asset, tool); producers
 * write `metadata` and `components` first, and then records leave as each vulnerability
 * arrives. When `components` or `metadata` come after `vulnerabilities` (or are missing, which
 * is only known at the end), the compact vulnerabilities wait for the end. Memory: the
 * component index, those compact vulnerabilities and the records, never the document.
 */
export function cycloneDxJsonStreamReader(opts: StreamParseOptions = {}): FormatStreamReader {
  const components = new Map<string, CdxComponent>();
  const waiting: CdxVuln[] = [];
  let componentsClosed = false;
  let ctx: BomContext | null = null;
  let records: RawRecord[] = [];
  let unresolved = 0;
  const contextOf = (root: JsonObject): BomContext => {
    checkCdxJsonRoot(root);
    optArray(root.components, "$.components", CDX_JSON_EXPECTED);
    return bomContext({ ...cdxJsonMetadata(root), components }, opts);
  };
  // The context is final once the version fields, the metadata and the components are read.
  const readyContext = (root: unknown): BomContext | null => {
    if (ctx || !componentsClosed || !isObject(root)) return ctx;
    if (root.bomFormat === undefined || root.specVersion === undefined) return null;
    if (root.metadata === undefined) return null;
    ctx = contextOf(root);
    for (const v of waiting) unresolved += cdxVulnRecords(v, ctx, records);
    waiting.length = 0;
    return ctx;
  };
  const splitter = new JsonSplitter({
    expected: CDX_JSON_EXPECTED,
    split: [
      ["components", "*"],
      ["vulnerabilities", "*"],
    ],
    onElement(path, value, ancestors) {
      if (path[0] === "components") {
        addCdxComponents([value], components);
        return;
      }
      const v = cdxJsonVuln(value, toJsonPath(path));
      const c = readyContext(ancestors[0]);
      if (c) unresolved += cdxVulnRecords(v, c, records);
      else waiting.push(v);
    },
    onClose(path) {
      if (path.length === 1 && path[0] === "components") componentsClosed = true;
    },
  });
  return {
    feed: (chunk) => splitter.feed(chunk),
    take() {
      const taken = records;
      records = [];
      return taken;
    },
    finish() {
      const root = needObject(splitter.end(), "$", CDX_JSON_EXPECTED);
      confirmStreamedFormat(root, "cyclonedx-json", opts);
      const spec = checkCdxJsonRoot(root);
      optArray(root.vulnerabilities, "$.vulnerabilities", CDX_JSON_EXPECTED);
      const c = ctx ?? contextOf(root);
      for (const v of waiting) unresolved += cdxVulnRecords(v, c, records);
      waiting.length = 0;
      const out = bomResult(c, spec, records, unresolved);
      records = [];
      return out;
    },
  };
}
