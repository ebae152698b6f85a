import { stringify as toYaml } from "yaml";
import type {
  UserRef,
  WorkComment,
  WorkHistoryEntry,
  WorkItemSummary,
  WorkItemView,
} from "@infrasec/contracts";

/** Plain-text rendering of work items for `infrasec items list` and `items show`. */

const names = (people: readonly UserRef[]): string => people.map((p) => p.username).join(", ");

/** One row of the `items list` table: #, title, kind, status, labels, assignees, due. */
export function itemRow(i: WorkItemSummary): Record<string, unknown> {
  return {
    "#": i.number,
    title: i.confidential ? `${i.title} [confidential]` : i.title,
    kind: i.kind,
    status: i.status,
    labels: i.labels,
    assignees: i.assignees.map((a) => a.username),
    due: i.dueDate ?? "",
  };
}

export const ITEM_COLUMNS = ["#", "title", "kind", "status", "labels", "assignees", "due"];

/** A value on one line: text as is, anything else as compact JSON. */
function inline(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.replace(/\s*\n\s*/g, " ⏎ ");
  return JSON.stringify(v);
}

/** A template value: scalars and plain lists inline, structured values (rows, answers) as YAML. */
function fieldLines(key: string, v: unknown): string[] {
  const plain = (x: unknown) => x === null || typeof x !== "object";
  if (plain(v)) return [`  ${key}: ${inline(v)}`];
  if (Array.isArray(v) && v.every(plain)) return [`  ${key}: ${v.map(inline).join(", ")}`];
  return [`  ${key}:`, indent(toYaml(v).trimEnd(), "    ")];
}

/** A label change as additions and removals instead of two full lists. */
function labelDiff(from: unknown, to: unknown): string | null {
  if (!Array.isArray(to)) return null;
  const before = Array.isArray(from) ? (from as unknown[]) : [];
  const added = to.filter((l) => !before.includes(l)).map((l) => `+${inline(l)}`);
  const removed = before.filter((l) => !to.includes(l)).map((l) => `-${inline(l)}`);
  return [...added, ...removed].join(" ");
}

function indent(text: string, by = "  "): string {
  return text
    .split("\n")
    .map((l) => (l ? by + l : l))
    .join("\n");
}

/** Derived facts in words: risk, reviewer approval, change approvals, missing fields. */
function derivedLines(item: WorkItemView): [string, string][] {
  const d = item.derived;
  const out: [string, string][] = [];
  if (d.risk) {
    out.push(["risk", `score ${d.risk.score} → ${d.risk.band}, ${d.risk.reviewPriorityLabel}`]);
  }
  if (d.approval) {
    const a = d.approval;
    out.push([
      "approval",
      a.approved
        ? "approved by every required reviewer"
        : [
            a.pending.length > 0 ? `pending: ${a.pending.join(", ")}` : "",
            a.refused.length > 0 ? `refused: ${a.refused.join(", ")}` : "",
          ]
            .filter(Boolean)
            .join("; ") || "not approved (no required reviewers)",
    ]);
  }
  if (d.changeApproval) {
    const c = d.changeApproval;
    out.push([
      "change approvals",
      `${c.criticality ?? "no criticality"}: ${
        c.satisfied ? "all required approvals given" : `missing ${c.missing.join(", ")}`
      }`,
    ]);
  }
  if (d.missingFields.length > 0) {
    out.push(["missing fields", d.missingFields.map((m) => m.field).join(", ")]);
  }
  if (d.overdue) out.push(["overdue", "yes"]);
  return out;
}

function historyLine(h: WorkHistoryEntry): string {
  const who = h.actor?.username ?? "system";
  const changes = h.changes
    .map((c) => {
      const labels = c.field === "labels" ? labelDiff(c.from, c.to) : null;
      if (labels !== null) return `labels: ${labels}`;
      return `${c.field}: ${inline(c.from) || "–"} → ${inline(c.to) || "–"}`;
    })
    .join("; ");
  return `${h.at}  ${who}  ${h.action}${changes ? `  ${changes}` : ""}${h.note ? `  (${h.note})` : ""}`;
}

/** The text of `items show`: header, properties, derived state, fields, links, comments, history. */
export function renderItem(
  item: WorkItemView,
  history: readonly WorkHistoryEntry[],
  comments: readonly WorkComment[],
): string {
  const props: [string, string][] = [
    ["kind", item.kind + (item.templateId ? ` (template ${item.templateId})` : "")],
    [
      "status",
      item.status +
        (item.derived.allowedStatuses.length > 0
          ? ` (next: ${item.derived.allowedStatuses.join(", ")})`
          : ""),
    ],
    ["labels", item.labels.join(", ")],
    ["assignees", names(item.assignees)],
    ["owner", item.owner?.username ?? ""],
    ["reviewers", names(item.requiredReviewers)],
    ["start", item.startDate ?? ""],
    ["due", item.dueDate ?? ""],
    ["weight", item.weight === null ? "" : String(item.weight)],
    ["health", item.health ?? ""],
    ["confidential", item.confidential ? "yes" : "no"],
    ["created", `${item.createdAt}${item.createdBy ? ` by ${item.createdBy.username}` : ""}`],
    ["updated", item.updatedAt],
    ...(item.closedAt ? ([["closed", item.closedAt]] as [string, string][]) : []),
    ...derivedLines(item),
  ];
  const width = Math.max(...props.map(([k]) => k.length)) + 2;
  const lines = [`#${item.number} ${item.title}`, ""];
  // Unset optional properties are left out; kind, status and labels always show.
  for (const [k, v] of props) {
    if (v || ["kind", "status", "labels"].includes(k))
      lines.push(`${k.padEnd(width)}${v}`.trimEnd());
  }
  if (item.description.trim()) lines.push("", "Description", indent(item.description.trimEnd()));
  const fields = Object.entries(item.fields);
  if (fields.length > 0) {
    lines.push("", "Fields");
    for (const [k, v] of fields) lines.push(...fieldLines(k, v));
  }
  if (item.verdicts.length > 0) {
    lines.push("", "Verdicts");
    for (const v of item.verdicts) {
      lines.push(
        `  ${v.at}  ${v.reviewer.username}  ${v.verdict}${v.level ? ` (${v.level})` : ""}${
          v.comment ? `: ${inline(v.comment)}` : ""
        }`,
      );
    }
  }
  if (item.links.length > 0) {
    lines.push("", "Links");
    for (const l of item.links) {
      const target =
        l.targetKind === "item" && l.number !== null
          ? `#${l.number}`
          : `${l.targetKind} ${l.targetId}`;
      lines.push(`  ${l.type} ${target}${l.title ? ` ${l.title}` : ""}`);
    }
  }
  if (comments.length > 0) {
    lines.push("", `Comments (${comments.length})`);
    for (const c of comments) {
      lines.push(`  ${c.createdAt}  ${c.author?.username ?? "system"}:`, indent(c.body, "    "));
    }
  }
  if (history.length > 0) {
    lines.push("", "History");
    for (const h of history) lines.push(`  ${historyLine(h)}`);
  }
  return `${lines.join("\n")}\n`;
}
