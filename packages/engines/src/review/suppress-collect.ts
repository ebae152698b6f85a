import type { ErrorDetail } from "@infrasec/core";
import { parseSuppressionComment, scopeToBlocks } from "../kit/suppressions";
import type { Suppression } from "../kit/suppressions";
import type { TerraformScan } from "./terraform/tf-types";

function add(
  out: { suppressions: Suppression[]; errors: ErrorDetail[] },
  parsed: ReturnType<typeof parseSuppressionComment>,
  scope: (s: Suppression) => Suppression,
): void {
  if (!parsed) return;
  if ("source" in parsed) out.suppressions.push(scope(parsed));
  else out.errors.push(parsed);
}

/** Comment suppressions of a Terraform scan, each attached to the block it precedes or sits in. */
export function terraformSuppressions(scan: TerraformScan): {
  suppressions: Suppression[];
  errors: ErrorDetail[];
} {
  const out = { suppressions: [] as Suppression[], errors: [] as ErrorDetail[] };
  for (const [file, comments] of scan.comments) {
    const blocks = [...(scan.blocks.get(file) ?? [])];
    // Nested blocks matter too: a comment inside a resource before a nested block still belongs to the resource.
    const commentLines = new Set<number>();
    for (const c of comments) for (let l = c.line; l <= c.endLine; l++) commentLines.add(l);
    for (const c of comments)
      add(out, parseSuppressionComment(c.text, file, c.line), (s) =>
        scopeToBlocks(s, blocks, commentLines),
      );
  }
  return out;
}

/**
 * Comment suppressions of a line-oriented file (Dockerfile, YAML). A comment applies to the next
 * non-comment line; before a Dockerfile `FROM` it applies to the whole stage (absence checks are
 * anchored there); in YAML it applies to the whole document it sits in.
 */
export function lineSuppressions(
  file: string,
  content: string,
  kind: "dockerfile" | "kubernetes",
): { suppressions: Suppression[]; errors: ErrorDetail[] } {
  const out = { suppressions: [] as Suppression[], errors: [] as ErrorDetail[] };
  if (
    !content.includes("infrasec:ignore") &&
    !content.includes("checkov:skip") &&
    !content.includes("trivy:ignore")
  )
    return out;
  const lines = content.split("\n");
  const docStarts = [0];
  if (kind === "kubernetes") lines.forEach((l, i) => l.startsWith("---") && docStarts.push(i + 1));
  lines.forEach((text, i) => {
    const t = text.trim();
    if (!t.startsWith("#")) return;
    const line = i + 1;
    add(out, parseSuppressionComment(t, file, line), (s) => {
      if (kind === "kubernetes") {
        const start = [...docStarts].reverse().find((d) => d <= i) ?? 0;
        const next = docStarts.find((d) => d > i) ?? lines.length;
        return { ...s, file, startLine: start + 1, endLine: next };
      }
      let j = i + 1;
      while (j < lines.length && (lines[j]!.trim().startsWith("#") || lines[j]!.trim() === "")) j++;
      if (/^\s*FROM\s/i.test(lines[j] ?? "")) {
        let k = j + 1;
        while (k < lines.length && !/^\s*FROM\s/i.test(lines[k]!)) k++;
        return { ...s, file, startLine: j + 1, endLine: k };
      }
      let end = j;
      while (end < lines.length && /\\\s*$/.test(lines[end]!)) end++;
      return { ...s, file, startLine: j + 1, endLine: end + 1 };
    });
  });
  return out;
}

/** The annotation that carries suppressions on a Kubernetes object. */
export const K8S_IGNORE_ANNOTATION = "infrasec.io/ignore";

/**
 * Suppressions written as an annotation of the object they apply to:
 * `metadata.annotations: { infrasec.io/ignore: "K8S-PSS-005 reason=\"…\" until=2026-12-31" }`;
 * several are separated by `;` or line breaks. Each one covers the object's lines (at the
 * rendered position for Helm output), so it suppresses findings of that object only.
 */
export function annotationSuppressions(
  file: string,
  objects: readonly {
    raw: Record<string, unknown>;
    startLine: number;
    endLine: number;
    locate(path: string | undefined): { startLine: number };
  }[],
): { suppressions: Suppression[]; errors: ErrorDetail[] } {
  const out = { suppressions: [] as Suppression[], errors: [] as ErrorDetail[] };
  for (const o of objects) {
    const meta = o.raw.metadata as { annotations?: Record<string, unknown> } | undefined;
    const value = meta?.annotations?.[K8S_IGNORE_ANNOTATION];
    if (value === undefined) continue;
    const line = o.locate("metadata.annotations").startLine;
    if (typeof value !== "string") {
      out.errors.push({ file, line, message: `${K8S_IGNORE_ANNOTATION} must be a string` });
      continue;
    }
    for (const part of value
      .split(/[;\n]/)
      .map((p) => p.trim())
      .filter(Boolean))
      add(out, parseSuppressionComment(`infrasec:ignore ${part}`, file, line), (s) => ({
        ...s,
        file,
        startLine: o.startLine,
        endLine: o.endLine,
      }));
  }
  return out;
}
