import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeGcpIam, conditionState } from "./gcp-analyzer";
import { parseGcpIam } from "./gcp-parser";

const TD = join(import.meta.dirname, "..", "testdata");
const snap = parseGcpIam([
  { file: "gcp-policies.json", text: readFileSync(join(TD, "gcp-policies.json"), "utf8") },
]);
const report = analyzeGcpIam(snap, { now: "2026-11-25T00:00:00Z" });
const by = (rule: string) =>
  report.findings
    .filter((f) => f.ruleId === rule)
    .map((f) => f.resource)
    .sort();

describe("GCP IAM analysis", () => {
  it("parses policies, custom roles and keys", () => {
    expect(snap.bindings).toHaveLength(8);
    expect(snap.roles).toHaveLength(1);
    expect(snap.keys).toHaveLength(2);
    expect(snap.bindings[0]?.resource).toBe("organizations/1");
  });

  it("flags basic roles, including the default compute service account's editor", () => {
    expect(by("GCP-BASIC-001")).toEqual([
      "group:admins@example.com",
      "serviceAccount:123-compute@developer.gserviceaccount.com",
      "serviceAccount:deployer@prod.iam.gserviceaccount.com",
    ]);
  });

  it("flags public members", () => {
    expect(by("GCP-PUBLIC-001")).toEqual(["projects/prod"]);
  });

  it("follows impersonation chains to a privileged service account", () => {
    const dev = report.principals.find((p) => p.id === "user:dev@example.com");
    expect(dev?.escalations[0]?.steps.map((s) => s.to)).toEqual([
      "serviceAccount:ci@dev.iam.gserviceaccount.com",
      "serviceAccount:deployer@prod.iam.gserviceaccount.com",
    ]);
    // The default compute account's project editor grant can mint keys for the project owner SA.
    expect(by("GCP-ESC-001")).toEqual([
      "serviceAccount:123-compute@developer.gserviceaccount.com",
      "serviceAccount:ci@dev.iam.gserviceaccount.com",
      "user:dev@example.com",
    ]);
  });

  it("ignores expired bindings and says so", () => {
    expect(by("GCP-COND-001")).toEqual(["projects/prod"]);
    expect(report.principals.some((p) => p.id === "user:temp@example.com")).toBe(false);
  });

  it("flags setIamPolicy holders and old user-managed keys only", () => {
    expect(by("GCP-ESC-002")).toEqual(["user:sec@example.com"]);
    expect(by("GCP-CRED-001")).toEqual(["serviceAccount:deployer@prod.iam.gserviceaccount.com"]);
  });

  it("evaluates time-bound CEL and leaves other conditions undecided", () => {
    expect(
      conditionState('request.time < timestamp("2030-01-01T00:00:00Z")', "2026-11-25T00:00:00Z"),
    ).toBe("active");
    expect(conditionState('resource.name.startsWith("projects/x")', "2026-11-25T00:00:00Z")).toBe(
      "conditional",
    );
  });
});
