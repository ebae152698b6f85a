import { describe, expect, it } from "vitest";
import {
  commitUrl,
  modeLabel,
  runRefLabel,
  safeHttpUrl,
  severityRows,
  shortSha,
  sparklinePoints,
  trendSummary,
} from "./review-format";

const zero = { new: 0, existing: 0, fixed: 0, suppressed: 0, unknown: 0 };

describe("review run formatting", () => {
  it("shortens commit SHAs but leaves other refs alone", () => {
    expect(shortSha("4f2a9c81d0e3b5a7c9e1f2a3b4c5d6e7f8091a2b")).toBe("4f2a9c81");
    expect(shortSha("HEAD")).toBe("HEAD");
  });

  it("derives the commit link from the pipeline or merge request URL", () => {
    const run = {
      commit: "abc123",
      pipelineUrl: "https://gitlab.example/platform/infra/-/pipelines/42",
      mergeRequest: null,
    };
    expect(commitUrl(run)).toBe("https://gitlab.example/platform/infra/-/commit/abc123");
    expect(
      commitUrl({
        commit: "abc123",
        pipelineUrl: null,
        mergeRequest: { iid: 7, url: "https://gl.example/g/sub/repo/-/merge_requests/7" },
      }),
    ).toBe("https://gl.example/g/sub/repo/-/commit/abc123");
    expect(commitUrl({ commit: "abc", pipelineUrl: null, mergeRequest: null })).toBeNull();
  });

  it("follows only http(s) links from uploads", () => {
    expect(safeHttpUrl("https://gitlab.example/g/r/-/pipelines/1")).toBe(
      "https://gitlab.example/g/r/-/pipelines/1",
    );
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("not a url")).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });

  it("labels the ref with the merge request when there is one", () => {
    expect(runRefLabel({ ref: "main", mergeRequest: null })).toBe("main");
    expect(runRefLabel({ ref: "feat/x", mergeRequest: { iid: 12, url: null } })).toBe(
      "!12 (feat/x)",
    );
  });

  it("explains how the statuses came about", () => {
    expect(modeLabel({ mode: "change", baseRef: "main" })).toBe("change mode in CI (against main)");
    expect(modeLabel({ mode: "full", baseRef: null })).toMatch(/every open finding counts as new/);
  });

  it("lists severities most severe first and drops empty ones", () => {
    const rows = severityRows({
      critical: { ...zero, new: 1 },
      high: zero,
      medium: { ...zero, existing: 2, fixed: 1 },
      low: zero,
      info: zero,
    });
    expect(rows.map((r) => [r.severity, r.total])).toEqual([
      ["critical", 1],
      ["medium", 3],
    ]);
  });
});

describe("project trend", () => {
  const point = (open: number) => ({
    runId: "r",
    commit: "c",
    createdAt: "2026-11-26T00:00:00Z",
    open,
    new: 0,
    fixed: 0,
    outcome: "passed" as const,
  });

  it("compares the latest run with the one before", () => {
    expect(trendSummary([point(4), point(7)])).toEqual({
      delta: 3,
      direction: "up",
      label: "3 more open than the run before",
    });
    expect(trendSummary([point(7), point(6)]).label).toBe("1 fewer open than the run before");
    expect(trendSummary([point(2), point(2)]).direction).toBe("flat");
    expect(trendSummary([point(2)])).toMatchObject({ delta: null, label: "first run" });
    expect(trendSummary([]).direction).toBe("none");
  });

  it("draws a sparkline inside its box, highest value at the top", () => {
    expect(sparklinePoints([0, 5, 10], 100, 24)).toBe("0,22 50,12 100,2");
    expect(sparklinePoints([3], 100, 24)).toBe("50,2");
    expect(sparklinePoints([0, 0], 10, 10)).toBe("0,8 10,8");
    expect(sparklinePoints([], 10, 10)).toBe("");
  });
});
