import { describe, expect, it } from "vitest";
import {
  DISMISSAL_REASONS,
  GITLAB_DISMISSAL_REASONS,
  VEX_JUSTIFICATIONS,
  fromGitlabState,
  fromVexAnalysis,
  importChanges,
  toGitlabState,
  toVexAnalysis,
  type FindingState,
} from "./state-mapping";

const st = (
  status: FindingState["status"],
  reason: FindingState["reason"] = null,
  justification: FindingState["justification"] = null,
): FindingState => ({ status, reason, justification });

describe("infrasec → CycloneDX VEX", () => {
  it.each([
    [st("detected"), { state: "in_triage" }],
    [st("confirmed"), { state: "exploitable" }],
    [st("in_progress"), { state: "exploitable" }],
    [st("resolved"), { state: "resolved" }],
    [st("dismissed", "false_positive"), { state: "false_positive" }],
    [st("dismissed", "risk_accepted"), { state: "exploitable", response: ["will_not_fix"] }],
    [
      st("dismissed", "mitigating_control"),
      { state: "exploitable", response: ["workaround_available"] },
    ],
    [st("dismissed", "out_of_scope"), { state: "not_affected" }],
    [st("dismissed", "not_affected"), { state: "not_affected" }],
    [
      st("dismissed", "not_affected", "code_not_reachable"),
      { state: "not_affected", justification: "code_not_reachable" },
    ],
  ])("%o → %o", (state, vex) => {
    expect(toVexAnalysis(state)).toEqual(vex);
  });

  it("carries the detail", () => {
    expect(toVexAnalysis(st("resolved"), "patched in 1.2.4").detail).toBe("patched in 1.2.4");
  });
});

describe("CycloneDX VEX → infrasec", () => {
  it.each([
    [
      { state: "not_affected", justification: "code_not_present" },
      st("dismissed", "not_affected", "code_not_present"),
    ],
    [{ state: "not_affected", justification: "bogus" }, st("dismissed", "not_affected")],
    [{ state: "false_positive" }, st("dismissed", "false_positive")],
    [{ state: "resolved" }, st("resolved")],
    [{ state: "resolved_with_pedigree" }, st("resolved")],
    [{ state: "exploitable" }, st("confirmed")],
    [{ state: "exploitable", response: ["update"] }, st("confirmed")],
    [{ state: "exploitable", response: ["will_not_fix"] }, st("dismissed", "risk_accepted")],
    [{ state: "exploitable", response: ["can_not_fix"] }, st("dismissed", "risk_accepted")],
    [
      { state: "exploitable", response: ["workaround_available"] },
      st("dismissed", "mitigating_control"),
    ],
  ])("%o → %o", (vex, state) => {
    const r = fromVexAnalysis(vex);
    expect(r.action).toBe("set");
    if (r.action === "set") expect(r.state).toEqual(state);
  });

  it("leaves in_triage and unknown states, saying why", () => {
    expect(fromVexAnalysis({ state: "in_triage" })).toMatchObject({ action: "leave" });
    const r = fromVexAnalysis({ state: "maybe" });
    expect(r).toMatchObject({ action: "leave" });
    if (r.action === "leave") expect(r.why).toContain('"maybe"');
  });
});

describe("GitLab", () => {
  it.each([
    [st("detected"), "detected", null],
    [st("confirmed"), "confirmed", null],
    [st("in_progress"), "confirmed", null],
    [st("resolved"), "resolved", null],
    [st("dismissed", "risk_accepted"), "dismissed", "acceptable_risk"],
    [st("dismissed", "false_positive"), "dismissed", "false_positive"],
    [st("dismissed", "mitigating_control"), "dismissed", "mitigating_control"],
    [st("dismissed", "out_of_scope"), "dismissed", "used_in_tests"],
    [st("dismissed", "not_affected", "code_not_present"), "dismissed", "not_applicable"],
  ])("%o → %s %s", (state, gl, reason) => {
    expect(toGitlabState(state)).toEqual({ state: gl, dismissalReason: reason });
  });

  it("reads the CSV's spellings", () => {
    expect(fromGitlabState("Dismissed", "Acceptable risk")).toMatchObject({
      action: "set",
      state: st("dismissed", "risk_accepted"),
    });
    expect(fromGitlabState("CONFIRMED")).toMatchObject({ state: st("confirmed") });
    expect(fromGitlabState("needs triage")).toMatchObject({ action: "leave" });
    expect(fromGitlabState("detected")).toMatchObject({ action: "leave" });
    expect(fromGitlabState("dismissed", "")).toMatchObject({ action: "leave" });
    expect(fromGitlabState("dismissed", "because")).toMatchObject({ action: "leave" });
    expect(fromGitlabState("archived")).toMatchObject({ action: "leave" });
  });
});

describe("round trips", () => {
  const every: FindingState[] = [
    st("detected"),
    st("confirmed"),
    st("in_progress"),
    st("resolved"),
    ...DISMISSAL_REASONS.map((r) => st("dismissed", r)),
    ...VEX_JUSTIFICATIONS.map((j) => st("dismissed", "not_affected", j)),
  ];

  // What comes back differs from what left only in the documented lossy cases.
  const vexLossy = (s: FindingState): FindingState | "left" =>
    s.status === "detected"
      ? "left"
      : s.status === "in_progress"
        ? st("confirmed")
        : s.reason === "out_of_scope"
          ? st("dismissed", "not_affected")
          : s;

  it.each(every.map((s) => [s]))("VEX %o", (s) => {
    const back = fromVexAnalysis(toVexAnalysis(s));
    expect(back.action === "set" ? back.state : "left").toEqual(vexLossy(s));
  });

  const gitlabLossy = (s: FindingState): FindingState | "left" =>
    s.status === "detected"
      ? "left"
      : s.status === "in_progress"
        ? st("confirmed")
        : { ...s, justification: null };

  it.each(every.map((s) => [s]))("GitLab %o", (s) => {
    const g = toGitlabState(s);
    const back = fromGitlabState(g.state, g.dismissalReason);
    expect(back.action === "set" ? back.state : "left").toEqual(gitlabLossy(s));
  });

  it("every GitLab dismissal reason maps to a distinct infrasec reason and back", () => {
    const seen = new Set<string>();
    for (const r of GITLAB_DISMISSAL_REASONS) {
      const back = fromGitlabState("dismissed", r);
      if (back.action !== "set") throw new Error(r);
      seen.add(back.state.reason!);
      expect(toGitlabState(back.state).dismissalReason).toBe(r);
    }
    expect(seen.size).toBe(GITLAB_DISMISSAL_REASONS.length);
  });
});

describe("importChanges", () => {
  it("never moves in_progress back to confirmed", () => {
    expect(importChanges(st("in_progress"), st("confirmed"))).toBe(false);
    expect(importChanges(st("detected"), st("confirmed"))).toBe(true);
  });
  it("sees a new reason or justification as a change", () => {
    expect(
      importChanges(st("dismissed", "false_positive"), st("dismissed", "false_positive")),
    ).toBe(false);
    expect(importChanges(st("dismissed", "false_positive"), st("dismissed", "not_affected"))).toBe(
      true,
    );
    expect(
      importChanges(
        st("dismissed", "not_affected"),
        st("dismissed", "not_affected", "code_not_present"),
      ),
    ).toBe(true);
    expect(importChanges(st("resolved"), st("resolved"))).toBe(false);
  });
});
