import type { Repos } from "@infrasec/storage";
import type { CatalogRule } from "./rule-catalog";

export type AlertRecord = NonNullable<Awaited<ReturnType<Repos["monitoring"]["alerts"]["get"]>>>;
export type AlertEventRecord = Awaited<
  ReturnType<Repos["monitoring"]["alerts"]["listEvents"]>
>[number];
export type SuppressionRecord = NonNullable<
  Awaited<ReturnType<Repos["monitoring"]["suppressions"]["get"]>>
>;

type Level = "informational" | "low" | "medium" | "high" | "critical";
type Status = "new" | "acknowledged" | "resolved" | "false_positive";

export const LEVEL_RANK: Record<string, number> = {
  informational: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

export const attackTags = (tags: readonly string[]) =>
  tags.filter((t) => t.toLowerCase().startsWith("attack."));

/** The API view of an alert (the contract's alertSchema). */
export function alertView(a: AlertRecord) {
  const { levelRank: _rank, eventsKept: _kept, ...rest } = a;
  return {
    ...rest,
    level: a.level as Level,
    status: a.status as Status,
    ruleOrigin: a.ruleOrigin as "builtin" | "user" | null,
    attackTags: attackTags(a.tags),
  };
}

/** The API view of a catalogue rule without its YAML. */
export function ruleSummaryView(r: CatalogRule) {
  const { yaml: _yaml, ...rest } = r;
  return { ...rest, level: r.level as Level, attackTags: attackTags(r.tags) };
}

export function ruleDetailView(r: CatalogRule) {
  return { ...ruleSummaryView(r), yaml: r.yaml };
}

export function eventView(e: AlertEventRecord) {
  return {
    seq: e.seq,
    timestamp: e.ts,
    source: e.source,
    logsource: {
      product: e.logsource.product ?? null,
      category: e.logsource.category ?? null,
      service: e.logsource.service ?? null,
    },
    fields: e.fields,
    matchedFields: e.matchedFields,
    provenance: e.provenance,
    selections: e.selections,
    context: e.context,
    original: e.original,
  };
}

export function suppressionView(s: SuppressionRecord, now: string) {
  return { ...s, active: s.expiresAt === null || s.expiresAt > now };
}

/** The API view of a rule issue found while loading or compiling. */
export function ruleIssueView(i: {
  ruleId?: string;
  field: string;
  message: string;
  severity: "error" | "warning";
}) {
  return { ruleId: i.ruleId ?? null, field: i.field, message: i.message, severity: i.severity };
}
