import { describe, expect, it } from "vitest";
import { countLabel, latestUpdate, progressSentence, weightLabel } from "./progress-format";

const progress = { total: 3, closed: 1, totalWeight: 10, closedWeight: 5, percent: 50 };

describe("progress labels", () => {
  it("reads count and weight", () => {
    expect(countLabel(progress)).toBe("1/3 closed");
    expect(weightLabel(progress)).toBe("weight 5/10");
    expect(weightLabel({ ...progress, totalWeight: 0, closedWeight: 0 })).toBeNull();
    expect(progressSentence(progress)).toBe("50% done by weight: 1/3 closed, weight 5/10");
  });

  it("finds the newest status update", () => {
    const u = (id: string, createdAt: string) => ({
      id,
      itemId: "e",
      health: "on_track" as const,
      body: "",
      author: null,
      createdAt,
    });
    expect(latestUpdate({ updates: [] })).toBeNull();
    expect(
      latestUpdate({
        updates: [
          u("a", "2026-10-01T00:00:00Z"),
          u("b", "2026-10-03T00:00:00Z"),
          u("c", "2026-10-02T00:00:00Z"),
        ],
      })?.id,
    ).toBe("b");
  });
});
