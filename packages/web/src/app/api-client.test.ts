import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, fieldErrors } from "./api-client";

describe("API errors in forms", () => {
  it("keys field errors by full and top-level path", () => {
    const e = new ApiError(400, "validation_failed", "Invalid body", [
      { path: "body.identifiers.0.value", message: "Too short" },
      { path: "/name", message: "Required" },
      { message: "no path" },
    ]);
    expect(fieldErrors(e)).toEqual({
      "identifiers.0.value": "Too short",
      identifiers: "Too short",
      name: "Required",
    });
    expect(errorMessage(e)).toBe("Invalid body");
    expect(fieldErrors(new Error("x"))).toEqual({});
  });
});
