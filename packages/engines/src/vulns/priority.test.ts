import { describe, expect, it } from "vitest";
import { computePriority } from "./priority";

describe("priority", () => {
  it("adds severity, exploitation, exposure and criticality, and explains the sum", () => {
    const p = computePriority({
      severity: "critical",
      cvssScore: 9.8,
      kev: true,
      exposure: "internet_facing",
      criticality: 1,
    });
    expect(p).toMatchObject({ score: 99, band: "P1" });
    expect(p.explanation).toBe(
      "P1 (99/100) = severity 49 [CVSS 9.8] + exploitation 25 [in CISA KEV] + exposure 10 [internet_facing] + criticality 15 [criticality 1]",
    );
  });

  it("uses EPSS when not in KEV, and says when exploitation data is missing", () => {
    const epss = computePriority({
      severity: "high",
      cvssScore: 7.5,
      epss: { score: 0.4, percentile: 0.97 },
      kev: false,
      exposure: "internal",
      criticality: 3,
    });
    expect(epss.factors[1]).toMatchObject({ points: 10, input: "EPSS 0.4, percentile 97" });
    expect(epss.score).toBe(56.5);
    expect(epss.band).toBe("P2");
    const bare = computePriority({ severity: "medium" });
    expect(bare).toMatchObject({ score: 27.5, band: "P4" });
    expect(bare.factors[1]!.note).toMatch(/may rise after enrichment/);
  });
});
