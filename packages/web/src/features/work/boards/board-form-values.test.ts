import { describe, expect, it } from "vitest";
import type { BoardView } from "@infrasec/contracts";
import { boardBodyFromForm, boardFormErrors, boardFormFromBoard } from "./board-form-values";

const board: BoardView = {
  id: "b",
  name: "Workflow",
  mode: "scope",
  scope: "InfraSec",
  columns: [
    { value: "InfraSec::triage", title: "Triage", wipLimit: null },
    { value: "InfraSec::WIP", title: "WIP", wipLimit: 3 },
  ],
  swimlanes: "assignee",
  filterLabels: ["Department::InfraSec"],
  kind: "task",
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-20T10:00:00.000Z",
};

describe("board form values", () => {
  it("round-trips a scope board, typing column values within the scope", () => {
    const form = boardFormFromBoard(board);
    expect(form.columns.map((c) => c.value)).toEqual(["triage", "WIP"]);
    expect(boardFormErrors(form)).toEqual({});
    expect(boardBodyFromForm(form)).toEqual({
      name: "Workflow",
      mode: "scope",
      scope: "InfraSec",
      columns: [
        { value: "InfraSec::triage", title: "Triage", wipLimit: null },
        { value: "InfraSec::WIP", title: "WIP", wipLimit: 3 },
      ],
      swimlanes: "assignee",
      filterLabels: ["Department::InfraSec"],
      kind: "task",
    });
  });

  it("starts new boards from the team's workflow scope", () => {
    const form = boardFormFromBoard(null);
    expect(form.scope).toBe("InfraSec");
    expect(form.columns.map((c) => c.value)).toEqual(["triage", "backlog", "prioritised", "WIP"]);
    expect(boardFormErrors(form)).toEqual({ name: "A board needs a name" });
  });

  it("sends status columns as they are and drops empty titles", () => {
    const form = {
      ...boardFormFromBoard(null),
      name: " Status ",
      mode: "status" as const,
      columns: [{ value: "open", title: " ", wipLimit: "" as const }],
    };
    expect(boardBodyFromForm(form)).toMatchObject({
      name: "Status",
      scope: null,
      columns: [{ value: "open", wipLimit: null }],
    });
  });

  it("names the field of every problem", () => {
    const form = {
      ...boardFormFromBoard(board),
      scope: "",
      columns: [
        { value: "a", title: "", wipLimit: 0 },
        { value: "a", title: "", wipLimit: "" as const },
        { value: "X::b", title: "", wipLimit: "" as const },
        { value: " ", title: "", wipLimit: "" as const },
      ],
    };
    expect(boardFormErrors(form)).toEqual({
      scope: "Scope mode needs the label scope (e.g. InfraSec)",
      "columns.0.wipLimit": "A WIP limit is a whole number of at least 1",
      "columns.1.value": "Columns must differ",
      "columns.2.value": "Type only the value within the scope",
      "columns.3.value": "A column needs a value",
    });
  });
});
