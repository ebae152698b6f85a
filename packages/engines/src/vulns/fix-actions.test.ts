import { describe, expect, it } from "vitest";
import type { FixGroup } from "./fix-actions";
import { completeFixActions, fixActionSummary, planFixActions } from "./fix-actions";
import { compareVersions, pickFixedVersion } from "./version-order";

const g = (over: Partial<FixGroup>): FixGroup => ({
  package: "openssl",
  version: "3.0.11",
  fixedVersion: "3.0.12",
  vulnId: "CVE-2024-0001",
  severity: "high",
  findings: 1,
  kev: 0,
  prioritySum: 0,
  scored: 0,
  maxPriority: null,
  ...over,
});

describe("fix actions", () => {
  it("upgrades each installed version to the highest fix its findings need, merging equal targets", () => {
    const planned = planFixActions([
      g({ vulnId: "CVE-1", fixedVersion: "3.0.12", findings: 17, severity: "high" }),
      g({ vulnId: "CVE-2", fixedVersion: "3.0.13", findings: 17, severity: "critical", kev: 17 }),
      g({
        version: "3.0.12",
        vulnId: "CVE-2",
        fixedVersion: "3.0.13",
        findings: 8,
        severity: "critical",
      }),
      g({
        package: "zlib",
        version: "1.2.13",
        vulnId: "CVE-3",
        fixedVersion: "1.3.1",
        severity: "low",
        findings: 3,
      }),
    ]);
    expect(planned.map((a) => [a.package, a.fixedVersion, a.findingCount])).toEqual([
      ["openssl", "3.0.13", 42],
      ["zlib", "1.3.1", 3],
    ]);
    expect(planned[0]).toMatchObject({
      installedVersions: ["3.0.11", "3.0.12"],
      vulnIds: ["CVE-1", "CVE-2"],
      vulnCount: 2,
      severityCounts: { critical: 25, high: 17, medium: 0, low: 0, info: 0 },
      maxSeverity: "critical",
      kevCount: 17,
    });
    const [openssl] = completeFixActions(planned, [
      ...Array.from({ length: 17 }, (_, i) => ({
        package: "openssl",
        version: "3.0.11",
        assetId: `a${i}`,
      })),
      // a0 also has 3.0.12 installed: counted once.
      { package: "openssl", version: "3.0.12", assetId: "a0" },
      { package: "zlib", version: "1.2.13", assetId: "a99" },
    ]);
    expect(openssl!.assetCount).toBe(17);
    expect(openssl!.summary).toBe("upgrade openssl to 3.0.13 fixes 42 findings on 17 assets");
  });

  it("picks the fix on the installed release line when a scanner lists several", () => {
    const planned = planFixActions([
      g({ version: "1.1.1t", fixedVersion: "1.1.1w, 3.0.12" }),
      g({ version: "3.0.8", fixedVersion: "1.1.1w, 3.0.12" }),
    ]);
    expect(planned.map((a) => [a.fixedVersion, a.installedVersions])).toEqual([
      ["1.1.1w", ["1.1.1t"]],
      ["3.0.12", ["3.0.8"]],
    ]);
  });

  it("sorts by impact: stored priority, else the severity's points", () => {
    const planned = planFixActions([
      // 10 low findings without priority: 10 × 2.5 × 5 = 125.
      g({ package: "many-low", severity: "low", findings: 10 }),
      // 2 findings with priority 90 and 80: 170.
      g({
        package: "few-urgent",
        severity: "medium",
        findings: 2,
        scored: 2,
        prioritySum: 170,
        maxPriority: 90,
      }),
    ]);
    expect(planned.map((a) => [a.package, a.impact, a.maxPriority])).toEqual([
      ["few-urgent", 170, 90],
      ["many-low", 125, null],
    ]);
  });

  it("skips groups without a usable fixed version and says 1 finding, 1 asset", () => {
    expect(planFixActions([g({ fixedVersion: " , " })])).toEqual([]);
    expect(fixActionSummary("curl", "8.5.0", 1, 1)).toBe(
      "upgrade curl to 8.5.0 fixes 1 finding on 1 asset",
    );
  });
});

describe("version order", () => {
  it.each([
    ["1.0", "1.0.1", -1],
    ["1.10", "1.9", 1],
    ["1.1.1w", "1.1.1v", 1],
    ["1.1.1w", "1.1.1", 1],
    ["1:1.0", "2.0", 1],
    ["1.0~rc1", "1.0", -1],
    ["1.0.0-rc.1", "1.0.0", -1],
    ["2.36-9+deb12u4", "2.36-9+deb12u3", 1],
    ["3.0.13", "3.0.13", 0],
  ])("%s vs %s → %i", (a, b, want) => {
    expect(Math.sign(compareVersions(a, b))).toBe(want);
    expect(Math.sign(compareVersions(b, a))).toBe(-want || 0);
  });

  it("picks the lowest fix above the installed version, else the highest", () => {
    expect(pickFixedVersion("3.0.12, 1.1.1w", "1.1.1k")).toBe("1.1.1w");
    expect(pickFixedVersion(">=2.0.1 || 1.9.9", "3.0")).toBe("2.0.1");
    expect(pickFixedVersion("", "1")).toBeNull();
  });
});
