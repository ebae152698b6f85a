import type {
  CompiledRuleSet,
  Detector,
  DetectorOptions,
  RuleIssue,
  RuleSource,
  SigmaDocument,
} from "@infrasec/engines/detect";
import {
  builtinRuleSources,
  compileRuleSet,
  createDetector,
  loadRuleDocuments,
} from "@infrasec/engines/detect";

/** Rule rows as the catalogue needs them (from monitoring_rules). */
export interface StoredRuleRow {
  id: string;
  origin: "builtin" | "user";
  yaml: string | null;
  enabled: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

/** A rule of the catalogue: its metadata, origin, enabled flag and YAML. */
export interface CatalogRule {
  id: string;
  title: string;
  level: string;
  author: string | null;
  description: string | null;
  status: string | null;
  tags: string[];
  kind: "rule" | "correlation";
  logsource: { product: string | null; category: string | null; service: string | null };
  origin: "builtin" | "user";
  enabled: boolean;
  references: string[];
  falsepositives: string[];
  groupFields: string[];
  updatedAt: string | null;
  updatedBy: string | null;
  yaml: string | null;
}

/** The compiled state of one rule-set version. */
export interface DetectionEngine {
  version: string;
  rules: Map<string, CatalogRule>;
  ruleSet: CompiledRuleSet;
  detector: Detector;
  issues: RuleIssue[];
}

/** Stable id of a document, as the engine computes it: id, else name, else file#document. */
export function documentId(d: { id?: string; name?: string; file: string; document: number }) {
  return d.id ?? d.name ?? `${d.file}#${d.document}`;
}

export const userRulePath = (id: string) => `user/${id}.yml`;

// The text of one document of a multi-document file (documents split on `---` lines).
function documentText(text: string, index: number): string | null {
  const docs = text
    .split(/^---\s*$/m)
    .filter((d) => d.trim() !== "" && /\S/.test(d.replace(/^#.*$/gm, "")));
  return docs[index]?.trim() ?? null;
}

/** Catalogue entries of parsed documents (filters are not listed: they belong to their rules). */
export function catalogEntries(
  docs: readonly SigmaDocument[],
  origin: "builtin" | "user",
  texts: ReadonlyMap<string, string>,
): CatalogRule[] {
  const out: CatalogRule[] = [];
  for (const d of docs) {
    if (d.kind === "filter") continue;
    const text = texts.get(d.file);
    out.push({
      id: documentId(d),
      title: d.title,
      level: d.level,
      author: d.author ?? null,
      description: d.description ?? null,
      status: d.status ?? null,
      tags: [...d.tags],
      kind: d.kind,
      logsource:
        d.kind === "rule"
          ? {
              product: d.logsource.product ?? null,
              category: d.logsource.category ?? null,
              service: d.logsource.service ?? null,
            }
          : { product: null, category: null, service: null },
      origin,
      enabled: true,
      references: [...d.references],
      falsepositives: [...d.falsepositives],
      groupFields: d.kind === "correlation" ? [...d.groupBy] : [],
      updatedAt: null,
      updatedBy: null,
      yaml: text === undefined ? null : origin === "user" ? text : documentText(text, d.document),
    });
  }
  return out;
}

/**
 * Builds the detector of one rule-set version: the built-in pack plus uploaded rules in ONE set
 * (so user correlations and filters can reference built-in rules), minus disabled rules. A bad
 * rule becomes an issue and is skipped; the others load.
 */
export function buildEngine(
  version: string,
  rows: readonly StoredRuleRow[],
  detectorOptions: DetectorOptions = {},
): DetectionEngine {
  const builtin = builtinRuleSources();
  const userRows = rows.filter((r) => r.origin === "user" && r.yaml !== null);
  const userSources: RuleSource[] = userRows.map((r) => ({
    path: userRulePath(r.id),
    text: r.yaml!,
  }));
  const loadedBuiltin = loadRuleDocuments(builtin);
  const loadedUser = loadRuleDocuments(userSources);
  const texts = new Map<string, string>([...builtin, ...userSources].map((s) => [s.path, s.text]));
  const rules = new Map<string, CatalogRule>();
  for (const r of catalogEntries(loadedBuiltin.documents, "builtin", texts)) rules.set(r.id, r);
  // A user rule never shadows a built-in one (uploads with a built-in id are refused).
  for (const r of catalogEntries(loadedUser.documents, "user", texts))
    if (!rules.has(r.id)) rules.set(r.id, r);
  for (const row of rows) {
    const r = rules.get(row.id);
    if (!r) continue;
    r.enabled = row.enabled;
    r.updatedAt = row.updatedAt;
    r.updatedBy = row.updatedBy;
  }
  const docs = [...loadedBuiltin.documents, ...loadedUser.documents].filter(
    (d) => d.kind === "filter" || rules.get(documentId(d))?.enabled !== false,
  );
  const compiled = compileRuleSet(docs);
  const issues = [...loadedBuiltin.issues, ...loadedUser.issues, ...compiled.issues];
  return {
    version,
    rules,
    ruleSet: compiled,
    detector: createDetector(compiled, detectorOptions),
    issues,
  };
}
