import { describe, expect, it } from "vitest";
import type { UserRef } from "@infrasec/contracts";
import { reviewProgress } from "./design-doc-progress";

const u = (id: string): UserRef => ({ id, username: id, displayName: id.toUpperCase() });
const verdict = (who: string, v: "approved" | "refused", at: string) => ({
  reviewer: u(who),
  verdict: v,
  at,
  level: null,
  comment: null,
});

describe("design doc review progress", () => {
  it("counts each reviewer's latest verdict", () => {
    const p = reviewProgress({
      requiredReviewers: [u("ann"), u("bo"), u("cy")],
      verdicts: [
        verdict("ann", "refused", "2026-01-01T00:00:00Z"),
        verdict("ann", "approved", "2026-01-02T00:00:00Z"),
        verdict("bo", "refused", "2026-01-02T00:00:00Z"),
        verdict("zed", "approved", "2026-01-02T00:00:00Z"),
      ],
    });
    expect(p).toEqual({ total: 3, approved: 1, refused: 1, pending: 1, waitingFor: ["BO", "CY"] });
  });

  it("has nothing to count without reviewers", () => {
    expect(reviewProgress({ requiredReviewers: [], verdicts: [] })).toMatchObject({
      total: 0,
      pending: 0,
    });
  });
});
