import type { FieldError, WorkTemplate } from "./template-types";
import type { WorkItem, WorkItemKind } from "./work-item-types";
import { validateAgainstTemplate } from "./template-validate-fns";
import { isClosedStatus } from "./work-status-fns";
import { addMonths, daysBetween, isoDay } from "./work-date-fns";
import { labelScope } from "./label-fns";

/**
 * Triage hygiene as data and pure functions: the `gitlab-triage` rules of the issue lifecycle
 * (ping after 3 months in backlog, `InfraSec::stale` after 6 months, then auto-close), the
 * required fields per stage, and the triage queue. Services run them (with a dry-run mode) and
 * record every bot action in the audit log.
 */

/** The triage policy; every threshold is configurable. */
export interface TriagePolicy {
  /** Sync cadence: weekly (old page) or fortnightly (current page). */
  cadence: "weekly" | "fortnightly";
  teamLabel: string;
  /** No activity for this many days puts an open item in the triage view's stale list. */
  inactiveAfterDays: number;
  /** Backlog items without activity this long get an assignee ping ("still relevant?"). */
  backlogPingAfterMonths: number;
  /** Items without activity this long get `InfraSec::stale` and a ping. */
  markStaleAfterMonths: number;
  /** Stale items without activity this long are closed, when enabled. */
  autoClose: { enabled: boolean; afterMonths: number };
}

const SHARED = {
  inactiveAfterDays: 30,
  backlogPingAfterMonths: 3,
  markStaleAfterMonths: 6,
  autoClose: { enabled: true, afterMonths: 6 },
};

/** The two published conventions as presets. */
export const TRIAGE_POLICIES: Readonly<Record<"current" | "old", TriagePolicy>> = {
  current: { ...SHARED, cadence: "fortnightly", teamLabel: "Department::InfraSec" },
  old: { ...SHARED, cadence: "weekly", teamLabel: "☁️ InfraSec" },
};

/** New items awaiting the triage sync. */
export const TRIAGE_LABEL = "InfraSec::triage";
/** Triaged, not prioritised: the 3-month ping applies. */
export const BACKLOG_LABEL = "InfraSec::backlog";
/** Set after six months without activity; stale items are auto-closed on a later run. */
export const STALE_LABEL = "InfraSec::stale";
/** Work in progress: needs a due date, an effort label and a description. */
export const WIP_LABEL = "InfraSec::WIP";
/** Labels that mark an item as blocked (workflow and status scopes). */
export const BLOCKED_LABELS = ["InfraSec::Blocked", "InfraSecStatus::blocked"];
/** Items in the Decision Log. */
export const DECISION_LABEL = "InfraSec::decision";

/** A bot action proposed by the rules; services apply it or, in dry-run mode, only list it. */
export interface TriageAction {
  kind: "ping_assignee" | "add_label" | "close";
  label?: string;
  reason: string;
}

/** When the item last saw activity by a person. */
export function lastActivity(item: WorkItem): string {
  return item.lastActivityAt ?? item.updatedAt;
}

/**
 * The age checks of the issue lifecycle. A stale item is closed only when it already carried
 * `InfraSec::stale` before this run, so every closed item was warned at least one run earlier
 * (the bot's own label change is not "activity").
 */
export function evaluateStaleness(
  item: WorkItem,
  policy: TriagePolicy,
  now: Date,
): { inactiveDays: number; inactive: boolean; actions: TriageAction[] } {
  const last = lastActivity(item);
  const inactiveDays = daysBetween(last, now);
  if (isClosedStatus(item)) return { inactiveDays, inactive: false, actions: [] };
  const reached = (months: number): boolean => now.getTime() >= addMonths(last, months).getTime();
  const actions: TriageAction[] = [];
  const stale = item.labels.includes(STALE_LABEL);
  if (stale && policy.autoClose.enabled && reached(policy.autoClose.afterMonths)) {
    actions.push({
      kind: "close",
      reason: `stale, no activity for ${policy.autoClose.afterMonths} months`,
    });
  } else if (!stale && reached(policy.markStaleAfterMonths)) {
    actions.push({
      kind: "add_label",
      label: STALE_LABEL,
      reason: `no activity for ${policy.markStaleAfterMonths} months`,
    });
    actions.push({ kind: "ping_assignee", reason: "marked stale: still relevant?" });
  } else if (item.labels.includes(BACKLOG_LABEL) && reached(policy.backlogPingAfterMonths)) {
    actions.push({
      kind: "ping_assignee",
      reason: `in backlog with no activity for ${policy.backlogPingAfterMonths} months: still relevant?`,
    });
  }
  return { inactiveDays, inactive: inactiveDays >= policy.inactiveAfterDays, actions };
}

/** A required field per stage: when an item carries `label`, it needs `fields`. */
export interface StageRule {
  label: string;
  fields: readonly ("dueDate" | "startDate" | "effort" | "description" | "health" | "assignee")[];
  why: string;
}

/** The published required fields per stage. */
export const STAGE_RULES: readonly StageRule[] = [
  {
    label: WIP_LABEL,
    fields: ["dueDate", "effort", "description"],
    why: "work in progress needs a due date, an effort label and a description",
  },
  {
    label: "InfraSecStatus::planned",
    fields: ["startDate", "dueDate"],
    why: "planned work needs start and due dates",
  },
  {
    label: "InfraSecStatus::ongoing",
    fields: ["health"],
    why: "ongoing work needs a health status",
  },
];

const FIELD_LABELS: Record<StageRule["fields"][number], string> = {
  dueDate: "due date",
  startDate: "start date",
  effort: "effort label (or weight)",
  description: "description",
  health: "health status",
  assignee: "assignee",
};

function hasField(item: WorkItem, f: StageRule["fields"][number]): boolean {
  switch (f) {
    case "dueDate":
      return !!item.dueDate;
    case "startDate":
      return !!item.startDate;
    case "effort":
      return item.weight != null || item.labels.some((l) => labelScope(l) === "InfraSecEffort");
    case "description":
      return !!item.description?.trim();
    case "health":
      return !!item.health;
    case "assignee":
      return item.assignees.length > 0;
  }
}

/**
 * What an open item lacks: the team label, the fields its stage labels require, and (when its
 * template is given) the template fields required at its status. Each entry names the field.
 */
export function missingRequiredFields(
  item: WorkItem,
  policy: TriagePolicy,
  templates: Partial<Record<WorkItemKind, WorkTemplate>> = {},
): FieldError[] {
  if (isClosedStatus(item)) return [];
  const out: FieldError[] = [];
  if (!item.labels.includes(policy.teamLabel)) {
    out.push({ field: "labels", message: `missing the team label ${policy.teamLabel}` });
  }
  for (const rule of STAGE_RULES) {
    if (!item.labels.includes(rule.label)) continue;
    for (const f of rule.fields) {
      if (!hasField(item, f)) {
        out.push({ field: f, message: `${rule.label}: missing ${FIELD_LABELS[f]} (${rule.why})` });
      }
    }
  }
  const t = templates[item.kind];
  if (t) {
    const values = t.titlePrefix ? { ...item.fields, title: item.title } : item.fields;
    const r = validateAgainstTemplate(t, values, { status: item.status });
    if (!r.ok) out.push(...r.errors);
  }
  return out;
}

/** Whether an item is past its due date (the UTC day after the due date has begun). */
export function isOverdue(item: WorkItem, now: Date): boolean {
  return !!item.dueDate && !isClosedStatus(item) && isoDay(now) > item.dueDate;
}

/** The triage queue: what the sync goes through. Lists keep the input order. */
export interface TriageQueue {
  newItems: WorkItem[];
  missingFields: { item: WorkItem; missing: FieldError[] }[];
  stale: { item: WorkItem; inactiveDays: number; actions: TriageAction[] }[];
  overdue: WorkItem[];
  blocked: WorkItem[];
}

/**
 * Builds the triage queue: new items (labelled `InfraSec::triage`), items missing required
 * fields, stale items (inactive for the policy's days, or with a proposed bot action), overdue
 * and blocked items. Closed items are left out.
 */
export function triageQueue(
  items: readonly WorkItem[],
  policy: TriagePolicy,
  now: Date,
  templates: Partial<Record<WorkItemKind, WorkTemplate>> = {},
): TriageQueue {
  const q: TriageQueue = { newItems: [], missingFields: [], stale: [], overdue: [], blocked: [] };
  for (const item of items) {
    if (isClosedStatus(item)) continue;
    if (item.labels.includes(TRIAGE_LABEL)) q.newItems.push(item);
    const missing = missingRequiredFields(item, policy, templates);
    if (missing.length > 0) q.missingFields.push({ item, missing });
    const s = evaluateStaleness(item, policy, now);
    if (s.inactive || s.actions.length > 0) q.stale.push({ item, ...s });
    if (isOverdue(item, now)) q.overdue.push(item);
    if (item.labels.some((l) => BLOCKED_LABELS.includes(l))) q.blocked.push(item);
  }
  return q;
}

/**
 * The Decision Log view: items with the team label and `InfraSec::decision`. GitLab's saved view
 * lists open issues only; here a decision's status says where it stands, so accepted, rejected
 * and superseded records stay in the log (it is a register).
 */
export function decisionLog(items: readonly WorkItem[], policy: TriagePolicy): WorkItem[] {
  return items.filter(
    (i) => i.labels.includes(policy.teamLabel) && i.labels.includes(DECISION_LABEL),
  );
}
