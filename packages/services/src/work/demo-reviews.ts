import type { DemoItem } from "./demo-types";

/** The demo security review requests: one per risk band, answered as a requester would. */

const TRIGGERS_ALL = {
  newCloudComponents: true,
  containerOrchestrationChanges: true,
  networkChanges: true,
  iacChanges: true,
  deploymentProcessChanges: false,
  newDataStores: true,
  secretsHandlingChanges: true,
};

const TRIGGERS_NONE = {
  newCloudComponents: false,
  containerOrchestrationChanges: false,
  networkChanges: false,
  iacChanges: true,
  deploymentProcessChanges: false,
  newDataStores: false,
  secretsHandlingChanges: false,
};

const evidence = (path: string) => `https://gitlab.example.com/${path}`;

/** Security review requests across the four bands. */
export const REVIEWS: DemoItem[] = [
  {
    key: "review-ledger",
    kind: "security_review_request",
    by: "eve",
    title: "Security Review Request: Payments ledger on Cloud SQL",
    description: [
      "The payments team moves the ledger from the monolith's database to a dedicated Cloud SQL",
      "instance in a new GCP project, reached over Private Service Connect from the GKE cluster.",
      "",
      "- Architecture: https://gitlab.example.com/payments/ledger/-/wikis/architecture",
      "- Data: card-holder references and balances (RED).",
      "- Worst case: a leaked service-account key gives write access to balances.",
    ].join("\n"),
    fields: {
      serviceOrFeature: "Payments ledger on Cloud SQL",
      maturity: "Beta",
      roadmapPriority: "P1",
      background: "Ledger split-out, phase 2 of the payments platform epic.",
      featureIssue: "https://gitlab.example.com/payments/ledger/-/issues/41",
      ...TRIGGERS_ALL,
      infrastructureScope: 5,
      environmentCriticality: 5,
      configurationComplexity: 3,
      automationLevel: 2,
      launchTierImpact: 3,
      requiredReviewers: ["sam"],
      prrIdentityAccess: {
        newAuthentication: {
          answer: "Workload identity for the ledger pods; no service-account keys.",
          evidenceUrl: evidence("payments/ledger/-/merge_requests/88"),
        },
        leastPrivilege: {
          answer: "cloudsql.client on the ledger instance only.",
          evidenceUrl: evidence("infra/iam/-/merge_requests/312"),
        },
        wafCoverage: { notApplicable: true, naReason: "No internet-facing entry point." },
      },
    },
    labels: ["InfraSec::WIP", "InfraSecEffort::Large", "Review-Priority:1"],
    assignees: ["sam"],
    requiredReviewers: ["sam"],
    dueInDays: 10,
    weight: 5,
    moves: [
      { to: "planned", by: "sam" },
      { to: "ongoing", by: "sam" },
    ],
    comments: [
      {
        by: "eve",
        body: "The Terraform for the new project is in infra/gcp-projects!204. @sam the PSC endpoint is the part we are least sure about.",
      },
      {
        by: "sam",
        body: "Thanks. Scheduled a joint architecture review for Thursday; I will also run the cloud configuration audit against the staging project.",
      },
    ],
  },
  {
    key: "review-wiki",
    kind: "security_review_request",
    by: "eve",
    title: "Security Review Request: Internal wiki search indexer",
    description:
      "A crawler indexes the internal wiki into a managed OpenSearch domain so that engineers can search runbooks.",
    fields: {
      serviceOrFeature: "Internal wiki search indexer",
      maturity: "Experiment",
      roadmapPriority: "P2",
      ...TRIGGERS_ALL,
      secretsHandlingChanges: false,
      infrastructureScope: 4,
      environmentCriticality: 4,
      configurationComplexity: 2,
      automationLevel: 1,
      launchTierImpact: 1,
    },
    labels: [],
    comments: [
      {
        by: "sam",
        body: "Scope 4 flags an SPA review and criticality 4 a Data Security review: @eve which wiki spaces are indexed?",
      },
    ],
  },
  {
    key: "review-status-page",
    kind: "security_review_request",
    by: "eve",
    title: "Security Review Request: Status page static site",
    description: "A static status page served from a bucket behind the CDN.",
    fields: {
      serviceOrFeature: "Status page static site",
      maturity: "GA",
      roadmapPriority: "P3",
      ...TRIGGERS_NONE,
      newCloudComponents: true,
      infrastructureScope: 2,
      environmentCriticality: 2,
      configurationComplexity: 2,
      automationLevel: 1,
      launchTierImpact: 1,
    },
    labels: ["InfraSec::backlog"],
  },
  {
    key: "review-sandbox-dns",
    kind: "security_review_request",
    by: "eve",
    title: "Security Review Request: Developer sandbox DNS records",
    description: "Wildcard DNS records for per-developer sandboxes in the development project.",
    fields: {
      serviceOrFeature: "Developer sandbox DNS records",
      maturity: "Experiment",
      roadmapPriority: "P2",
      ...TRIGGERS_NONE,
      infrastructureScope: 1,
      environmentCriticality: 1,
      configurationComplexity: 1,
      automationLevel: 1,
      launchTierImpact: 0,
    },
    labels: ["InfraSec::backlog"],
    moves: [{ to: "self-service", by: "sam", note: "Low band: self-service guidelines sent." }],
  },
];

/** A C2 change request with its step checklist, rollback plan and metrics. */
