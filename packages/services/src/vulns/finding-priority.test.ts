import { describe, expect, it } from "vitest";
import { DEFECTDOJO_SLA_POLICY, HANDBOOK_SLA_POLICY } from "@infrasec/engines/vulns";
import type { EnrichmentLookup } from "./finding-priority";
import { enrichmentOf, kevCap, priorityOf } from "./finding-priority";

const lookup = (over: Partial<EnrichmentLookup> = {}): EnrichmentLookup => ({
  epssLoaded: true,
  kevLoaded: true,
  epss: new Map(),
  kev: new Map(),
  ...over,
});

describe("enrichment through the alias group", () => {
  it("takes the highest EPSS with its own percentile and the earliest KEV entry of any alias", () => {
    const l = lookup({
      epss: new Map([
        ["CVE-2024-0001", { score: 0.2, percentile: 0.9 }],
        ["CVE-2024-0002", { score: 0.6, percentile: 0.98 }],
      ]),
      kev: new Map([
        ["CVE-2024-0002", { dateAdded: "2025-02-01", dueDate: "2025-02-22", ransomware: false }],
        ["CVE-2024-0001", { dateAdded: "2025-01-01", dueDate: "2025-03-01", ransomware: true }],
      ]),
    });
    // A GHSA-only finding is enriched through its CVE aliases (ids are matched upper-case).
    const e = enrichmentOf(
      { vulnId: "GHSA-aaaa-bbbb-cccc", aliases: ["cve-2024-0001", "CVE-2024-0002"] },
      l,
    );
    expect(e).toEqual({
      epss: { score: 0.6, percentile: 0.98 },
      kev: true,
      kevEntry: {
        cve: "CVE-2024-0001",
        dateAdded: "2025-01-01",
        dueDate: "2025-03-01",
        ransomware: true,
      },
      // The cap is the earliest due date of any listed alias (with that entry's listing date).
      kevDue: { dueDate: "2025-02-22", dateAdded: "2025-02-01" },
    });
  });

  it('says "not enriched" (null) until a KEV catalog was imported, then "not listed" (false)', () => {
    const f = { vulnId: "CVE-2024-0009", aliases: [] };
    expect(enrichmentOf(f, lookup({ kevLoaded: false })).kev).toBeNull();
    expect(enrichmentOf(f, lookup()).kev).toBe(false);
  });
});

describe("KEV cap", () => {
  const open = {
    status: "detected",
    slaDueAt: "2026-12-25T12:00:00.000Z",
    firstSeenAt: "2026-11-10T00:00:00.000Z",
  };
  const kev = (dueDate: string, dateAdded = "2026-11-10") => ({ dueDate, dateAdded });
  it("caps an open deadline with the explanation sla-clock.ts uses", () => {
    expect(kevCap(open, kev("2026-12-01"), HANDBOOK_SLA_POLICY)).toEqual({
      dueAt: "2026-12-01T00:00:00.000Z",
      reason: "capped by the CISA KEV due date 2026-12-01T00:00:00.000Z",
    });
  });
  it("runs the KEV window from detection for a finding found after the listing", () => {
    // Listed 2023-10-10 with a 21-day window; found 2026-11-10: due 21 days later, not in 2023.
    const cap = kevCap(open, kev("2023-10-31", "2023-10-10"), HANDBOOK_SLA_POLICY);
    expect(cap?.dueAt).toBe("2026-12-01T00:00:00.000Z");
    expect(cap?.reason).toBe(
      "capped by the CISA KEV window (2023-10-31T00:00:00.000Z for agencies, applied from this finding's start): 2026-12-01T00:00:00.000Z",
    );
  });
  it("leaves later KEV dates, closed findings, clocks not started and kevCap-off policies alone", () => {
    expect(kevCap(open, kev("2027-01-31"), HANDBOOK_SLA_POLICY)).toBeNull();
    expect(
      kevCap({ ...open, status: "resolved" }, kev("2026-12-01"), HANDBOOK_SLA_POLICY),
    ).toBeNull();
    expect(kevCap({ ...open, slaDueAt: null }, kev("2026-12-01"), HANDBOOK_SLA_POLICY)).toBeNull();
    expect(kevCap(open, kev("2026-12-01"), DEFECTDOJO_SLA_POLICY)).toBeNull();
    expect(kevCap(open, null, HANDBOOK_SLA_POLICY)).toBeNull();
  });
});

describe("priority from stored inputs", () => {
  it("reproduces the worked example of docs/vulns/enrichment.md", () => {
    const p = priorityOf({
      severity: "high",
      cvssScore: 7.5,
      kev: false,
      epssScore: 0.42,
      epssPercentile: 0.97,
      criticality: 3,
      exposure: "internal",
    });
    expect(p.explanation).toBe(
      "P2 (57/100) = severity 37.5 [CVSS 7.5] + exploitation 10.5 [EPSS 0.42, percentile 97] + exposure 4 [internal] + criticality 5 [criticality 3]",
    );
  });
});
