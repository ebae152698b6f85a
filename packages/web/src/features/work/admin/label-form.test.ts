import { describe, expect, it } from "vitest";
import { isHexColor, scopeHint } from "./label-form";

describe("label form hints", () => {
  it("explains scoped labels by their key (everything before the last ::)", () => {
    expect(scopeHint("InfraSec::WIP")).toMatch(/Scoped “InfraSec”.*at most one InfraSec:: label/);
    expect(scopeHint("workflow::backend::review")).toMatch(/Scoped “workflow::backend”/);
    expect(scopeHint("Review-Priority:1")).toMatch(/^Unscoped/);
    expect(scopeHint("  ")).toMatch(/Scope::value/);
  });

  it("accepts only #rrggbb colours", () => {
    expect(isHexColor("#1f75cb")).toBe(true);
    expect(isHexColor("#fff")).toBe(false);
    expect(isHexColor("1f75cb")).toBe(false);
  });
});
