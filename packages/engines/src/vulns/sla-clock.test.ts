import { describe, expect, it } from "vitest";
import { ManualClock } from "@infrasec/core";
import { addDays, combineClocks, computeSlaClock } from "./sla-clock";
import { DEFECTDOJO_SLA_POLICY, FEDRAMP_VDR_SLA_POLICY, HANDBOOK_SLA_POLICY } from "./sla-policy";
import type { SlaPolicy } from "./sla-policy";
import { exceptionDurationProblem, slaTransition } from "./sla-events";

const at = (iso: string): ManualClock => new ManualClock(iso);
const day = (iso: string | Date | null): string | null =>
  iso === null ? null : new Date(iso).toISOString().slice(0, 10);

describe("handbook SLA (default policy)", () => {
  it("gives 30/30/90/180 days from first detection for own code and images", () => {
    const c = at("2026-01-02T00:00:00Z");
    const due = (severity: "critical" | "high" | "medium" | "low") =>
      day(
        computeSlaClock(
          { severity, detectedAt: "2026-01-01T00:00:00Z", thirdParty: false },
          HANDBOOK_SLA_POLICY,
          c,
        ).dueAt,
      );
    expect([due("critical"), due("high"), due("medium"), due("low")]).toEqual([
      "2026-01-31",
      "2026-01-31",
      "2026-04-01",
      "2026-06-30",
    ]);
  });

  it("asks criticals to be mitigated within 24 hours", () => {
    const r = computeSlaClock(
      { severity: "critical", detectedAt: "2026-01-01T08:00:00Z", thirdParty: false },
      HANDBOOK_SLA_POLICY,
      at("2026-01-01T09:00:00Z"),
    );
    expect(r.mitigateDueAt?.toISOString()).toBe("2026-01-02T08:00:00.000Z");
  });

  it("starts a third-party clock only when a fix is available", () => {
    const base = {
      severity: "high" as const,
      detectedAt: "2026-01-01T00:00:00Z",
      thirdParty: true,
    };
    const waiting = computeSlaClock(base, HANDBOOK_SLA_POLICY, at("2026-03-01T00:00:00Z"));
    expect(waiting).toMatchObject({ status: "not_started", dueAt: null, targetDays: 30 });
    const fixed = computeSlaClock(
      { ...base, fixAvailableAt: "2026-02-10T00:00:00Z" },
      HANDBOOK_SLA_POLICY,
      at("2026-03-01T00:00:00Z"),
    );
    expect(day(fixed.dueAt)).toBe("2026-03-12");
    expect(fixed.status).toBe("on_track");
    // A fix older than the detection does not make the finding due before it was known.
    const old = computeSlaClock(
      { ...base, fixAvailableAt: "2025-06-01T00:00:00Z" },
      HANDBOOK_SLA_POLICY,
      at("2026-01-05T00:00:00Z"),
    );
    expect(day(old.startAt)).toBe("2026-01-01");
  });

  it("detects due-soon and breaches, and met or missed once resolved", () => {
    const input = {
      severity: "high" as const,
      detectedAt: "2026-01-01T00:00:00Z",
      thirdParty: false,
    };
    expect(computeSlaClock(input, HANDBOOK_SLA_POLICY, at("2026-01-10T00:00:00Z")).status).toBe(
      "on_track",
    );
    expect(computeSlaClock(input, HANDBOOK_SLA_POLICY, at("2026-01-25T00:00:00Z")).status).toBe(
      "due_soon",
    );
    const late = computeSlaClock(input, HANDBOOK_SLA_POLICY, at("2026-02-05T00:00:00Z"));
    expect(late).toMatchObject({ status: "breached", remainingMs: -5 * 86_400_000 });
    expect(day(late.breachedAt)).toBe("2026-01-31");
    expect(
      computeSlaClock(
        { ...input, resolvedAt: "2026-01-20T00:00:00Z" },
        HANDBOOK_SLA_POLICY,
        at("2026-03-01T00:00:00Z"),
      ).status,
    ).toBe("met");
    expect(
      computeSlaClock(
        { ...input, resolvedAt: "2026-02-20T00:00:00Z" },
        HANDBOOK_SLA_POLICY,
        at("2026-03-01T00:00:00Z"),
      ).status,
    ).toBe("missed");
  });

  it("caps the deadline with the KEV due date", () => {
    const r = computeSlaClock(
      {
        severity: "medium",
        detectedAt: "2026-01-01T00:00:00Z",
        thirdParty: false,
        kev: { dueDate: "2026-01-21" },
      },
      HANDBOOK_SLA_POLICY,
      at("2026-01-02T00:00:00Z"),
    );
    expect(day(r.dueAt)).toBe("2026-01-21");
    expect(r.explanation.join("\n")).toMatch(/capped by the CISA KEV due date/);
    const noCap = computeSlaClock(
      {
        severity: "medium",
        detectedAt: "2026-01-01T00:00:00Z",
        thirdParty: false,
        kev: { dueDate: "2026-01-21" },
      },
      DEFECTDOJO_SLA_POLICY,
      at("2026-01-02T00:00:00Z"),
    );
    expect(day(noCap.dueAt)).toBe("2026-04-01");
  });

  it("applies the KEV window from detection when the finding was found after the listing", () => {
    // Listed 2023-10-10, agencies due 2023-10-31 (21 days); detected 2026-01-01 → due 01-22.
    const r = computeSlaClock(
      {
        severity: "high",
        detectedAt: "2026-01-01T00:00:00Z",
        thirdParty: false,
        kev: { dueDate: "2023-10-31", dateAdded: "2023-10-10" },
      },
      HANDBOOK_SLA_POLICY,
      at("2026-01-02T00:00:00Z"),
    );
    expect(day(r.dueAt)).toBe("2026-01-22");
    expect(r.status).not.toBe("breached");
    expect(r.explanation.join("\n")).toMatch(/capped by the CISA KEV window/);
  });

  it("pauses for approved exceptions, and is paused while one runs", () => {
    const input = {
      severity: "high" as const,
      detectedAt: "2026-01-01T00:00:00Z",
      thirdParty: false,
      exceptions: [{ from: "2026-01-11T00:00:00Z", to: "2026-01-21T00:00:00Z" }],
    };
    const after = computeSlaClock(input, HANDBOOK_SLA_POLICY, at("2026-01-25T00:00:00Z"));
    expect(day(after.dueAt)).toBe("2026-02-10");
    expect(after.pausedMs).toBe(10 * 86_400_000);
    const during = computeSlaClock(input, HANDBOOK_SLA_POLICY, at("2026-01-15T00:00:00Z"));
    expect(during.status).toBe("paused");
    const restart: SlaPolicy = { ...HANDBOOK_SLA_POLICY, exceptionEffect: "restart" };
    expect(day(computeSlaClock(input, restart, at("2026-01-25T00:00:00Z")).dueAt)).toBe(
      "2026-02-20",
    );
  });

  it("applies overrides by asset and business-day calendars", () => {
    const policy: SlaPolicy = {
      ...HANDBOOK_SLA_POLICY,
      overrides: [
        {
          when: { criticality: [1], environment: ["production"] },
          factor: 0.5,
          reason: "crown jewels",
        },
      ],
    };
    const crit = computeSlaClock(
      {
        severity: "medium",
        detectedAt: "2026-01-01T00:00:00Z",
        thirdParty: false,
        asset: { criticality: 1, environment: "production" },
      },
      policy,
      at("2026-01-02T00:00:00Z"),
    );
    expect(crit.targetDays).toBe(45);
    expect(addDays(Date.parse("2026-01-02T00:00:00Z"), 1, "business")).toBe(
      Date.parse("2026-01-05T00:00:00Z"),
    );
  });
});

describe("FedRAMP VDR preset", () => {
  it("gives 4 days to exploitable internet-facing findings, 14 to exploitable ones, 30 to reachable ones", () => {
    const c = at("2026-01-01T12:00:00Z");
    const days = (extra: object): number | null =>
      computeSlaClock(
        { severity: "medium", detectedAt: "2026-01-01T00:00:00Z", thirdParty: false, ...extra },
        FEDRAMP_VDR_SLA_POLICY,
        c,
      ).targetDays;
    expect(days({ kev: { dueDate: "2026-06-01" }, asset: { exposure: "internet_facing" } })).toBe(
      4,
    );
    expect(days({ epss: 0.5 })).toBe(14);
    expect(days({ asset: { exposure: "internet_facing" } })).toBe(30);
    expect(days({ epss: 0.01 })).toBe(90);
  });
});

describe("per-asset clocks and events", () => {
  it("takes the earliest open deadline over assets", () => {
    const c = at("2026-01-05T00:00:00Z");
    const clock = (d: string) =>
      computeSlaClock(
        { severity: "high", detectedAt: d, thirdParty: false },
        HANDBOOK_SLA_POLICY,
        c,
      );
    const best = combineClocks([
      { asset: "web-2", clock: clock("2026-01-03T00:00:00Z") },
      { asset: "web-1", clock: clock("2026-01-01T00:00:00Z") },
    ]);
    expect(best?.asset).toBe("web-1");
  });

  it("emits each transition once and checks exception lengths", () => {
    expect(slaTransition("on_track", "due_soon")).toBe("due_soon");
    expect(slaTransition("due_soon", "due_soon")).toBeNull();
    expect(slaTransition("due_soon", "breached")).toBe("breached");
    expect(exceptionDurationProblem("critical", "2026-01-01", "2026-03-01")).toBe(
      "critical exceptions may last at most 30 days (requested 59)",
    );
    expect(exceptionDurationProblem("medium", "2026-01-01", "2026-03-01")).toBeNull();
    expect(exceptionDurationProblem("low", "2026-03-01", "2026-01-01")).toMatch(/must end after/);
  });

  it("has no SLA for informational findings", () => {
    expect(
      computeSlaClock(
        { severity: "info", detectedAt: "2026-01-01T00:00:00Z", thirdParty: false },
        HANDBOOK_SLA_POLICY,
        at("2026-01-02T00:00:00Z"),
      ).status,
    ).toBe("no_sla");
  });
});
