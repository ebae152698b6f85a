import { LineCounter, isMap, isSeq, parseAllDocuments, type Node } from "yaml";
import type { ErrorDetail } from "@infrasec/core";
import { locateAttribute } from "./k8s-path";

/** Limits that keep a hostile manifest from exhausting memory or the stack. */
export interface K8sParseLimits {
  /** Bytes; larger files are reported and skipped. */
  maxBytes: number;
  /** Aliases a document may expand (guards against "billion laughs"). */
  maxAliasCount: number;
  /** Maximum nesting of flow collections (`[`/`{`) before the file is refused. */
  maxDepth: number;
}

/** Defaults sized for real manifests (the largest Helm outputs are a few MB). */
export const DEFAULT_K8S_LIMITS: K8sParseLimits = {
  maxBytes: 8 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 128,
};

/** Kinds that have no namespace; their resource id is `Kind/name`. */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "ClusterRole",
  "ClusterRoleBinding",
  "PersistentVolume",
  "StorageClass",
  "CustomResourceDefinition",
  "PodSecurityPolicy",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "PriorityClass",
  "APIService",
  "CSIDriver",
  "RuntimeClass",
  "IngressClass",
  "VolumeAttachment",
  "CertificateSigningRequest",
]);

/** One Kubernetes object found in a file, with what is needed to place findings. */
export interface K8sObject {
  kind: string;
  apiVersion: string;
  name: string;
  /** Effective namespace (`default` when absent); undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  /** True when `metadata.namespace` was written in the manifest. */
  namespaceExplicit: boolean;
  /** `Kind/namespace/name`, or `Kind/name` for cluster-scoped kinds. */
  resource: string;
  raw: Record<string, unknown>;
  /** Index of the YAML document in the file (0-based). */
  docIndex: number;
  /** Position inside a `List` (`items[i]`), when the object came from one. */
  itemIndex?: number;
  /** Helm template from the `# Source:` comment before the document. */
  template?: { path: string; line: number };
  startLine: number;
  endLine: number;
  /** Line range of an attribute path, falling back to the nearest existing parent. */
  locate(attributePath: string | undefined): { startLine: number; endLine: number };
}

/** Result of parsing one manifest file. */
export interface K8sParseResult {
  objects: K8sObject[];
  errors: ErrorDetail[];
}

const SOURCE_COMMENT = /^#\s*Source:\s*(\S.*?)\s*$/gm;

/**
 * Parses multi-document YAML or JSON into Kubernetes objects, expanding `List` kinds. Positions
 * are kept (line of each object and of any attribute path). Documents that are not Kubernetes
 * objects (no `kind`) are skipped silently; syntax errors, alias bombs and excessive nesting are
 * reported with their line and the remaining documents are still returned.
 */
export function parseKubernetesManifest(
  path: string,
  content: string,
  limits: K8sParseLimits = DEFAULT_K8S_LIMITS,
): K8sParseResult {
  const errors: ErrorDetail[] = [];
  if (content.length > limits.maxBytes) {
    return {
      objects: [],
      errors: [{ file: path, message: `file exceeds ${limits.maxBytes} bytes` }],
    };
  }
  if (content.includes("\u0000")) {
    return { objects: [], errors: [{ file: path, message: "binary file, not a manifest" }] };
  }
  const tooDeep = flowDepthExceeded(content, limits.maxDepth);
  if (tooDeep !== undefined) {
    return {
      objects: [],
      errors: [
        { file: path, line: tooDeep, message: `nesting deeper than ${limits.maxDepth} levels` },
      ],
    };
  }
  const lc = new LineCounter();
  const lineOf = (offset: number): number => lc.linePos(offset).line;
  let docs;
  try {
    docs = parseAllDocuments(content, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    const why = /call stack/i.test(errorText(e)) ? "nesting too deep to parse" : errorText(e);
    return { objects: [], errors: [{ file: path, message: `cannot parse YAML: ${why}` }] };
  }
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    errors.push({ file: path, message: "empty or unparsable YAML stream" });
  }
  const sources = [...content.matchAll(SOURCE_COMMENT)].map((m) => ({
    offset: m.index,
    path: m[1] as string,
  }));
  const objects: K8sObject[] = [];
  let prevEnd = 0;
  let sourceIdx = 0;
  list.forEach((doc, docIndex) => {
    const contents = doc.contents as Node | null;
    const start = contents?.range?.[0] ?? doc.range[0];
    // Sources are in file order: advance a cursor instead of searching (files hold thousands).
    let source: (typeof sources)[number] | undefined;
    while (sourceIdx < sources.length && (sources[sourceIdx]?.offset ?? Infinity) < start) {
      const candidate = sources[sourceIdx];
      if (candidate && candidate.offset >= prevEnd) source = candidate;
      sourceIdx++;
    }
    prevEnd = doc.range[2];
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        errors.push({
          file: path,
          line: lineOf(err.pos[0]),
          // The composer is recursive: deep block nesting surfaces as a stack overflow.
          message: /call stack/i.test(err.message)
            ? "nesting too deep to parse"
            : (err.message.split("\n")[0] ?? "YAML error"),
        });
      }
      return;
    }
    if (!contents) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      errors.push({
        file: path,
        line: lineOf(start),
        message: `cannot expand document: ${errorText(e)}`,
      });
      return;
    }
    const template = source ? { path: source.path, line: lineOf(source.offset) } : undefined;
    const add = (raw: unknown, node: Node, itemIndex?: number): void => {
      const obj = toObject(raw, node, docIndex, itemIndex, template, lineOf);
      if (obj) objects.push(obj);
    };
    if (
      isRecord(value) &&
      typeof value.kind === "string" &&
      value.kind.endsWith("List") &&
      Array.isArray(value.items)
    ) {
      const itemsNode = isMap(contents)
        ? (contents.get("items", true) as Node | undefined)
        : undefined;
      value.items.forEach((item, i) => {
        const itemNode = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined;
        add(item, itemNode ?? contents, i);
      });
      return;
    }
    add(value, contents);
  });
  return { objects, errors };
}

function toObject(
  raw: unknown,
  node: Node,
  docIndex: number,
  itemIndex: number | undefined,
  template: K8sObject["template"],
  lineOf: (offset: number) => number,
): K8sObject | undefined {
  if (!isRecord(raw) || typeof raw.kind !== "string" || raw.kind === "") return undefined;
  const meta = isRecord(raw.metadata) ? raw.metadata : {};
  const kind = raw.kind;
  const name =
    typeof meta.name === "string" && meta.name !== ""
      ? meta.name
      : typeof meta.generateName === "string"
        ? `${meta.generateName}*`
        : `document-${docIndex}${itemIndex === undefined ? "" : `-item-${itemIndex}`}`;
  const namespaced = !CLUSTER_SCOPED.has(kind);
  const explicitNs =
    typeof meta.namespace === "string" && meta.namespace !== "" ? meta.namespace : undefined;
  const namespace = namespaced ? (explicitNs ?? "default") : undefined;
  const resource = namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
  const range = node.range ?? [0, 0, 0];
  const endOffset = Math.max(range[0], range[1] - 1);
  return {
    kind,
    apiVersion: typeof raw.apiVersion === "string" ? raw.apiVersion : "",
    name,
    namespace,
    namespaceExplicit: explicitNs !== undefined,
    resource,
    raw,
    docIndex,
    ...(itemIndex === undefined ? {} : { itemIndex }),
    ...(template ? { template } : {}),
    startLine: lineOf(range[0]),
    endLine: lineOf(endOffset),
    locate(attributePath) {
      const r = attributePath ? locateAttribute(node, attributePath) : undefined;
      if (!r) return { startLine: lineOf(range[0]), endLine: lineOf(endOffset) };
      return { startLine: lineOf(r[0]), endLine: lineOf(Math.max(r[0], r[1] - 1)) };
    },
  };
}

/** Line of the first flow collection nested deeper than `max`, ignoring quoted text. */
function flowDepthExceeded(content: string, max: number): number | undefined {
  let depth = 0;
  let line = 1;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i];
    if (ch === "\n") {
      line++;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // A quote inside a plain scalar (e.g. `it's`) does not open a string in YAML.
      const prev = i === 0 ? " " : content[i - 1];
      if (
        prev === " " ||
        prev === "[" ||
        prev === "{" ||
        prev === "," ||
        prev === ":" ||
        prev === "\n"
      )
        quote = ch;
    } else if (ch === "#" && (i === 0 || /\s/.test(content[i - 1] ?? ""))) {
      comment = true;
    } else if (ch === "[" || ch === "{") {
      depth++;
      if (depth > max) return line;
    } else if (ch === "]" || ch === "}") {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Narrowing helper for untrusted parsed values. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
