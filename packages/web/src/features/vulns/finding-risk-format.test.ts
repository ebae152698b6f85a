import { describe, expect, it } from "vitest";
import { DEFAULT_PRIORITY_MODEL, computePriority } from "@infrasec/engines/vulns";
import {
  DEFAULT_BANDS,
  DEFAULT_MODEL_ID,
  cvssText,
  epssText,
  factorLine,
  kevText,
  priorityArithmetic,
  slaStateText,
} from "./finding-risk-format";

describe("finding risk signals in words", () => {
  it("mirrors the default priority model's id and bands", () => {
    expect(DEFAULT_MODEL_ID).toBe(DEFAULT_PRIORITY_MODEL.id);
    expect(DEFAULT_BANDS).toEqual(DEFAULT_PRIORITY_MODEL.bands);
  });

  it("writes out the sum of a real priority's factors and the band rule", () => {
    const p = computePriority({
      severity: "critical",
      cvssScore: 9.8,
      kev: true,
      exposure: "internet_facing",
      criticality: 1,
    });
    // 9.8 × 5 = 49, KEV 25, internet-facing 10, criticality 1 → 15: 99.
    expect(priorityArithmetic(p)).toEqual({
      sum: "49 + 25 + 10 + 15 = 99 of 100",
      band: "99 → P1 (P1 from 75, P2 from 55, P3 from 35, P4 below)",
    });
    expect(p.factors.map(factorLine)).toEqual(["49 of 50", "25 of 25", "10 of 10", "15 of 15"]);
  });

  it("says when the sum was capped at 100 and names another model instead of its bands", () => {
    const capped = {
      score: 100,
      band: "P1" as const,
      model: DEFAULT_MODEL_ID,
      factors: [
        { factor: "severity" as const, input: "x", points: 60, max: 60 },
        { factor: "exploitation" as const, input: "y", points: 45.5, max: 50 },
      ],
    };
    expect(priorityArithmetic(capped).sum).toBe("60 + 45.5 = 105.5, capped at 100 of 100");
    expect(priorityArithmetic({ ...capped, model: "team@2" }).band).toBe("P1 under model team@2");
  });

  it("reads EPSS as a probability with its percentile", () => {
    expect(epssText({ score: 0.97312, percentile: 0.9991 })).toBe(
      "0.973 (97 % chance of exploitation activity within 30 days; percentile 99.9: as high as or higher than 99.9 % of scored CVEs)",
    );
    expect(epssText({ score: 0.0004, percentile: null })).toBe(
      "0.000 (0.04 % chance of exploitation activity within 30 days)",
    );
  });

  it("shows the KEV due date and whether it passed, and ransomware use", () => {
    const now = Date.parse("2026-03-01T00:00:00Z");
    expect(
      kevText(
        { cve: "CVE-2024-1", dateAdded: "2026-01-02", dueDate: "2026-01-23", ransomware: true },
        now,
      ),
    ).toEqual({
      text: "CVE-2024-1 listed on 2026-01-02 · CISA due date 2026-01-23 (passed) · known use in ransomware campaigns",
      overdue: true,
    });
    expect(
      kevText(
        { cve: "CVE-2024-2", dateAdded: "2026-02-20", dueDate: "2026-03-13", ransomware: false },
        now,
      ),
    ).toEqual({
      text: "CVE-2024-2 listed on 2026-02-20 · CISA due date 2026-03-13",
      overdue: false,
    });
  });

  it("names the CVSS version with the score, or what is missing", () => {
    expect(cvssText({ version: "3.1", score: 9.8, vector: "CVSS:3.1/AV:N" })).toBe(
      "CVSS 3.1 · 9.8",
    );
    expect(cvssText({ version: "4.0", score: null, vector: "CVSS:4.0/AV:N" })).toBe(
      "CVSS 4.0 · no score",
    );
    expect(cvssText({ version: null, score: null, vector: null })).toBe(
      "no CVSS score or vector known",
    );
  });

  it("says whether the SLA clock runs, and why it stopped", () => {
    const open = { status: "confirmed" as const, dismissalReason: null };
    expect(slaStateText({ ...open, slaState: "due_soon" })).toBe("due soon");
    expect(slaStateText({ ...open, slaState: "breached" })).toBe("breached: past its due date");
    expect(
      slaStateText({ status: "dismissed", slaState: "none", dismissalReason: "risk_accepted" }),
    ).toBe("stopped while dismissed (risk accepted)");
    expect(slaStateText({ status: "resolved", slaState: "none", dismissalReason: null })).toBe(
      "stopped: resolved",
    );
  });
});
