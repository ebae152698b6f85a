import type { PolicyDoc } from "./aws-types";
import { ACTION_CATALOGUE, actionRiskCategories } from "./action-catalogue";
import { ActionIndex, evaluateAccess } from "./authorization-evaluator";
import type { PrincipalPolicies } from "./authorization-evaluator";
import { makeContext } from "./condition-evaluator";

/**
 * Single-policy escalation methods under Cloudsplaining's names (BSD-3 list of Rhino methods), so
 * results can be compared with it. Required actions must all be allowed by the one policy.
 */
export const POLICY_LENS_METHODS: Readonly<Record<string, readonly string[]>> = {
  CreateNewPolicyVersion: ["iam:CreatePolicyVersion"],
  SetExistingDefaultPolicyVersion: ["iam:SetDefaultPolicyVersion"],
  CreateEC2WithExistingIP: ["iam:PassRole", "ec2:RunInstances"],
  CreateAccessKey: ["iam:CreateAccessKey"],
  CreateLoginProfile: ["iam:CreateLoginProfile"],
  UpdateLoginProfile: ["iam:UpdateLoginProfile"],
  AttachUserPolicy: ["iam:AttachUserPolicy"],
  AttachGroupPolicy: ["iam:AttachGroupPolicy"],
  AttachRolePolicy: ["iam:AttachRolePolicy", "sts:AssumeRole"],
  PutUserPolicy: ["iam:PutUserPolicy"],
  PutGroupPolicy: ["iam:PutGroupPolicy"],
  PutRolePolicy: ["iam:PutRolePolicy", "sts:AssumeRole"],
  AddUserToGroup: ["iam:AddUserToGroup"],
  UpdateRolePolicyToAssumeIt: ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
  PassExistingRoleToNewLambdaThenInvoke: [
    "iam:PassRole",
    "lambda:CreateFunction",
    "lambda:InvokeFunction",
  ],
  PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo: [
    "iam:PassRole",
    "lambda:CreateFunction",
    "lambda:CreateEventSourceMapping",
  ],
  PassExistingRoleToNewGlueDevEndpoint: ["iam:PassRole", "glue:CreateDevEndpoint"],
  UpdateExistingGlueDevEndpoint: ["glue:UpdateDevEndpoint"],
  PassExistingRoleToCloudFormation: ["iam:PassRole", "cloudformation:CreateStack"],
  PassExistingRoleToNewDataPipeline: ["iam:PassRole", "datapipeline:CreatePipeline"],
  EditExistingLambdaFunctionWithRole: ["lambda:UpdateFunctionCode"],
};

/** Options mirroring Cloudsplaining's flags. */
export interface PolicyLensOptions {
  /** Count statements restricted to resource ARNs (default: only `Resource: *`). */
  includeResourceConstrained?: boolean;
  /** Count statements whose conditions are undecided (default: no). */
  includeConditional?: boolean;
}

/** What one policy document grants, by Cloudsplaining-style category. */
export interface PolicyLensResult {
  allowedActions: string[];
  servicesAffected: string[];
  privilegeEscalation: { type: string; actions: string[] }[];
  dataExfiltration: string[];
  credentialsExposure: string[];
  resourceExposure: string[];
  serviceWildcard: string[];
}

/**
 * Reads one policy document on its own, as policy-at-a-time tools do: useful for comparison and
 * for reviewing a policy before it is attached. Principal analyses use the full evaluator instead.
 */
export function analyzePolicyDocument(
  doc: PolicyDoc,
  options: PolicyLensOptions = {},
): PolicyLensResult {
  const who: PrincipalPolicies = {
    arn: "arn:aws:iam::000000000000:user/policy-lens",
    accountId: "000000000000",
    type: "user",
    identity: [doc],
    boundary: undefined,
    scpLevels: [],
  };
  const index = new ActionIndex();
  const ctx = makeContext({});
  const allowed = new Set<string>();
  for (const a of ACTION_CATALOGUE) {
    const d = evaluateAccess(
      index,
      who,
      a.action,
      { kind: options.includeResourceConstrained ? "some" : "all" },
      ctx,
    );
    if (d.verdict === "allowed" || (options.includeConditional && d.verdict === "conditional"))
      allowed.add(a.action);
  }
  const list = [...allowed];
  const has = (a: string): boolean => allowed.has(a);
  const byCat = (c: string): string[] => list.filter((a) => actionRiskCategories(a).includes(c));
  const wild = new Set<string>();
  for (const s of doc.statements) {
    if (s.effect !== "Allow") continue;
    for (const a of s.actions ?? []) {
      const m = /^([\w-]+):\*$/.exec(a);
      if (m?.[1]) wild.add(m[1]);
    }
  }
  return {
    allowedActions: list,
    servicesAffected: [...new Set(list.map((a) => a.split(":")[0] ?? ""))].sort(),
    privilegeEscalation: Object.entries(POLICY_LENS_METHODS)
      .filter(([, acts]) => acts.every(has))
      .map(([type, acts]) => ({
        type,
        actions: acts
          .filter((a) => a.startsWith("iam:") || acts.length === 1)
          .map((a) => a.toLowerCase()),
      })),
    dataExfiltration: byCat("DataExfiltration"),
    credentialsExposure: byCat("CredentialsExposure"),
    resourceExposure: byCat("ResourceExposure"),
    serviceWildcard: [...wild].sort(),
  };
}
