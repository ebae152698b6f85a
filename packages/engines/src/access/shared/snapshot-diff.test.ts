import { describe, expect, it } from "vitest";
import { awsGrants } from "../aws/access-queries";
import { analyzeAwsAccount } from "../aws/aws-analyzer";
import { parseAuthorizationDetails } from "../aws/gaad-parser";
import { ADMIN_ACCESS, allow, arn, doc, gaad, user } from "../aws/gaad-test-factory";
import { diffSnapshots, snapshotOf } from "./snapshot-diff";
import { toCliJson } from "./report-types";

const NOW = "2026-11-25T00:00:00Z";
function snap(users: Parameters<typeof gaad>[0]["users"]) {
  const a = analyzeAwsAccount(
    parseAuthorizationDetails("a.json", gaad({ users, policies: [ADMIN_ACCESS] })),
    { now: NOW },
  );
  return { snapshot: snapshotOf(a.report, awsGrants(a.model)), report: a.report };
}

describe("snapshot diff", () => {
  it("reports new admins, new paths, widened and removed access", () => {
    const before = snap([
      user("alice", { inline: [doc(allow("s3:GetObject"))] }),
      user("bob"),
      user("carol"),
    ]);
    const after = snap([
      user("alice", { inline: [doc(allow(["s3:GetObject", "kms:Decrypt"]))] }),
      user("bob", { managed: [ADMIN_ACCESS.Arn as string] }),
      user("dave", { inline: [doc(allow("iam:PutUserPolicy"))] }),
    ]);
    const d = diffSnapshots(before.snapshot, after.snapshot);
    expect(d.addedPrincipals).toEqual([arn.user("dave")]);
    expect(d.removedPrincipals).toEqual([arn.user("carol")]);
    expect(d.newAdmins).toEqual([arn.user("bob")]);
    expect(d.newEscalations).toEqual([{ principal: arn.user("dave"), pathId: "iam-007" }]);
    expect(d.widened.find((w) => w.principal === arn.user("alice"))?.grants).toEqual([
      "kms:Decrypt@all",
    ]);
  });

  it("is empty between identical snapshots", () => {
    const a = snap([user("alice", { inline: [doc(allow("s3:GetObject"))] })]);
    const d = diffSnapshots(a.snapshot, a.snapshot);
    expect(Object.values(d).every((l) => l.length === 0)).toBe(true);
  });

  it("maps reports to the documented CLI contract", () => {
    const { report } = snap([user("dave", { inline: [doc(allow("iam:PutUserPolicy"))] })]);
    const json = toCliJson([report]);
    expect(json.schemaVersion).toBe(1);
    expect(json.principals[0]).toMatchObject({
      id: arn.user("dave"),
      type: "user",
      name: "dave",
      isAdmin: false,
    });
    expect(json.principals[0]?.escalations[0]).toMatchObject({
      pathId: "iam-007",
      conditional: false,
    });
    expect(json.findings.find((f) => f.ruleId === "IAM-ESC-001")).toMatchObject({
      principal: arn.user("dave"),
      severity: "critical",
    });
  });
});
