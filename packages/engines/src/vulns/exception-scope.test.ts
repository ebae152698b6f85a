import { describe, expect, it } from "vitest";
import {
  exceptionScopeProblem,
  exceptionWindowProblem,
  scopeCovers,
  worstSeverity,
} from "./exception-scope";

const finding = {
  id: "f1",
  assetId: "a1",
  vulnId: "CVE-2024-1000",
  aliases: ["GHSA-abcd-efgh-ijkl"],
  package: "openssl",
  purl: "pkg:deb/debian/openssl@3.0.1?arch=amd64",
};

describe("scopeCovers", () => {
  it("matches a vulnerability by its canonical id or any alias, normalized", () => {
    expect(scopeCovers({ vulnId: "cve-2024-1000" }, finding)).toBe(true);
    expect(scopeCovers({ vulnId: "GHSA-ABCD-EFGH-IJKL" }, finding)).toBe(true);
    expect(scopeCovers({ vulnId: "CVE-2024-1001" }, finding)).toBe(false);
  });

  it("matches a package by name or versionless purl, any version", () => {
    expect(scopeCovers({ package: "OpenSSL" }, finding)).toBe(true);
    expect(scopeCovers({ package: "pkg:deb/debian/openssl@9.9" }, finding)).toBe(true);
    expect(scopeCovers({ package: "libssl" }, finding)).toBe(false);
    expect(scopeCovers({ package: "openssl" }, { ...finding, package: null, purl: null })).toBe(
      false,
    );
  });

  it("requires every given part to match", () => {
    expect(scopeCovers({ vulnId: "CVE-2024-1000", assetIds: ["a1", "a2"] }, finding)).toBe(true);
    expect(scopeCovers({ vulnId: "CVE-2024-1000", assetIds: ["a2"] }, finding)).toBe(false);
    expect(scopeCovers({ findingIds: ["f1"], package: "openssl" }, finding)).toBe(true);
    expect(scopeCovers({ findingIds: ["f2"] }, finding)).toBe(false);
    expect(scopeCovers({ assetIds: ["a1"] }, finding)).toBe(true);
  });

  it("covers nothing with an empty or unusable scope", () => {
    expect(scopeCovers({}, finding)).toBe(false);
    expect(scopeCovers({ findingIds: [] }, finding)).toBe(false);
    expect(exceptionScopeProblem({})).toMatch(/at least one/);
    expect(exceptionScopeProblem({ assetIds: [] })).toBe("assets is empty");
    expect(exceptionScopeProblem({ vulnId: "CVE-1" })).toBeNull();
  });
});

describe("durations", () => {
  it("takes the worst severity, or the fallback without findings", () => {
    expect(worstSeverity(["low", "high", "medium"], "critical")).toBe("high");
    expect(worstSeverity([], "critical")).toBe("critical");
  });

  it("checks the window against the default maxima by severity", () => {
    const from = "2026-01-01T00:00:00.000Z";
    expect(exceptionWindowProblem("critical", from, "2026-01-31T00:00:00.000Z")).toBeNull();
    expect(exceptionWindowProblem("critical", from, "2026-02-01T00:00:00.000Z")).toBe(
      "critical exceptions may last at most 30 days (requested 31)",
    );
    expect(exceptionWindowProblem("high", from, "2026-04-01T00:00:00.000Z")).toBeNull();
    expect(exceptionWindowProblem("high", from, "2026-04-02T00:00:00.000Z")).toMatch(/90 days/);
    expect(exceptionWindowProblem("low", from, "2027-01-01T00:00:00.000Z")).toBeNull();
    expect(exceptionWindowProblem("info", from, "2036-01-01T00:00:00.000Z")).toBeNull();
    expect(exceptionWindowProblem("low", from, from)).toMatch(/end after it starts/);
  });
});
