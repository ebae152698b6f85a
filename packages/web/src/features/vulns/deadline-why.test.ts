import { describe, expect, it } from "vitest";
import { deadlineWhy } from "./deadline-why";

const deadline = {
  policy: "gitlab-handbook@2",
  dueAt: "2026-12-20T00:00:00.000Z",
  startAt: "2026-11-25T12:00:00.000Z",
  targetDays: 180,
  pausedMs: 0,
  explanation: [
    "low: 180 days (GitLab handbook remediation SLAs)",
    "capped by the CISA KEV due date 2026-12-20T00:00:00.000Z",
  ],
  matchesStored: true,
};

describe("deadlineWhy", () => {
  it("lists the engine's reasons, with no note when the stored deadline is current", () => {
    expect(deadlineWhy({ status: "detected", deadline })).toEqual({
      reasons: deadline.explanation,
      note: null,
    });
  });

  it("says an open finding's stored deadline is waiting for a recomputation", () => {
    const w = deadlineWhy({ status: "confirmed", deadline: { ...deadline, matchesStored: false } });
    expect(w.note).toBe(
      "policy gitlab-handbook@2 gives 2026-12-20T00:00:00.000Z; the stored deadline is updated by the running recomputation or the next SLA sweep",
    );
    // Closed findings keep the deadline they closed against: no note.
    expect(
      deadlineWhy({ status: "resolved", deadline: { ...deadline, matchesStored: false } }).note,
    ).toBeNull();
  });

  it("shows nothing for a finding without an explanation", () => {
    expect(deadlineWhy({ status: "detected", deadline: null })).toEqual({
      reasons: [],
      note: null,
    });
  });
});
