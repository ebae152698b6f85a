import type { DemoItem, DemoUsername } from "./demo-types";
import { REVIEWS } from "./demo-reviews";

/**
 * The demo data set of `infrasec demo load`, as plain data: realistic items of every kind after
 * the published InfraSec practice (shared/docs/domain/workflow.md). demo-load.ts feeds it through
 * the public service methods, so every value here is validated exactly like user input.
 * Relative days (`dueInDays`) are counted from the day the demo is loaded.
 */

export * from "./demo-types";

const CHANGE: DemoItem = {
  key: "change-edge-tls",
  kind: "change_request",
  by: "sam",
  title: "Move the edge load balancer to Google-managed TLS certificates",
  description:
    "Replaces the manually rotated certificates on the production edge load balancer. Moderate risk: a brief TLS handshake failure is possible while the certificate map is swapped.",
  fields: {
    changeSummary:
      "Attach a certificate map with Google-managed certificates to the edge HTTPS proxy and remove the self-managed certificates.",
    servicesImpacted: ["edge-lb", "api-gateway", "web"],
    criticality: "C2",
    touchesDatabase: false,
    changeTechnician: "sam",
    changeReviewer: "eve",
    scheduledFor: "DAY+7",
    infraSummary: "No new compute; the CDN and Cloud Armor policies are unchanged.",
    steps: [
      {
        phase: "pre-change",
        description: "Confirm the managed certificates are ACTIVE for every hostname",
        estimateMinutes: 10,
      },
      {
        phase: "pre-change",
        description: "Announce the change in #production and check for active incidents",
        estimateMinutes: 5,
      },
      {
        phase: "change",
        description: "terraform apply the certificate map attachment (infra/edge!77)",
        estimateMinutes: 15,
      },
      {
        phase: "post-change",
        description: "Check TLS handshakes and certificate expiry on every hostname",
        estimateMinutes: 15,
      },
      {
        phase: "rollback",
        description: "Re-attach the previous self-managed certificates (terraform revert)",
        estimateMinutes: 10,
      },
    ],
    rollbackPlan:
      "Revert infra/edge!77 and apply: the self-managed certificates stay in place until the post-change checks pass.",
    metrics: [
      {
        metric: "TLS handshake errors at the edge",
        dashboard: "https://grafana.example.com/d/edge-tls",
        rollbackTrigger: "more than 1% of handshakes failing for 5 minutes",
      },
      {
        metric: "HTTP 5xx rate of the API gateway",
        dashboard: "https://grafana.example.com/d/api-gateway",
        rollbackTrigger: "above 0.5% for 5 minutes",
      },
    ],
  },
  labels: ["InfraSec::prioritised", "InfraSecEffort::Small"],
  assignees: ["sam"],
  dueInDays: 7,
  weight: 2,
  inMilestone: true,
};

const stateOptions = [
  {
    title: "GCS bucket with object versioning",
    description: "One bucket per environment, state locking through the GCS backend.",
    pros: "Already used by two teams; no new vendor; versioning gives point-in-time recovery.",
    cons: "Bucket IAM must be maintained by hand; state readers can see every secret in state.",
    supportingData: "Cost < $5/month for 300 state files; restore tested in 4 minutes.",
  },
  {
    title: "Terraform Cloud workspaces",
    pros: "Run history, policy checks and RBAC out of the box.",
    cons: "New vendor and SSO integration; per-user pricing.",
    supportingData: "Quote: $20 per user per month; 45 users.",
  },
];

/** Decisions: one accepted and later superseded, its successor, and one still proposed. */
const DECISIONS: DemoItem[] = [
  {
    key: "decision-state-gcs",
    kind: "decision",
    by: "sam",
    title: "Store Terraform state in GCS with object versioning",
    description: "Where infrastructure teams keep Terraform state.",
    fields: {
      question: "Where do we store Terraform state for the infrastructure projects?",
      context:
        "State files hold resource attributes including secrets; three teams use three different backends today.",
      options: stateOptions,
      recommendation: "GCS with versioning: cheapest, and already known.",
      decision: "Use one versioned GCS bucket per environment with uniform bucket-level access.",
      consequences:
        "Teams migrate by the end of the quarter; state readers are reviewed quarterly.",
      dri: "sam",
      participants: ["sam", "eve"],
      decisionDate: "DAY-60",
    },
    labels: ["InfraSec::decision"],
    moves: [{ to: "accepted", by: "sam" }],
  },
  {
    key: "decision-state-gitlab",
    kind: "decision",
    by: "sam",
    title: "Move Terraform state to the GitLab-managed Terraform state backend",
    description: "Supersedes the GCS decision after the access-review findings.",
    fields: {
      question: "Should Terraform state move to GitLab-managed Terraform state?",
      context:
        "The quarterly access review found 14 principals with read access to the state buckets who do not run Terraform.",
      options: [
        {
          title: "Keep GCS and tighten IAM",
          pros: "No migration.",
          cons: "Bucket IAM drifts again: it is managed outside the projects that own the state.",
          supportingData: "3 of the last 4 access reviews found drift on the state buckets.",
        },
        {
          title: "GitLab-managed Terraform state",
          pros: "Access follows project membership; state is encrypted at rest; locking built in.",
          cons: "Migration of 300 state files; CI jobs need the GitLab backend configuration.",
          supportingData:
            "Pilot: 40 state files migrated in one day with a scripted `terraform init -migrate-state`.",
        },
      ],
      recommendation: "GitLab-managed state.",
      decision: "Migrate every project to GitLab-managed Terraform state this quarter.",
      consequences: "The GCS buckets become read-only, then are deleted after 90 days.",
      dri: "sam",
      participants: ["sam", "eve"],
      decisionDate: "DAY-3",
      followUps: ["Migrate the state of the network projects"],
    },
    labels: ["InfraSec::decision"],
    moves: [{ to: "accepted", by: "sam" }],
    links: [{ type: "supersedes", target: "decision-state-gcs" }],
  },
  {
    key: "decision-workload-identity",
    kind: "decision",
    by: "sam",
    title: "Require workload identity for new GKE workloads",
    description: "Proposed at the last triage sync.",
    fields: {
      question: "Do we forbid service-account keys for new GKE workloads?",
      context:
        "Long-lived keys were the root cause of 2 of the last 5 incidents. The PRR checklist already suggests workload identity.",
      options: [
        {
          title: "Forbid keys with an organisation policy",
          pros: "Enforced, not advisory.",
          cons: "Breaks two legacy CI jobs until they move to OIDC.",
          supportingData: "Key inventory: 23 keys, 21 older than 90 days.",
        },
        {
          title: "Recommend workload identity in the PRR checklist only",
          pros: "No breakage.",
          cons: "Keys keep being created: 6 new ones last quarter.",
          supportingData: "Audit logs, last quarter: 6 keys created.",
        },
      ],
      dri: "sam",
    },
    labels: ["InfraSec::decision"],
  },
];

/** A design doc in review. */
const DESIGN: DemoItem = {
  key: "design-egress",
  kind: "design_doc",
  by: "sam",
  title: "Design: Central egress proxy for production clusters",
  description: "Every outbound connection from production goes through an allow-listing proxy.",
  fields: {
    problem:
      "Production pods reach the internet directly. An attacker with code execution can exfiltrate data to any host; we cannot list which destinations services need.",
    goals: [
      "Every outbound HTTP(S) connection from production passes an allow-list",
      "Per-service destination inventory",
    ],
    nonGoals: ["Inspecting TLS payloads"],
    proposal:
      "A Squid-based egress proxy per region behind an internal load balancer; network policies deny direct egress; allow-lists live in the service's repository.",
    alternatives: [
      {
        title: "Cloud NAT with firewall FQDN rules",
        tradeOffs: "No proxy to run, but FQDN rules are per VPC, not per service.",
      },
      {
        title: "Service mesh egress gateway",
        tradeOffs: "Per-service policy, but only 40% of the services run in the mesh.",
      },
    ],
    securityConsiderations:
      "The proxy becomes a choke point: it runs in its own project, logs every CONNECT, and fails closed.",
    rollout:
      "Staging first in report-only mode for two weeks, then production namespace by namespace; alerts on denied destinations.",
    requiredReviewers: ["sam", "eve"],
  },
  labels: ["InfraSec::prioritised"],
  owner: "sam",
  requiredReviewers: ["sam", "eve"],
  moves: [{ to: "in-review", by: "sam" }],
  comments: [
    {
      by: "eve",
      body: "How do the CI runners in production reach the package mirrors? @sam",
    },
  ],
};

/** BAU requests and incidents. */
const REQUESTS: DemoItem[] = [
  {
    key: "bau-audit-bucket",
    kind: "bau_request",
    by: "eve",
    title: "Read access to the audit-log bucket for the compliance export",
    description: "The quarterly compliance export needs read access to last quarter's audit logs.",
    fields: {
      request: "Grant the compliance export job read access to `gs://audit-logs-prod` for 7 days.",
      requestingTeam: "Compliance",
      urgency: "normal",
      links: ["https://gitlab.example.com/compliance/exports/-/issues/9"],
    },
    labels: [],
  },
  {
    key: "bau-firewall",
    kind: "bau_request",
    by: "eve",
    title: "Firewall exception for the build farm to reach the artifact mirror",
    description: "Release builds fail since the network change of last week.",
    fields: {
      request: "Allow tcp/443 from the build-farm subnet to the artifact mirror.",
      requestingTeam: "Delivery",
      urgency: "high",
      urgencyReason: "Blocks the monthly release.",
      neededBy: "DAY+2",
    },
    labels: ["InfraSec::prioritised", "priority::1"],
    assignees: ["sam"],
    dueInDays: 2,
  },
  {
    key: "incident-ci-token",
    kind: "incident",
    by: "sam",
    title: "Leaked CI deploy token in a public job log",
    description:
      "A deploy token was printed in a public job log of a fork. Token revoked within 20 minutes; investigating use.",
    labels: ["InfraSec::WIP", "severity::2", "priority::1"],
    assignees: ["sam"],
    confidential: true,
    dueInDays: 1,
  },
  {
    key: "incident-iam-role",
    kind: "incident",
    by: "sam",
    title: "Unexpected IAM role created in the staging project",
    description:
      "An alert fired for a role with `iam.serviceAccountKeys.create`; it was created by a Terraform run from a personal branch.",
    labels: ["InfraSec::triage", "severity::3"],
  },
];

/** An epic committed to the quarter, with weighted children across the workflow states. */
const EPIC: DemoItem[] = [
  {
    key: "epic-k8s",
    kind: "epic",
    by: "sam",
    title: "Harden the production Kubernetes platform",
    description:
      "Network policies, workload identity, image scanning and a break-glass procedure for every production cluster.",
    labels: ["InfraSec::this-quarter"],
    owner: "sam",
    startInDays: -20,
    dueAtQuarterEnd: true,
    inMilestone: true,
    statusUpdate: {
      by: "sam",
      health: "on_track",
      body: "Image scanning is live in every release pipeline; network policies cover 26 of 40 namespaces.",
    },
  },
  {
    key: "task-netpol",
    kind: "task",
    by: "sam",
    title: "Enforce default-deny network policies in every production namespace",
    description: "Roll out default-deny ingress and egress with per-service allow rules.",
    labels: ["InfraSec::WIP", "InfraSecEffort::Large"],
    assignees: ["sam"],
    dueInDays: 21,
    weight: 5,
    parent: "epic-k8s",
    inMilestone: true,
  },
  {
    key: "task-workload-identity",
    kind: "task",
    by: "sam",
    title: "Enable workload identity for the billing services",
    description: "Replace the two service-account keys of the billing namespace.",
    labels: ["InfraSec::prioritised", "InfraSecEffort::Medium"],
    weight: 3,
    parent: "epic-k8s",
    inMilestone: true,
  },
  {
    key: "task-image-scan",
    kind: "task",
    by: "sam",
    title: "Scan base images in the release pipeline",
    description: "Fail the release on critical vulnerabilities with a fix available.",
    // Closing removes InfraSec::WIP (the published bot rule): the history shows it.
    labels: ["InfraSec::WIP", "InfraSecEffort::Small"],
    dueInDays: 3,
    weight: 2,
    parent: "epic-k8s",
    inMilestone: true,
    moves: [{ to: "closed", by: "sam" }],
  },
  {
    key: "task-break-glass",
    kind: "task",
    by: "eve",
    title: "Document the break-glass procedure for cluster admin access",
    description: "Who may use it, how it is logged, and how access is revoked afterwards.",
    labels: ["InfraSec::backlog", "InfraSecEffort::Trivial"],
    weight: 1,
    parent: "epic-k8s",
  },
];

/** Every demo item, in the order they are filed (parents before children). */
export const DEMO_ITEMS: readonly DemoItem[] = [
  ...EPIC,
  ...REVIEWS,
  CHANGE,
  ...DECISIONS,
  DESIGN,
  ...REQUESTS,
];

/** The quarterly milestone; its dates are the quarter the demo is loaded in. */
export const DEMO_MILESTONE = {
  description: "InfraSec commitments of the quarter: the epics labelled InfraSec::this-quarter.",
};

/** The objective of the quarter, with key results (one decreasing) and the demo epic. */
export const DEMO_OBJECTIVE = {
  title: "Reduce the attack surface of production infrastructure",
  description: "Fewer ways in, and fewer long-lived credentials, by the end of the quarter.",
  owner: "sam" as DemoUsername,
  epics: ["epic-k8s"],
  keyResults: [
    {
      title: "Production namespaces with default-deny network policies",
      owner: "sam" as DemoUsername,
      startValue: 0,
      target: 40,
      current: 26,
      unit: "namespaces",
    },
    {
      title: "Internet-exposed buckets",
      owner: "sam" as DemoUsername,
      startValue: 12,
      target: 0,
      current: 3,
      unit: "buckets",
    },
    {
      title: "Critical and High reviews started within 5 business days",
      owner: "sam" as DemoUsername,
      startValue: 0,
      target: 100,
      current: 90,
      unit: "%",
    },
  ],
};

/**
 * Resolves `DAY+n` / `DAY-n` placeholders in field values to calendar days relative to `today`
 * (YYYY-MM-DD), so the demo's dates stay current whenever it is loaded.
 */
export function resolveDemoDays<T>(value: T, today: Date): T {
  if (typeof value === "string") {
    const m = /^DAY([+-]\d+)$/.exec(value);
    return (m ? dayOffset(today, Number(m[1])) : value) as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => resolveDemoDays(v, today)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveDemoDays(v, today)]),
    ) as T;
  }
  return value;
}

/** The calendar day `days` after `today` (UTC), as YYYY-MM-DD. */
export function dayOffset(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
