import type { ErrorDetail, Finding } from "@infrasec/core";

/** Where a suppression came from, and so how it was written. */
export type SuppressionSource = "infrasec" | "checkov" | "trivy" | "config";

/** A parsed suppression with its scope; `rules` may be infrasec ids or peer ids (CKV_…, AVD-…). */
export interface Suppression {
  source: SuppressionSource;
  rules: string[];
  reason: string;
  until?: string;
  owner?: string;
  /** Optional attribute path filter (Trivy-style). */
  attribute?: string;
  /** Scope: a file span, or (config form) a resource address pattern. */
  file?: string;
  startLine?: number;
  endLine?: number;
  resource?: string;
  /** Where it was written, for the stale and expired reports. */
  origin: { file: string; line: number };
}

/** What applying suppressions produced besides the updated findings. */
export interface SuppressionReport {
  stale: Suppression[];
  expired: Suppression[];
  invalid: ErrorDetail[];
}

const KV = /(\w+)=("([^"]*)"|'([^']*)'|(\S+))/g;

/**
 * Parse one comment into a suppression (scope not yet set). Recognises
 * `infrasec:ignore RULE[,RULE] reason="…" until=YYYY-MM-DD owner=… attr=path`,
 * `checkov:skip=CKV_X:reason` and `trivy:ignore:AVD-X`. Returns an error for an infrasec
 * suppression without reason.
 */
export function parseSuppressionComment(
  text: string,
  file: string,
  line: number,
): Suppression | ErrorDetail | null {
  const body = text.replace(/^\s*(#|\/\/|\/\*)\s*/, "").replace(/\*\/\s*$/, "");
  const origin = { file, line };
  const m = /infrasec:ignore\s+([\w\-,.:]+)(.*)$/.exec(body);
  if (m) {
    const attrs: Record<string, string> = {};
    for (const kv of m[2]!.matchAll(KV)) attrs[kv[1]!] = kv[3] ?? kv[4] ?? kv[5] ?? "";
    const reason = attrs.reason?.trim();
    if (!reason)
      return {
        file,
        line,
        message: 'infrasec:ignore needs a reason="…"; the suppression is ignored',
      };
    const until = attrs.until ?? attrs.expires;
    if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until))
      return { file, line, message: `invalid until date "${until}" (want YYYY-MM-DD)` };
    return {
      source: "infrasec",
      rules: m[1]!.split(","),
      reason,
      until,
      owner: attrs.owner,
      attribute: attrs.attr ?? attrs.attribute,
      origin,
    };
  }
  const ck = /checkov:skip=([A-Z0-9_]+)(?::(.*))?/.exec(body);
  if (ck)
    return {
      source: "checkov",
      rules: [ck[1]!],
      reason: ck[2]?.trim() || "migrated from checkov:skip",
      origin,
    };
  const tv = /trivy:ignore:(AVD-[A-Z]+-\d+|[a-z0-9-]+)/i.exec(body);
  if (tv)
    return {
      source: "trivy",
      rules: [tv[1]!.toUpperCase()],
      reason: "migrated from trivy:ignore",
      origin,
    };
  return null;
}

/**
 * Attach comment suppressions to the block they precede (the first block starting after the
 * comment, with only comments or blank lines between) or contain (comment inside the block).
 */
export function scopeToBlocks(
  sup: Suppression,
  blocks: readonly { line: number; endLine: number }[],
  commentLines: ReadonlySet<number>,
): Suppression {
  const line = sup.origin.line;
  const containing = blocks
    .filter((b) => b.line < line && b.endLine >= line)
    .sort((a, b) => b.line - a.line)[0];
  const following = blocks.filter((b) => b.line > line).sort((a, b) => a.line - b.line)[0];
  let target = containing;
  if (following) {
    let adjacent = true;
    for (let l = line + 1; l < following.line; l++) if (!commentLines.has(l)) adjacent = false;
    if (adjacent) target = following;
  }
  if (!target) return { ...sup, file: sup.origin.file, startLine: line, endLine: line + 1 };
  return { ...sup, file: sup.origin.file, startLine: target.line, endLine: target.endLine };
}

/** Parse the config-file form: `[{ rule, resource?, file?, attr?, reason, until?, owner? }]`. */
export function parseSuppressionConfig(
  doc: unknown,
  file: string,
): { suppressions: Suppression[]; errors: ErrorDetail[] } {
  const out = { suppressions: [] as Suppression[], errors: [] as ErrorDetail[] };
  const list = Array.isArray(doc) ? doc : (doc as { suppressions?: unknown } | null)?.suppressions;
  if (!Array.isArray(list)) return out;
  list.forEach((item: unknown, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    const rule = typeof o.rule === "string" ? o.rule : undefined;
    const reason = typeof o.reason === "string" ? o.reason.trim() : "";
    if (!rule || !reason) {
      out.errors.push({
        file,
        path: `suppressions[${i}]`,
        message: "a suppression needs rule and reason",
      });
      return;
    }
    out.suppressions.push({
      source: "config",
      rules: [rule],
      reason,
      until: typeof o.until === "string" ? o.until : undefined,
      owner: typeof o.owner === "string" ? o.owner : undefined,
      attribute: typeof o.attr === "string" ? o.attr : undefined,
      resource: typeof o.resource === "string" ? o.resource : undefined,
      file: typeof o.file === "string" ? o.file : undefined,
      origin: { file, line: i + 1 },
    });
  });
  return out;
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    "^" +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".") +
      "$",
  );
  return re.test(value);
}

function matches(
  s: Suppression,
  f: Finding,
  equivalents: (ruleId: string) => readonly string[],
): boolean {
  const ids = new Set([f.ruleId, ...equivalents(f.ruleId)]);
  if (!s.rules.some((r) => ids.has(r) || r === "*")) return false;
  if (s.attribute && f.attributePath && !f.attributePath.startsWith(s.attribute)) return false;
  if (s.resource && !globMatch(s.resource, f.resource)) return false;
  if (s.file && s.startLine === undefined && !f.location.file.endsWith(s.file)) return false;
  if (s.startLine !== undefined) {
    if (s.file !== f.location.file) return false;
    if (f.location.startLine < s.startLine || f.location.startLine > (s.endLine ?? s.startLine))
      return false;
  }
  return true;
}

/**
 * Apply suppressions: matching findings get status `suppressed` and the suppression's reason.
 * Expired ones (until < today, `today` as YYYY-MM-DD passed in) do not suppress and are
 * reported; ones that matched nothing are reported as stale.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  today: string,
  equivalents: (ruleId: string) => readonly string[],
): { findings: Finding[]; report: SuppressionReport } {
  const report: SuppressionReport = { stale: [], expired: [], invalid: [] };
  const active = suppressions.filter((s) => {
    if (s.until && s.until < today) {
      report.expired.push(s);
      return false;
    }
    return true;
  });
  const used = new Set<Suppression>();
  const out = findings.map((f) => {
    if (f.status === "fixed") return f;
    const s = active.find((x) => matches(x, f, equivalents));
    if (!s) return f;
    used.add(s);
    const source =
      s.source === "infrasec" || s.source === "config"
        ? `${s.source}:${s.origin.file}:${s.origin.line}`
        : `${s.source} (migrated) ${s.origin.file}:${s.origin.line}`;
    return {
      ...f,
      status: "suppressed" as const,
      suppression: { source, reason: s.reason, until: s.until, owner: s.owner },
    };
  });
  for (const s of active) if (!used.has(s)) report.stale.push(s);
  return { findings: out, report };
}
