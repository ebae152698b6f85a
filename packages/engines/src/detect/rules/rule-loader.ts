import { parseAllDocuments } from "yaml";
import type { RuleIssue } from "../detect-types";
import { FieldErrors } from "./field-validators";
import { parseDocument } from "./rule-parser";
import type { SigmaDocument } from "./rule-types";

/** One rule file's text; `path` names it in every issue. */
export interface RuleSource {
  readonly path: string;
  readonly text: string;
}

/** Bounds on untrusted rule files (YAML alias bombs, huge or deep documents). */
export interface LoadLimits {
  readonly maxFileBytes: number;
  readonly maxDocuments: number;
  readonly maxAliasCount: number;
  readonly maxDepth: number;
}

/** Defaults sized for SigmaHQ rules (largest is a few KB) with wide margin. */
export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxFileBytes: 512 * 1024,
  maxDocuments: 100,
  maxAliasCount: 50,
  maxDepth: 32,
};

/** Parsed documents plus every issue found; documents with errors are absent (skipped). */
export interface LoadedDocuments {
  readonly documents: readonly SigmaDocument[];
  readonly issues: readonly RuleIssue[];
}

function depthOf(v: unknown, limit: number, d = 0): number {
  if (d > limit || v === null || typeof v !== "object") return d;
  let max = d;
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    max = Math.max(max, depthOf(x, limit, d + 1));
    if (max > limit) break;
  }
  return max;
}

/**
 * Parses rule files (multi-document YAML). A bad file or document becomes issues naming the
 * file and field and is skipped; loading never throws for bad input.
 */
export function loadRuleDocuments(
  sources: readonly RuleSource[],
  limits: LoadLimits = DEFAULT_LOAD_LIMITS,
): LoadedDocuments {
  const documents: SigmaDocument[] = [];
  const issues: RuleIssue[] = [];
  for (const src of sources) {
    const fail = (document: number, field: string, message: string): void => {
      issues.push({ file: src.path, document, field, message, severity: "error" });
    };
    // UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: only encode when the cheap bound is inconclusive.
    const size =
      src.text.length * 3 <= limits.maxFileBytes ? 0 : new TextEncoder().encode(src.text).length;
    if (size > limits.maxFileBytes) {
      fail(0, "(file)", `larger than ${limits.maxFileBytes} bytes`);
      continue;
    }
    let docs;
    try {
      docs = parseAllDocuments(src.text, { uniqueKeys: true, prettyErrors: false });
    } catch (e) {
      fail(0, "(yaml)", (e as Error).message);
      continue;
    }
    const list = Array.isArray(docs) ? docs : [];
    if (list.length > limits.maxDocuments) {
      fail(0, "(file)", `more than ${limits.maxDocuments} YAML documents`);
      continue;
    }
    list.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        fail(index, "(yaml)", doc.errors[0]!.message.split("\n")[0]!);
        return;
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
      } catch (e) {
        fail(index, "(yaml)", (e as Error).message);
        return;
      }
      if (value === null || value === undefined) return; // empty document (e.g. trailing ---)
      if (depthOf(value, limits.maxDepth) > limits.maxDepth) {
        fail(index, "(yaml)", `nested deeper than ${limits.maxDepth} levels`);
        return;
      }
      const errs = new FieldErrors();
      let parsed;
      try {
        parsed = parseDocument(value, { file: src.path, document: index }, errs);
      } catch (e) {
        errs.add(
          "(document)",
          `internal error while parsing: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      const ruleId =
        typeof (value as { id?: unknown }).id === "string"
          ? (value as { id: string }).id
          : undefined;
      for (const e of errs.errors)
        issues.push({ file: src.path, document: index, ruleId, ...e, severity: "error" });
      for (const w of errs.warnings)
        issues.push({ file: src.path, document: index, ruleId, ...w, severity: "warning" });
      if (parsed) documents.push(parsed);
    });
  }
  return { documents, issues };
}
