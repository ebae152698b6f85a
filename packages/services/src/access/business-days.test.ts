import { describe, expect, it } from "vitest";
import { addBusinessDays, businessDaysUntil } from "./business-days";

describe("business days", () => {
  it("adds Monday–Friday days", () => {
    expect(addBusinessDays("2026-11-25", 10)).toBe("2026-12-09"); // Wed → Wed two weeks on
    expect(addBusinessDays("2026-11-27", 1)).toBe("2026-11-30"); // Fri → Mon
  });

  it("counts business days left until a due date, 0 on it and -1 after", () => {
    expect(businessDaysUntil("2026-11-25", "2026-12-09")).toBe(10);
    expect(businessDaysUntil("2026-12-02", "2026-12-09")).toBe(5);
    expect(businessDaysUntil("2026-12-05", "2026-12-07")).toBe(1); // Sat → Mon
    expect(businessDaysUntil("2026-12-09", "2026-12-09")).toBe(0);
    expect(businessDaysUntil("2026-12-10", "2026-12-09")).toBe(-1);
  });
});
