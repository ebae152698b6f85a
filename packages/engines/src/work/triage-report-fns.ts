import type { WorkItem, WorkItemKind } from "./work-item-types";
import type { WorkTemplate } from "./template-types";
import type { TriagePolicy } from "./triage-fns";
import { lastActivity, triageQueue } from "./triage-fns";
import { daysBetween, isoDay } from "./work-date-fns";

/** Options of the triage report. */
export interface TriageReportOptions {
  now: Date;
  policy: TriagePolicy;
  title?: string;
  templates?: Partial<Record<WorkItemKind, WorkTemplate>>;
  /** Confidential items are listed as "confidential item" unless this is true. */
  includeConfidential?: boolean;
  /** How an item is referred to in the report (`#12`); the item id when absent. */
  refOf?: (item: WorkItem) => string;
}

/**
 * Escapes text for a Markdown table cell: pipes and newlines would break the table, and markup
 * characters would let a title format (or link) the report. The report is sanitized again
 * when rendered; this keeps the source faithful.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/([\\`*_{}[\]()#+!|<>~])/g, "\\$1")
    .trim();
}

function byCreated(a: WorkItem, b: WorkItem): number {
  return a.createdAt < b.createdAt
    ? -1
    : a.createdAt > b.createdAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;
}

function titleOf(item: WorkItem, opts: TriageReportOptions): string {
  if (item.confidential && !opts.includeConfidential) return "_confidential item_";
  return escapeMarkdown(item.title);
}

function table(header: string[], rows: string[][], empty: string): string[] {
  if (rows.length === 0) return [`_${empty}_`, ""];
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
  ];
}

const who = (item: WorkItem): string =>
  item.assignees.length > 0
    ? item.assignees.map((a) => `@${escapeMarkdown(a)}`).join(", ")
    : "unassigned";

/**
 * Renders the triage report (the sync agenda) as Markdown: summary counts, then new items, items
 * missing required fields, stale items with the bot actions proposed, overdue and blocked items.
 * Deterministic: the same items, options and `now` give the same text (rows sorted by creation
 * time, then id).
 */
export function renderTriageReport(items: readonly WorkItem[], opts: TriageReportOptions): string {
  const sorted = [...items].sort(byCreated);
  const q = triageQueue(sorted, opts.policy, opts.now, opts.templates);
  const day = isoDay(opts.now);
  const ref = (i: WorkItem): string =>
    opts.refOf ? escapeMarkdown(opts.refOf(i)) : `\`${escapeMarkdown(i.id).replace(/`/g, "")}\``;
  const lines: string[] = [
    `# ${escapeMarkdown(opts.title ?? "InfraSec triage")} – ${day}`,
    "",
    `Cadence: ${opts.policy.cadence}. Stale after ${opts.policy.inactiveAfterDays} days without activity; ` +
      `\`InfraSec::stale\` after ${opts.policy.markStaleAfterMonths} months` +
      (opts.policy.autoClose.enabled
        ? `, closed after ${opts.policy.autoClose.afterMonths} months.`
        : "; auto-close is off."),
    "",
    "| Queue | Items |",
    "| --- | --- |",
    `| New (needs triage) | ${q.newItems.length} |`,
    `| Missing required fields | ${q.missingFields.length} |`,
    `| Stale | ${q.stale.length} |`,
    `| Overdue | ${q.overdue.length} |`,
    `| Blocked | ${q.blocked.length} |`,
    "",
    "## New (needs triage)",
    "",
    ...table(
      ["Item", "Title", "Kind", "Assignees", "Age (days)"],
      q.newItems.map((i) => [
        ref(i),
        titleOf(i, opts),
        i.kind,
        who(i),
        String(daysBetween(i.createdAt, opts.now)),
      ]),
      "Nothing new.",
    ),
    "## Missing required fields",
    "",
    ...table(
      ["Item", "Title", "Missing"],
      q.missingFields.map(({ item, missing }) => [
        ref(item),
        titleOf(item, opts),
        missing.map((m) => escapeMarkdown(m.field)).join(", "),
      ]),
      "Every item has its required fields.",
    ),
    "## Stale",
    "",
    ...table(
      ["Item", "Title", "Last activity", "Days inactive", "Bot action"],
      q.stale.map(({ item, inactiveDays, actions }) => [
        ref(item),
        titleOf(item, opts),
        isoDay(lastActivity(item)),
        String(inactiveDays),
        actions.length > 0
          ? actions
              .map((a) => (a.label ? `${a.kind} ${escapeMarkdown(a.label)}` : a.kind))
              .join(", ")
          : "–",
      ]),
      "Nothing stale.",
    ),
    "## Overdue",
    "",
    ...table(
      ["Item", "Title", "Due", "Assignees"],
      q.overdue.map((i) => [ref(i), titleOf(i, opts), i.dueDate ?? "", who(i)]),
      "Nothing overdue.",
    ),
    "## Blocked",
    "",
    ...table(
      ["Item", "Title", "Assignees"],
      q.blocked.map((i) => [ref(i), titleOf(i, opts), who(i)]),
      "Nothing blocked.",
    ),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
