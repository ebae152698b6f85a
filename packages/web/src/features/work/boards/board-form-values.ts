import type { BoardView, WorkKind } from "@infrasec/contracts";
import type { BoardBody } from "./api";

/**
 * The board dialog's values. In scope mode a column is typed as its value within the scope
 * (`WIP`) and sent as the full label (`InfraSec::WIP`), so a column can never name a label of
 * another scope; in status mode the value is the status id.
 */
export interface BoardFormColumn {
  value: string;
  title: string;
  /** Empty for no limit. */
  wipLimit: number | "";
}

export interface BoardFormValues {
  name: string;
  mode: "scope" | "status";
  scope: string;
  columns: BoardFormColumn[];
  swimlanes: "none" | "assignee";
  filterLabels: string[];
  /** Only items of this kind (kept as the board has it; null for every kind). */
  kind: WorkKind | null;
}

/** The team's workflow scope and its lifecycle values (domain brief §5). */
export const DEFAULT_BOARD_FORM: BoardFormValues = {
  name: "",
  mode: "scope",
  scope: "InfraSec",
  columns: [
    { value: "triage", title: "Triage", wipLimit: "" },
    { value: "backlog", title: "Backlog", wipLimit: "" },
    { value: "prioritised", title: "Prioritised", wipLimit: "" },
    { value: "WIP", title: "WIP", wipLimit: 5 },
  ],
  swimlanes: "none",
  filterLabels: [],
  kind: null,
};

function withinScope(value: string, scope: string | null): string {
  const prefix = `${scope ?? ""}::`;
  return scope && value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

export function boardFormFromBoard(board: BoardView | null): BoardFormValues {
  if (!board)
    return { ...DEFAULT_BOARD_FORM, columns: DEFAULT_BOARD_FORM.columns.map((c) => ({ ...c })) };
  return {
    name: board.name,
    mode: board.mode,
    scope: board.scope ?? "",
    columns: board.columns.map((c) => ({
      value: board.mode === "scope" ? withinScope(c.value, board.scope) : c.value,
      title: c.title,
      wipLimit: c.wipLimit ?? "",
    })),
    swimlanes: board.swimlanes,
    filterLabels: [...board.filterLabels],
    kind: board.kind,
  };
}

/** Problems of the form, keyed like the server's details (`name`, `scope`, `columns.1.value`). */
export function boardFormErrors(form: BoardFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = "A board needs a name";
  if (form.mode === "scope") {
    if (!form.scope.trim()) errors.scope = "Scope mode needs the label scope (e.g. InfraSec)";
    else if (form.scope.includes(",")) errors.scope = "A scope has no commas";
  }
  if (form.columns.length === 0) errors.columns = "Add at least one column";
  const seen = new Set<string>();
  form.columns.forEach((c, i) => {
    const v = c.value.trim();
    if (!v) errors[`columns.${i}.value`] = "A column needs a value";
    else if (form.mode === "scope" && v.includes("::"))
      errors[`columns.${i}.value`] = "Type only the value within the scope";
    else if (seen.has(v)) errors[`columns.${i}.value`] = "Columns must differ";
    seen.add(v);
    if (c.wipLimit !== "" && (!Number.isInteger(c.wipLimit) || c.wipLimit < 1))
      errors[`columns.${i}.wipLimit`] = "A WIP limit is a whole number of at least 1";
  });
  return errors;
}

/** The request body of the form (call only when boardFormErrors is empty). */
export function boardBodyFromForm(form: BoardFormValues): BoardBody {
  const scope = form.mode === "scope" ? form.scope.trim() : null;
  return {
    name: form.name.trim(),
    mode: form.mode,
    scope,
    columns: form.columns.map((c) => {
      const value = c.value.trim();
      const title = c.title.trim();
      return {
        value: scope ? `${scope}::${value}` : value,
        ...(title ? { title } : {}),
        wipLimit: c.wipLimit === "" ? null : c.wipLimit,
      };
    }),
    swimlanes: form.swimlanes,
    filterLabels: form.filterLabels,
    kind: form.kind,
  };
}
