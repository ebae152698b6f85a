import { describe, expect, it } from "vitest";
import type { VulnSlaPolicy, VulnSlaRecompute } from "@infrasec/contracts";
import {
  daysLabel,
  draftOf,
  hoursLabel,
  overrideSummary,
  recomputePercent,
  recomputeSummary,
  slaPolicyEditBody,
} from "./sla-policy-format";

const POLICY: VulnSlaPolicy = {
  id: "gitlab-handbook",
  version: 3,
  name: "GitLab handbook remediation SLAs",
  targets: {
    critical: { remediateDays: 30, mitigateHours: 24 },
    high: { remediateDays: 30 },
    medium: { remediateDays: 90 },
    low: { remediateDays: 180 },
    info: { remediateDays: null },
  },
  thirdPartyClockStart: "fix_available",
  kevCap: true,
  epssThreshold: null,
  exploitRules: [],
  overrides: [],
  exceptionEffect: "pause",
  restartOnReactivation: false,
  dueSoonDays: 7,
  calendar: "calendar",
};

const task = (over: Partial<VulnSlaRecompute>): VulnSlaRecompute => ({
  id: "t1",
  scope: "policy",
  assetId: null,
  policy: "gitlab-handbook@3",
  reason: "SLA policy edited",
  status: "running",
  total: 480,
  done: 120,
  changed: 0,
  error: null,
  createdAt: "2026-11-26T07:00:00.000Z",
  finishedAt: null,
  ...over,
});

describe("the patching policy page", () => {
  it("reads targets in days and hours, with none shown as such", () => {
    expect(daysLabel(30)).toBe("30 days");
    expect(daysLabel(1)).toBe("1 day");
    expect(daysLabel(null)).toBe("no deadline");
    expect(hoursLabel(24)).toBe("24 hours");
    expect(hoursLabel(undefined)).toBe("—");
  });

  it("summarises an override by what it matches and what it does", () => {
    expect(
      overrideSummary({
        when: { criticality: [1, 2], environment: ["production"] },
        remediateDays: 15,
        reason: "tier-1 services",
      }),
    ).toBe("criticality 1, 2 · environment production: 15 days (tier-1 services)");
    expect(overrideSummary({ when: {}, factor: 2, reason: "lab" })).toBe("every asset: × 2 (lab)");
  });

  it("shows a recompute's progress, an empty one as complete", () => {
    expect(recomputeSummary(task({}))).toBe("running: 120 of 480 findings (25 %)");
    expect(recomputeSummary(task({ status: "done", done: 480, changed: 1 }))).toBe(
      "done: 480 findings recomputed, 1 deadline moved",
    );
    expect(recomputeSummary(task({ status: "failed", error: "disk full" }))).toBe(
      "failed after 120 of 480 findings: disk full",
    );
    expect(recomputePercent({ done: 0, total: 0 })).toBe(100);
    expect(recomputePercent({ done: 479, total: 480 })).toBe(99);
  });

  it("turns the unchanged draft back into the same policy fields", () => {
    const built = slaPolicyEditBody(draftOf(POLICY));
    expect(built).toEqual({
      ok: true,
      body: {
        targets: {
          critical: { remediateDays: 30, mitigateHours: 24 },
          high: { remediateDays: 30 },
          medium: { remediateDays: 90 },
          low: { remediateDays: 180 },
          info: { remediateDays: null },
        },
        thirdPartyClockStart: "fix_available",
        dueSoonDays: 7,
      },
    });
  });

  it("names the fields that are not whole numbers, with the server's field paths", () => {
    const d = draftOf(POLICY);
    d.targets.high.remediateDays = "2.5";
    d.targets.critical.mitigateHours = "soon";
    d.dueSoonDays = " ";
    const built = slaPolicyEditBody(d);
    expect(built).toEqual({
      ok: false,
      problems: {
        "targets.high.remediateDays": '"2.5" is not a whole number',
        "targets.critical.mitigateHours": '"soon" is not a whole number',
        dueSoonDays: "Enter a whole number",
      },
    });
    // Ranges are the server's: 0 days passes the form and comes back as a 400 on the field.
    d.targets.high.remediateDays = "0";
    d.targets.critical.mitigateHours = "";
    d.dueSoonDays = "14";
    const again = slaPolicyEditBody(d);
    expect(again.ok && again.body.targets).toMatchObject({
      high: { remediateDays: 0 },
      critical: { remediateDays: 30 },
    });
    expect(again.ok && again.body.targets?.critical).not.toHaveProperty("mitigateHours");
    expect(again.ok && again.body.dueSoonDays).toBe(14);
  });
});
