/**
 * Deterministic generators of large access inputs for `bench/access-bench.ts`. The shapes follow
 * real exports: most principals are narrow, a few are broad or risky, trust policies mix
 * services, the account root and named principals.
 */

/** Small seeded PRNG (mulberry32) so every run measures the same input. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCT = "123456789012";
const SERVICES = [
  "lambda.amazonaws.com",
  "ec2.amazonaws.com",
  "ecs-tasks.amazonaws.com",
  "glue.amazonaws.com",
];
const READS = [
  "s3:GetObject",
  "s3:ListBucket",
  "dynamodb:Query",
  "dynamodb:GetItem",
  "sqs:ReceiveMessage",
  "logs:PutLogEvents",
  "kms:Decrypt",
  "ssm:GetParameter",
  "ec2:Describe*",
  "cloudwatch:PutMetricData",
];
const RISKY: (() => Record<string, unknown>)[] = [
  () => ({
    Effect: "Allow",
    Action: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
    Resource: "*",
  }),
  () => ({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }),
  () => ({
    Effect: "Allow",
    Action: "iam:CreateAccessKey",
    Resource: `arn:aws:iam::${ACCT}:user/*`,
  }),
  () => ({
    Effect: "Allow",
    Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy"],
    Resource: `arn:aws:iam::${ACCT}:role/app-*`,
  }),
  () => ({
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: "*",
    Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
  }),
  () => ({ Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: "*" }),
];

/** Generates an authorization-details JSON text. */
export function generateAwsAccount(o: {
  roles: number;
  users: number;
  policies: number;
  seed: number;
}): string {
  const r = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const policyArn = (i: number): string => `arn:aws:iam::${ACCT}:policy/p-${i}`;
  const policies: Record<string, unknown>[] = [];
  for (let i = 0; i < o.policies; i++) {
    const statements: Record<string, unknown>[] = [];
    const n = 1 + Math.floor(r() * 4);
    for (let s = 0; s < n; s++) {
      const risky = r() < 0.004;
      if (risky) statements.push(pick(RISKY)());
      else {
        const actions = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(READS));
        const resource = r() < 0.3 ? "*" : `arn:aws:s3:::bucket-${Math.floor(r() * 500)}/*`;
        const cond =
          r() < 0.1 ? { Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } } : {};
        statements.push({
          Effect: r() < 0.05 ? "Deny" : "Allow",
          Action: actions,
          Resource: resource,
          ...cond,
        });
      }
    }
    policies.push({
      PolicyName: `p-${i}`,
      Arn: policyArn(i),
      DefaultVersionId: "v1",
      AttachmentCount: 1,
      PolicyVersionList: [
        {
          Document: { Version: "2012-10-17", Statement: statements },
          VersionId: "v1",
          IsDefaultVersion: true,
        },
      ],
    });
  }
  policies.push({
    PolicyName: "AdministratorAccess",
    Arn: "arn:aws:iam::aws:policy/AdministratorAccess",
    DefaultVersionId: "v1",
    AttachmentCount: 1,
    PolicyVersionList: [
      {
        Document: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        },
        VersionId: "v1",
        IsDefaultVersion: true,
      },
    ],
  });
  const attach = (k: number): { PolicyName: string; PolicyArn: string }[] =>
    Array.from({ length: k }, () => {
      const i = Math.floor(r() * o.policies);
      return { PolicyName: `p-${i}`, PolicyArn: policyArn(i) };
    });
  const admin = [
    { PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
  ];
  const groups = Array.from({ length: 50 }, (_, g) => ({
    Path: "/",
    GroupName: `g-${g}`,
    Arn: `arn:aws:iam::${ACCT}:group/g-${g}`,
    GroupPolicyList: [],
    AttachedManagedPolicies: g === 0 ? admin : attach(2),
  }));
  const users = Array.from({ length: o.users }, (_, u) => ({
    Path: "/",
    UserName: `u-${u}`,
    Arn: `arn:aws:iam::${ACCT}:user/u-${u}`,
    GroupList: [`g-${1 + Math.floor(r() * 49)}`, ...(u < 5 ? ["g-0"] : [])],
    UserPolicyList: [],
    AttachedManagedPolicies: attach(1 + Math.floor(r() * 3)),
  }));
  const roles = Array.from({ length: o.roles }, (_, i) => {
    const x = r();
    const principal =
      x < 0.6
        ? { Service: pick(SERVICES) }
        : x < 0.9
          ? { AWS: `arn:aws:iam::${ACCT}:root` }
          : { AWS: `arn:aws:iam::${ACCT}:role/app-${Math.floor(r() * o.roles)}` };
    return {
      Path: "/",
      RoleName: `app-${i}`,
      Arn: `arn:aws:iam::${ACCT}:role/app-${i}`,
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
      },
      InstanceProfileList:
        principal.Service === "ec2.amazonaws.com" ? [{ InstanceProfileName: `app-${i}` }] : [],
      RolePolicyList:
        r() < 0.2
          ? [
              {
                PolicyName: "inline",
                PolicyDocument: {
                  Version: "2012-10-17",
                  Statement: [{ Effect: "Allow", Action: pick(READS), Resource: "*" }],
                },
              },
            ]
          : [],
      AttachedManagedPolicies: i % 250 === 0 ? admin : attach(2 + Math.floor(r() * 4)),
      RoleLastUsed: r() < 0.5 ? { LastUsedDate: "2026-10-01T00:00:00Z" } : {},
    };
  });
  return JSON.stringify({
    UserDetailList: users,
    GroupDetailList: groups,
    RoleDetailList: roles,
    Policies: policies,
  });
}

/** Generates a `kubectl get … -o json` List with about `bindings` bindings. */
export function generateK8sCluster(o: { bindings: number; seed: number }): string {
  const r = rng(o.seed);
  const namespaces = Math.max(1, Math.floor(o.bindings / 100));
  const items: Record<string, unknown>[] = [];
  const roleNames = ["view", "edit", "pod-runner", "secret-reader", "log-reader"];
  const rules: Record<string, unknown[]> = {
    view: [
      {
        apiGroups: ["", "apps"],
        resources: ["pods", "services", "deployments"],
        verbs: ["get", "list", "watch"],
      },
    ],
    edit: [
      {
        apiGroups: ["", "apps"],
        resources: ["pods", "deployments", "configmaps"],
        verbs: ["get", "list", "create", "update", "patch", "delete"],
      },
    ],
    "pod-runner": [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }],
    "secret-reader": [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }],
    "log-reader": [{ apiGroups: [""], resources: ["pods/log"], verbs: ["get"] }],
  };
  items.push({
    kind: "ClusterRole",
    metadata: { name: "cluster-admin" },
    rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
  });
  for (const n of roleNames)
    items.push({ kind: "ClusterRole", metadata: { name: n }, rules: rules[n] });
  for (let ns = 0; ns < namespaces; ns++) {
    for (let s = 0; s < 5; s++)
      items.push({ kind: "ServiceAccount", metadata: { name: `sa-${s}`, namespace: `ns-${ns}` } });
  }
  for (let b = 0; b < o.bindings; b++) {
    const ns = Math.floor(r() * namespaces);
    const admin = b % 1000 === 0;
    const subject =
      r() < 0.5
        ? { kind: "User", name: `user-${Math.floor((r() * o.bindings) / 5)}` }
        : { kind: "ServiceAccount", name: `sa-${Math.floor(r() * 5)}`, namespace: `ns-${ns}` };
    items.push(
      admin
        ? {
            kind: "ClusterRoleBinding",
            metadata: { name: `crb-${b}` },
            roleRef: { kind: "ClusterRole", name: "cluster-admin" },
            subjects: [subject],
          }
        : {
            kind: "RoleBinding",
            metadata: { name: `rb-${b}`, namespace: `ns-${ns}` },
            roleRef: { kind: "ClusterRole", name: roleNames[Math.floor(r() * roleNames.length)] },
            subjects: [subject],
          },
    );
  }
  return JSON.stringify({ kind: "List", apiVersion: "v1", items });
}
