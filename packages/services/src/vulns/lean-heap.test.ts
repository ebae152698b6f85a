import { describe, expect, it } from "vitest";
import { favourMemoryForImports } from "./lean-heap";

// Module state is per test file (vitest isolates files), so the order below is the process's.
describe("favourMemoryForImports", () => {
  it("keeps V8's defaults when INFRASEC_V8_OPTIMIZE_FOR_SIZE=0, else switches once", () => {
    expect(favourMemoryForImports({ INFRASEC_V8_OPTIMIZE_FOR_SIZE: "0" })).toBe(false);
    expect(favourMemoryForImports({})).toBe(true);
    // Once switched, the process stays switched: V8 flags are process-wide.
    expect(favourMemoryForImports({ INFRASEC_V8_OPTIMIZE_FOR_SIZE: "0" })).toBe(true);
  });
});
