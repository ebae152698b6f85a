import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";

/** One step of an attribute path: a map key, an array index, or an array item picked by `name`. */
export type PathSegment = { key: string } | { index: number } | { name: string };

/**
 * Parses attribute paths such as `spec.template.spec.containers[nginx].securityContext.privileged`
 * or `metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]`. A bracket holding digits is
 * an index, a quoted bracket is a key that may contain dots, anything else selects the item whose
 * `name` matches: names keep the path stable when containers are reordered, which the fingerprint
 * relies on.
 */
export function parseAttributePath(path: string): PathSegment[] {
  const cached = PATH_CACHE.get(path);
  if (cached) return cached;
  const parsed = parsePath(path);
  // Paths repeat across objects (same rule, same container name); the cap bounds memory.
  if (PATH_CACHE.size >= 10_000) PATH_CACHE.clear();
  PATH_CACHE.set(path, parsed);
  return parsed;
}

const PATH_CACHE = new Map<string, PathSegment[]>();

function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let word = "";
  const flush = (): void => {
    if (word !== "") out.push({ key: word });
    word = "";
  };
  while (i < path.length) {
    const ch = path[i] as string;
    if (ch === ".") {
      flush();
      i++;
    } else if (ch === "[") {
      flush();
      const close = path.indexOf("]", path[i + 1] === '"' ? path.indexOf('"', i + 2) : i);
      const inner = path.slice(i + 1, close < 0 ? path.length : close);
      if (inner.startsWith('"') && inner.endsWith('"') && inner.length >= 2) {
        out.push({ key: inner.slice(1, -1) });
      } else if (/^\d+$/.test(inner)) {
        out.push({ index: Number(inner) });
      } else {
        out.push({ name: inner });
      }
      i = close < 0 ? path.length : close + 1;
    } else {
      word += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** Formats a map key for a path: dotted or slashed keys (annotations) are quoted in brackets. */
export function keySegment(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? `.${key}` : `["${key}"]`;
}

/** Offsets [start, end) of the deepest node of `path` that exists under `root`. */
export function locateAttribute(root: Node, path: string): [number, number] | undefined {
  let node: Node | undefined = root;
  let best: [number, number] | undefined = rangeOf(root);
  for (const seg of parseAttributePath(path)) {
    const next = step(node, seg);
    if (!next) break;
    node = next.node;
    best = next.range ?? best;
  }
  return best;
}

function rangeOf(node: Node | undefined): [number, number] | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

function step(
  node: Node | undefined,
  seg: PathSegment,
): { node: Node | undefined; range: [number, number] | undefined } | undefined {
  if ("key" in seg) {
    if (!isMap(node)) return undefined;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== seg.key) continue;
      const value = (pair.value ?? undefined) as Node | undefined;
      const keyRange = rangeOf(pair.key as Node);
      const valueRange = rangeOf(value);
      // Point at the key line (where a reviewer looks) and end where the value ends.
      const range: [number, number] | undefined = keyRange
        ? [keyRange[0], valueRange ? valueRange[1] : keyRange[1]]
        : valueRange;
      return { node: value, range };
    }
    return undefined;
  }
  if (!isSeq(node)) return undefined;
  if ("index" in seg) {
    const item = node.items[seg.index] as Node | undefined;
    return item ? { node: item, range: rangeOf(item) } : undefined;
  }
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const name = item.get("name", true);
    if (isScalar(name) && String(name.value) === seg.name) {
      return { node: item, range: rangeOf(item) };
    }
  }
  return undefined;
}
