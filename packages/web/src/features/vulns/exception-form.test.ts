import { describe, expect, it } from "vitest";
import { DEFAULT_EXCEPTION_MAX_DAYS } from "@infrasec/engines/vulns";
import {
  EXCEPTION_MAX_DAYS,
  durationWarning,
  endIfApprovedNow,
  exceptionFormProblems,
  exceptionRequestBody,
  maxDaysText,
  scopeOptions,
  worstSeverity,
} from "./exception-form";
import type { ExceptionFormValues, ScopedFinding } from "./exception-form";

const f = (id: string, over: Partial<ScopedFinding> = {}): ScopedFinding => ({
  id,
  assetId: "asset-1",
  assetKey: "shop-api",
  vulnId: "CVE-2024-1",
  package: "openssl",
  severity: "high",
  ...over,
});

const values: ExceptionFormValues = {
  kind: "risk_acceptance",
  choice: "findings",
  days: "30",
  justification: "  vendor has no fix yet  ",
  compensatingControls: "",
  decisionItem: "",
};

describe("the request-exception form", () => {
  it("uses the server's default maximum durations", () => {
    expect(EXCEPTION_MAX_DAYS).toEqual(DEFAULT_EXCEPTION_MAX_DAYS);
    expect(maxDaysText("critical")).toBe("Critical findings: at most 30 days.");
    expect(maxDaysText("info")).toBe("Info findings: no limit by severity (at most 3650 days).");
  });

  it("offers the findings, their vulnerability and their package on their assets", () => {
    const options = scopeOptions([f("a"), f("b", { assetId: "asset-2", assetKey: "billing" })]);
    expect(options.map((o) => [o.choice, o.label, o.scope])).toEqual([
      ["findings", "These 2 findings", { findingIds: ["a", "b"] }],
      [
        "vulnerability",
        "CVE-2024-1 on 2 assets",
        { vulnId: "CVE-2024-1", assets: ["asset-1", "asset-2"] },
      ],
      [
        "package",
        "Package openssl on 2 assets",
        { package: "openssl", assets: ["asset-1", "asset-2"] },
      ],
    ]);
    expect(scopeOptions([f("a")])[1]!.label).toBe("CVE-2024-1 on shop-api");
  });

  it("says why a vulnerability or package scope does not fit the selection", () => {
    const mixed = scopeOptions([f("a"), f("b", { vulnId: "CVE-2024-2", package: "zlib" })]);
    expect(mixed[1]).toMatchObject({
      scope: null,
      reason: "The selection holds 2 vulnerabilities.",
    });
    expect(mixed[2]).toMatchObject({ scope: null, reason: "The selection holds 2 packages." });
    const noPackage = scopeOptions([f("a", { package: null })]);
    expect(noPackage[2]).toMatchObject({
      scope: null,
      reason: "These findings are not about a package.",
    });
  });

  it("takes the worst severity of the selection", () => {
    expect(worstSeverity([f("a", { severity: "low" }), f("b", { severity: "critical" })])).toBe(
      "critical",
    );
    expect(worstSeverity([])).toBe("info");
  });

  it("blocks a missing justification, a bad duration and a malformed decision item", () => {
    const option = scopeOptions([f("a")])[0];
    expect(exceptionFormProblems(values, option)).toEqual({});
    expect(
      exceptionFormProblems(
        { ...values, days: "2.5", justification: " ", decisionItem: "DEC-12" },
        option,
      ),
    ).toEqual({
      days: "A whole number of days, at least 1",
      justification: "Say why the exception is needed",
      decisionItem: "A decision-log item number such as #12 (or its id)",
    });
    expect(exceptionFormProblems({ ...values, days: "" }, option).days).toBe(
      "How many days should the exception last?",
    );
    expect(exceptionFormProblems({ ...values, days: "4000" }, option).days).toBe(
      "At most 3650 days",
    );
    for (const item of ["#12", "12", "0190c0de-0000-7000-8000-000000000001"])
      expect(exceptionFormProblems({ ...values, decisionItem: item }, option)).toEqual({});
  });

  it("does not block a duration over the severity's maximum, but warns as you type", () => {
    const option = scopeOptions([f("a", { severity: "critical" })])[0];
    expect(exceptionFormProblems({ ...values, days: "60" }, option)).toEqual({});
    expect(durationWarning("60", "critical")).toBe(
      "Longer than the 30 days allowed for critical findings: the request will be refused.",
    );
    expect(durationWarning("30", "critical")).toBeNull();
    expect(durationWarning("9999", "info")).toBeNull();
  });

  it("blocks a scope the selection does not allow, with its reason", () => {
    const mixed = scopeOptions([f("a"), f("b", { vulnId: "CVE-2024-2" })]);
    expect(exceptionFormProblems({ ...values, choice: "vulnerability" }, mixed[1]).scope).toBe(
      "The selection holds 2 vulnerabilities.",
    );
  });

  it("builds the request body with trimmed text and only the optional fields given", () => {
    expect(exceptionRequestBody(values, { findingIds: ["a"] }, "high")).toEqual({
      kind: "risk_acceptance",
      scope: { findingIds: ["a"] },
      days: 30,
      justification: "vendor has no fix yet",
      severity: "high",
    });
    expect(
      exceptionRequestBody(
        { ...values, kind: "deviation", compensatingControls: " WAF rule 12 ", decisionItem: "#7" },
        { vulnId: "CVE-2024-1", assets: ["asset-1"] },
        "critical",
      ),
    ).toMatchObject({ kind: "deviation", compensatingControls: "WAF rule 12", decisionItem: "#7" });
  });

  it("shows when the exception would end if approved now", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(endIfApprovedNow("30", now)).toBe("2026-01-31T00:00:00.000Z");
    expect(endIfApprovedNow("x", now)).toBeNull();
  });
});
