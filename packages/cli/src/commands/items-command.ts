import type { Command } from "commander";
import type { CreateWorkItemBody, WorkItemView, WorkListQuery } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import { STATUS_MODELS } from "@infrasec/engines/work";
import { withBackend, type GlobalOptions } from "../cli-context";
import { printJson, printTable } from "../output";
import { ITEM_COLUMNS, itemRow, renderItem } from "./items-format";
import {
  TEMPLATE_KINDS,
  applyFieldArgs,
  kindOf,
  listOption,
  parseDay,
  parseItemNumber,
  parseLimit,
  parseWeight,
  readDescription,
  readFieldsFile,
} from "./items-input-fns";

// Closing statuses that record a failure or a replacement need a reason or a link; `close`
// prefers the ones that mean "done" and falls back to the others only when nothing else is allowed.
const NEGATIVE_CLOSES = new Set(["cancelled", "aborted", "rejected", "superseded"]);

/**
 * The status `items close` moves an item to: the first closed status of the kind's model that
 * the item may move to from where it is (`closed`, `completed`, `done`, `accepted`, …).
 */
export function closingStatus(item: Pick<WorkItemView, "kind" | "status" | "derived">): string {
  const closed = STATUS_MODELS[item.kind].statuses.filter((s) => s.closed).map((s) => s.id);
  const allowed = closed.filter((s) => item.derived.allowedStatuses.includes(s));
  const pick = allowed.find((s) => !NEGATIVE_CLOSES.has(s)) ?? allowed[0];
  if (!pick) {
    throw new AppError(
      "validation_failed",
      `${item.kind} items cannot be closed from ${item.status}`,
      [
        {
          path: "status",
          message: `from ${item.status} the item may move to ${
            item.derived.allowedStatuses.join(", ") || "nothing"
          }; closing statuses are ${closed.join(", ")}`,
        },
      ],
    );
  }
  return pick;
}

interface CreateOptions {
  template: string;
  title: string;
  description?: string;
  descriptionFile?: string;
  field?: string[];
  fieldsFile?: string;
  label?: string[];
  assign?: string[];
  reviewer?: string[];
  owner?: string;
  due?: string;
  weight?: string;
  confidential?: boolean;
  draft?: boolean;
}

/** The API body of `items create`: the fields file first, `--field` pairs on top of it. */
export function createBody(o: CreateOptions): CreateWorkItemBody {
  const fields = applyFieldArgs(o.field ?? [], o.fieldsFile ? readFieldsFile(o.fieldsFile) : {});
  return {
    kind: kindOf(o.template),
    title: o.title,
    description: readDescription(o),
    fields,
    labels: listOption(o.label),
    assignees: listOption(o.assign),
    requiredReviewers: listOption(o.reviewer),
    owner: o.owner,
    dueDate: parseDay(o.due, "--due"),
    weight: parseWeight(o.weight),
    confidential: o.confidential === true,
    draft: o.draft === true,
  };
}

function summaryLine(verb: string, i: WorkItemView): string {
  const risk = i.derived.risk
    ? `; risk ${i.derived.risk.score} ${i.derived.risk.band}, ${i.derived.risk.reviewPriorityLabel}`
    : "";
  return `${verb} #${i.number} ${i.title} (${i.kind}, ${i.status})${risk}\n`;
}

export function registerItemsCommand(program: Command): void {
  const items = program
    .command("items")
    .description("work items of the team workflow: requests, changes, decisions, design docs, …");

  items
    .command("create")
    .description(
      "create a work item from a template; template fields come from --fields-file and --field " +
        '(values parse as JSON when they look like JSON: numbers, true/false, [..], {..}, "..")',
    )
    .requiredOption("--template <name>", Object.keys(TEMPLATE_KINDS).join(" | "))
    .requiredOption(
      "--title <title>",
      "title (security reviews get the 'Security Review Request:' prefix)",
    )
    .option("--description <markdown>", "Markdown body")
    .option("--description-file <file>", "read the Markdown body from a file")
    .option("--field <key=value...>", "a template field; dotted keys set nested values")
    .option("--fields-file <file>", "template field values as one YAML or JSON object")
    .option("--label <labels...>", "labels (scoped labels replace their scope's value)")
    .option("--assign <users...>", "assignees by username")
    .option("--reviewer <users...>", "required reviewers by username")
    .option("--owner <user>", "owner (DRI) by username")
    .option("--due <YYYY-MM-DD>", "due date")
    .option("--weight <n>", "weight: 1, 2, 3, 5 or 13")
    .option("--confidential", "visible to security roles and the people on the item only")
    .option("--draft", "save as a draft: required template fields are not enforced yet")
    .action(async (o: CreateOptions, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const body = createBody(o);
      const item = await withBackend(g, (b) => b.createWorkItem(body));
      if (g.json) return printJson(item);
      process.stdout.write(summaryLine("created", item));
      if (item.derived.missingFields.length > 0) {
        process.stdout.write(
          `still missing: ${item.derived.missingFields.map((m) => m.field).join(", ")}\n`,
        );
      }
    });

  items
    .command("list")
    .description("search and filter work items")
    .option("--label <labels...>", "items carrying every one of these labels")
    .option("--kind <kind>", "template name or kind (security-review, change-request, …)")
    .option("--state <state>", "open, closed or all", "open")
    .option("--status <status>", "a status of the kind (new-request, scheduled, …)")
    .option("--assignee <user>", "assigned to this username")
    .option("--q <text>", "full-text search over title, description and comments")
    .option("--limit <n>", "at most 500", "50")
    .action(
      async (
        o: {
          label?: string[];
          kind?: string;
          state: string;
          status?: string;
          assignee?: string;
          q?: string;
          limit?: string;
        },
        cmd: Command,
      ) => {
        const g = cmd.optsWithGlobals<GlobalOptions>();
        if (!["open", "closed", "all"].includes(o.state)) {
          throw new AppError("validation_failed", `--state must be open, closed or all`, [
            { path: "--state", message: `got ${o.state}` },
          ]);
        }
        const labels = listOption(o.label);
        const q: WorkListQuery = {
          label: labels.length > 0 ? labels.join(",") : undefined,
          kind: o.kind ? kindOf(o.kind, "--kind") : undefined,
          state: o.state as "open" | "closed" | "all",
          status: o.status,
          assignee: o.assignee,
          q: o.q,
          limit: parseLimit(o.limit),
        };
        const r = await withBackend(g, (b) => b.listWorkItems(q));
        if (g.json) return printJson(r);
        printTable(r.items.map(itemRow), ITEM_COLUMNS);
        process.stdout.write(`${r.items.length} of ${r.total}\n`);
      },
    );

  items
    .command("show <number>")
    .description(
      "one item with its fields, derived risk and approvals, links, comments and history",
    )
    .action(async (ref: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const num = parseItemNumber(ref);
      const r = await withBackend(g, async (b) => {
        const item = await b.getWorkItemByNumber(num);
        const [history, comments] = await Promise.all([
          b.workItemHistory(item.id),
          b.workItemComments(item.id),
        ]);
        return { item, history, comments };
      });
      if (g.json) return printJson(r);
      process.stdout.write(renderItem(r.item, r.history, r.comments));
    });

  items
    .command("label <number>")
    .description("add and remove labels; adding Scope::b replaces Scope::a")
    .option("--add <labels...>", "labels to add")
    .option("--remove <labels...>", "labels to remove")
    .action(async (ref: string, o: { add?: string[]; remove?: string[] }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const num = parseItemNumber(ref);
      const change = { add: listOption(o.add), remove: listOption(o.remove) };
      if (change.add.length + change.remove.length === 0) {
        throw new AppError("validation_failed", "give --add or --remove", [
          { path: "--add", message: "no label change given" },
        ]);
      }
      const item = await withBackend(g, async (b) => {
        const { id } = await b.getWorkItemByNumber(num);
        return b.changeWorkItemLabels(id, change);
      });
      if (g.json) return printJson(item);
      process.stdout.write(`#${item.number} labels: ${item.labels.join(", ") || "(none)"}\n`);
    });

  items
    .command("comment <number> <text>")
    .description("comment on an item (Markdown; @username mentions notify the person)")
    .action(async (ref: string, text: string, _o, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const num = parseItemNumber(ref);
      const comment = await withBackend(g, async (b) => {
        const { id } = await b.getWorkItemByNumber(num);
        return b.addWorkComment(id, text);
      });
      if (g.json) return printJson(comment);
      process.stdout.write(
        `commented on #${num}${comment.mentions.length > 0 ? ` (mentioned ${comment.mentions.join(", ")})` : ""}\n`,
      );
    });

  items
    .command("close <number>")
    .description("move an item to its kind's closing status (closed, completed, done, accepted, …)")
    .option("--status <status>", "a specific closing status (e.g. cancelled, aborted, rejected)")
    .option("--reason <text>", "why (required for cancelled, aborted and rejected)")
    .action(async (ref: string, o: { status?: string; reason?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      const num = parseItemNumber(ref);
      const item = await withBackend(g, async (b) => {
        const current = await b.getWorkItemByNumber(num);
        const status = o.status ?? closingStatus(current);
        return b.updateWorkItem(current.id, { status, statusNote: o.reason });
      });
      if (g.json) return printJson(item);
      process.stdout.write(summaryLine("closed", item));
    });
}
