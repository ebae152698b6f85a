import { describe, expect, it } from "vitest";
import { JsonCursor } from "../shared/input-errors";
import type { PolicyDoc, PolicyKind } from "./aws-types";
import type { PrincipalPolicies } from "./authorization-evaluator";
import { ActionIndex, evaluateAccess } from "./authorization-evaluator";
import { makeContext } from "./condition-evaluator";
import { allow, deny, doc, TEST_ACCOUNT } from "./gaad-test-factory";
import { parsePolicyDocument } from "./policy-parser";

const ME = `arn:aws:iam::${TEST_ACCOUNT}:user/alice`;
let n = 0;
function p(d: Record<string, unknown>, kind: PolicyKind = "inline"): PolicyDoc {
  n++;
  return parsePolicyDocument(new JsonCursor("t.json", "$", d), {
    id: `p${n}`,
    name: `p${n}`,
    kind,
  });
}
function who(identity: PolicyDoc[], extra: Partial<PrincipalPolicies> = {}): PrincipalPolicies {
  return {
    arn: ME,
    accountId: TEST_ACCOUNT,
    type: "user",
    identity,
    boundary: undefined,
    scpLevels: [],
    ...extra,
  };
}
const ctx = makeContext({ "aws:username": "alice" });
const all = { kind: "all" } as const;
const on = (arn: string) => ({ kind: "arn", arn }) as const;

describe("evaluateAccess", () => {
  it("denies by default", () => {
    expect(evaluateAccess(new ActionIndex(), who([]), "s3:GetObject", all, ctx).verdict).toBe(
      "implicit-deny",
    );
  });

  it("lets an explicit Deny in another policy win over Allow *", () => {
    const d = evaluateAccess(
      new ActionIndex(),
      who([p(doc(allow("*"))), p(doc(deny("*")))]),
      "iam:PassRole",
      all,
      ctx,
    );
    expect(d.verdict).toBe("denied");
    expect(d.blockedBy).toBe("explicit-deny");
  });

  it("Allow with NotAction allows everything else", () => {
    const pol = p(doc({ Effect: "Allow", NotAction: ["s3:*"], Resource: "*" }));
    expect(
      evaluateAccess(new ActionIndex(), who([pol]), "iam:CreateAccessKey", all, ctx).verdict,
    ).toBe("allowed");
    expect(evaluateAccess(new ActionIndex(), who([pol]), "s3:GetObject", all, ctx).verdict).toBe(
      "implicit-deny",
    );
  });

  it("NotResource excludes the named resources only", () => {
    const pol = p(
      doc({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }),
    );
    expect(
      evaluateAccess(
        new ActionIndex(),
        who([pol]),
        "s3:GetObject",
        on("arn:aws:s3:::public/x"),
        ctx,
      ).verdict,
    ).toBe("allowed");
    expect(
      evaluateAccess(
        new ActionIndex(),
        who([pol]),
        "s3:GetObject",
        on("arn:aws:s3:::secret/x"),
        ctx,
      ).verdict,
    ).toBe("implicit-deny");
  });

  it("resolves policy variables from the caller", () => {
    const pol = p(doc(allow("iam:CreateAccessKey", "arn:aws:iam::*:user/${aws:username}")));
    expect(
      evaluateAccess(new ActionIndex(), who([pol]), "iam:CreateAccessKey", on(ME), ctx).verdict,
    ).toBe("allowed");
    expect(
      evaluateAccess(
        new ActionIndex(),
        who([pol]),
        "iam:CreateAccessKey",
        on(`arn:aws:iam::${TEST_ACCOUNT}:user/bob`),
        ctx,
      ).verdict,
    ).toBe("implicit-deny");
  });

  it("keeps undecidable conditions as conditional", () => {
    const pol = p(doc(allow("s3:GetObject", "*", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })));
    const d = evaluateAccess(new ActionIndex(), who([pol]), "s3:GetObject", all, ctx);
    expect(d.verdict).toBe("conditional");
    expect(d.matches[0]?.unknownKeys).toEqual(["aws:SourceIp"]);
  });

  it("a conditional Deny makes an allow conditional", () => {
    const d = evaluateAccess(
      new ActionIndex(),
      who([
        p(doc(allow("*"), deny("*", "*", { Bool: { "aws:MultiFactorAuthPresent": "false" } }))),
      ]),
      "s3:GetObject",
      all,
      ctx,
    );
    expect(d.verdict).toBe("conditional");
  });

  it("intersects the permission boundary", () => {
    const boundary = p(doc(allow("s3:*")), "boundary");
    const w = who([p(doc(allow("*")))], { boundary });
    expect(evaluateAccess(new ActionIndex(), w, "s3:GetObject", all, ctx).verdict).toBe("allowed");
    const d = evaluateAccess(new ActionIndex(), w, "iam:CreateUser", all, ctx);
    expect(d.verdict).toBe("implicit-deny");
    expect(d.blockedBy).toBe("boundary");
  });

  // IAM User Guide, "Session policies": the session's permissions are the intersection of the
  // identity-based policies and the session policy; an explicit deny in either wins; grants a
  // resource policy makes to the role/user ARN are limited by the session policy as well.
  it("intersects a session policy with the identity policies", () => {
    const session = p(doc(allow(["s3:GetObject", "iam:CreateUser"])), "session");
    const w = who([p(doc(allow("s3:*")))], { session });
    expect(evaluateAccess(new ActionIndex(), w, "s3:GetObject", all, ctx).verdict).toBe("allowed");
    const narrowed = evaluateAccess(new ActionIndex(), w, "s3:PutObject", all, ctx);
    expect(narrowed.verdict).toBe("implicit-deny");
    expect(narrowed.blockedBy).toBe("session");
    // The session policy grants nothing by itself: the identity policies never allowed it.
    const notGranted = evaluateAccess(new ActionIndex(), w, "iam:CreateUser", all, ctx);
    expect(notGranted.verdict).toBe("implicit-deny");
    expect(notGranted.blockedBy).toBe("identity");
  });

  it("lets a Deny in the session policy win and explains it", () => {
    const session = p(doc(allow("*"), deny("s3:DeleteObject")), "session");
    const d = evaluateAccess(
      new ActionIndex(),
      who([p(doc(allow("s3:*")))], { session }),
      "s3:DeleteObject",
      all,
      ctx,
    );
    expect(d.verdict).toBe("denied");
    expect(d.matches.some((m) => m.policyKind === "session" && m.effect === "Deny")).toBe(true);
  });

  it("limits what a resource policy grants to the session's user or role", () => {
    const res = p(
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: ME }, Action: "s3:GetObject", Resource: "*" },
        ],
      },
      "resource",
    );
    const side = { accountId: TEST_ACCOUNT, policy: res, rcpLevels: [] };
    const target = on("arn:aws:s3:::b/k");
    const outside = p(doc(allow("ec2:*")), "session");
    const d = evaluateAccess(
      new ActionIndex(),
      who([], { session: outside }),
      "s3:GetObject",
      target,
      ctx,
      side,
    );
    expect(d.verdict).toBe("implicit-deny");
    expect(d.blockedBy).toBe("session");
    const inside = p(doc(allow("s3:GetObject")), "session");
    expect(
      evaluateAccess(
        new ActionIndex(),
        who([], { session: inside }),
        "s3:GetObject",
        target,
        ctx,
        side,
      ).verdict,
    ).toBe("allowed");
  });

  it("requires every SCP level to allow and lets SCP denies win", () => {
    const root = [p(doc(allow("*")), "scp")];
    const ou = [p(doc(allow("s3:*")), "scp")];
    const w = who([p(doc(allow("*")))], { scpLevels: [root, ou] });
    expect(evaluateAccess(new ActionIndex(), w, "s3:GetObject", all, ctx).verdict).toBe("allowed");
    expect(evaluateAccess(new ActionIndex(), w, "iam:CreateUser", all, ctx).blockedBy).toBe("scp");
    const w2 = who([p(doc(allow("*")))], {
      scpLevels: [[p(doc(allow("*"), deny("iam:*")), "scp")]],
    });
    expect(evaluateAccess(new ActionIndex(), w2, "iam:CreateUser", all, ctx).verdict).toBe(
      "denied",
    );
  });

  it("same account: a resource policy naming the caller directly is enough", () => {
    const res = p(
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: ME }, Action: "s3:GetObject", Resource: "*" },
        ],
      },
      "resource",
    );
    const side = { accountId: TEST_ACCOUNT, policy: res, rcpLevels: [] };
    expect(
      evaluateAccess(new ActionIndex(), who([]), "s3:GetObject", on("arn:aws:s3:::b/k"), ctx, side)
        .verdict,
    ).toBe("allowed");
  });

  it("same account: naming the account root still needs an identity allow", () => {
    const res = p(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
            Action: "sts:AssumeRole",
          },
        ],
      },
      "trust",
    );
    const side = { accountId: TEST_ACCOUNT, policy: res, rcpLevels: [] };
    const target = on(`arn:aws:iam::${TEST_ACCOUNT}:role/r`);
    expect(
      evaluateAccess(new ActionIndex(), who([]), "sts:AssumeRole", target, ctx, side).verdict,
    ).toBe("implicit-deny");
    expect(
      evaluateAccess(
        new ActionIndex(),
        who([p(doc(allow("sts:AssumeRole")))]),
        "sts:AssumeRole",
        target,
        ctx,
        side,
      ).verdict,
    ).toBe("allowed");
  });

  it("cross account: needs both identity and resource policy", () => {
    const other = "222222222222";
    const res = p(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: TEST_ACCOUNT },
            Action: "s3:GetObject",
            Resource: "*",
          },
        ],
      },
      "resource",
    );
    const side = { accountId: other, policy: res, rcpLevels: [] };
    const target = on(`arn:aws:s3:::b/k`);
    expect(
      evaluateAccess(new ActionIndex(), who([]), "s3:GetObject", target, ctx, side).verdict,
    ).toBe("implicit-deny");
    expect(
      evaluateAccess(
        new ActionIndex(),
        who([p(doc(allow("s3:*")))]),
        "s3:GetObject",
        target,
        ctx,
        side,
      ).verdict,
    ).toBe("allowed");
  });

  it("RCPs must allow on the resource side", () => {
    const side = {
      accountId: TEST_ACCOUNT,
      policy: undefined,
      rcpLevels: [[p(doc(allow("*"), deny("s3:GetObject")), "rcp")]],
    };
    expect(
      evaluateAccess(
        new ActionIndex(),
        who([p(doc(allow("*")))]),
        "s3:GetObject",
        on("arn:aws:s3:::b/k"),
        ctx,
        side,
      ).verdict,
    ).toBe("denied");
  });

  it("explains which statements decided", () => {
    const d = evaluateAccess(
      new ActionIndex(),
      who([p(doc({ Sid: "Reads", ...allow("s3:Get*") }))]),
      "s3:GetObject",
      all,
      ctx,
    );
    expect(d.matches.map((m) => [m.sid, m.effect])).toEqual([["Reads", "Allow"]]);
  });
});
