import type { WorkItemView } from "@infrasec/contracts";

/**
 * A decision item's template fields (DECISION_TEMPLATE of the engine) read defensively: the
 * template is editable, so any field may be missing or of another shape, and the page shows
 * what is there instead of failing.
 */

export interface DecisionOption {
  title: string;
  description: string;
  pros: string;
  cons: string;
  supportingData: string;
}

export interface DecisionRecord {
  question: string;
  context: string;
  options: DecisionOption[];
  recommendation: string;
  decision: string;
  consequences: string;
  dri: string;
  participants: string[];
  decisionDate: string | null;
  followUps: string[];
}

export interface ItemRef {
  number: number | null;
  title: string | null;
}

export const DECISION_STATUSES = ["proposed", "accepted", "rejected", "superseded"] as const;

/** One colour per decision status, used by the table and the detail pane. */
export const DECISION_STATUS_COLORS: Record<string, string> = {
  proposed: "blue",
  accepted: "green",
  rejected: "red",
  superseded: "gray",
};

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === "string" && s.length > 0) : [];

function option(v: unknown): DecisionOption | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  return {
    title: text(o.title),
    description: text(o.description),
    pros: text(o.pros),
    cons: text(o.cons),
    supportingData: text(o.supportingData),
  };
}

export function decisionRecord(item: Pick<WorkItemView, "fields">): DecisionRecord {
  const f = item.fields;
  const date = text(f.decisionDate);
  return {
    question: text(f.question),
    context: text(f.context),
    options: Array.isArray(f.options)
      ? f.options.map(option).filter((o): o is DecisionOption => o !== null)
      : [],
    recommendation: text(f.recommendation),
    decision: text(f.decision),
    consequences: text(f.consequences),
    dri: text(f.dri),
    participants: strings(f.participants),
    decisionDate: date || null,
    followUps: strings(f.followUps),
  };
}

/** The decision date: the recorded one, else the day a decided record was closed. */
export function decidedOn(
  item: Pick<WorkItemView, "fields" | "status" | "closedAt">,
): string | null {
  const recorded = text(item.fields.decisionDate);
  if (recorded) return recorded;
  if (item.status !== "proposed" && item.closedAt) return item.closedAt.slice(0, 10);
  return null;
}

function linked(
  item: Pick<WorkItemView, "links">,
  type: "superseded_by" | "supersedes",
): ItemRef[] {
  return item.links
    .filter((l) => l.type === type && l.targetKind === "item")
    .map((l) => ({ number: l.number, title: l.title }));
}

/**
 * The record that replaced this one, when superseded: its own `superseded_by` link, or else a
 * record of the log that links to it with `supersedes` (a link may be recorded on one side only).
 */
export function supersededBy(
  item: Pick<WorkItemView, "id" | "links">,
  log: readonly Pick<WorkItemView, "number" | "title" | "links">[] = [],
): ItemRef | null {
  const own = linked(item, "superseded_by")[0];
  if (own) return own;
  const newer = log.find((d) =>
    d.links.some(
      (l) => l.type === "supersedes" && l.targetKind === "item" && l.targetId === item.id,
    ),
  );
  return newer ? { number: newer.number, title: newer.title } : null;
}

/** The records this one replaces. */
export function supersedes(item: Pick<WorkItemView, "links">): ItemRef[] {
  return linked(item, "supersedes");
}
