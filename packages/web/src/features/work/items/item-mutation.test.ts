import { describe, expect, it } from "vitest";
import { ApiError } from "@infrasec/contracts";
import { failureText } from "./item-mutation";

describe("failure messages of item changes", () => {
  it("lists each guard reason once", () => {
    const e = new ApiError(409, "conflict", "cannot move #2 to scheduled: missing EOC approval", [
      { path: "status.change_approvals", message: "change_approvals: missing EOC approval" },
      { path: "status.due_date", message: "due_date: no due date" },
      { path: "status.due_date", message: "due_date: no due date" },
    ]);
    expect(failureText(e)).toBe("cannot move #2 to scheduled: missing EOC approval — no due date");
  });

  it("names the field of validation details", () => {
    const e = new ApiError(400, "validation_failed", "1 problem", [
      { path: "assignees[0]", message: "unknown user nobody" },
    ]);
    expect(failureText(e)).toBe("1 problem — assignees[0]: unknown user nobody");
    expect(failureText(new Error("offline"))).toBe("offline");
  });
});
