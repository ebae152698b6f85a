import type { TemplateFieldInput, WorkTemplate } from "./template-types";
import { defineTemplate } from "./template-define-fns";
import { RISK_DIMENSIONS, TRIGGER_QUESTIONS } from "./risk-scoring-types";

/**
 * The security review request template. GitLab's template body is not public, so it is built
 * from the published parts: the seven InfraSec trigger questions, the five risk dimensions with
 * their rubric anchors, roadmap priority, and the InfraSec-owned production-readiness (PRR)
 * checklist sections. An editable default, not a copy of a private original.
 */

/** The PRR maturity levels, in order. */
export const MATURITY_LEVELS = ["Experiment", "Beta", "GA"] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

/** The title prefix every security review request carries. */
export const SECURITY_REVIEW_TITLE_PREFIX = "Security Review Request:";

/** Builds the title of a request for a service or feature. */
export function securityReviewTitle(serviceOrFeature: string): string {
  return `${SECURITY_REVIEW_TITLE_PREFIX} ${serviceOrFeature.trim()}`;
}

// A checklist is completed before the review can be completed, not at intake: requesters often
// file the request during design, before the resources exist.
const PRR_REQUIRED_AT = ["completed"];

const prrSections: TemplateFieldInput[] = [
  {
    key: "prrSecurityConsiderations",
    type: "checklist",
    label: "Security Considerations",
    level: "Experiment",
    owner: "InfraSec",
    requiredAt: PRR_REQUIRED_AT,
    questions: [
      {
        id: "newResources",
        text: "List the new resources: cloud project/account, subnets, VPC peering, DNS names, internet-exposed entry points (public IPs, load balancers, buckets)",
      },
      { id: "secureCoding", text: "Were the secure coding guidelines followed?" },
      { id: "appSecReview", text: "Was an AppSec review requested? (link)" },
      {
        id: "automaticUpdates",
        text: "Are OS, image and package updates automatic (e.g. unattended-upgrades, Renovate)?",
      },
      { id: "iacStaticAnalysis", text: "Is IaC static analysis in place (e.g. kics, checkov)?" },
      { id: "containersScanned", text: "Are new containers scanned?" },
    ],
  },
  {
    key: "prrIdentityAccess",
    type: "checklist",
    label: "Identity & Access Management",
    level: "Experiment",
    owner: "InfraSec",
    requiredAt: PRR_REQUIRED_AT,
    questions: [
      {
        id: "newAuthentication",
        text: "Are there new forms of authentication (service accounts, storage users, OIDC)?",
        help: "Good defaults: workload identity / OIDC, per-task service accounts, no long-lived admin credentials.",
      },
      { id: "leastPrivilege", text: "Is least privilege applied?" },
      {
        id: "networkLeastPrivilege",
        text: "Are firewalls and Kubernetes network policies least-privilege?",
      },
      { id: "wafCoverage", text: "Is the service covered by the WAF?" },
    ],
  },
  {
    key: "prrLoggingAuditData",
    type: "checklist",
    label: "Logging, Audit & Data Access",
    level: "Experiment",
    owner: "InfraSec",
    requiredAt: PRR_REQUIRED_AT,
    questions: [
      { id: "logRedaction", text: "Is customer data redacted from logs?" },
      { id: "dataLocations", text: "What data is stored where?" },
      { id: "dataClassification", text: "What is the data classification (customer data = RED)?" },
      {
        id: "dataAccessAuditLogs",
        text: "Are data accesses audit-logged (a new log source needs a Security Logging request)?",
      },
      { id: "retention", text: "Are retention requirements met?" },
      {
        id: "complianceIntake",
        text: "Does RED data reach a new environment (then a compliance intake is needed)?",
      },
    ],
  },
  {
    key: "prrBetaSecurity",
    type: "checklist",
    label: "Security (Beta)",
    level: "Beta",
    owner: "InfraSec",
    questions: [
      { id: "attackerView", text: "What could possibly go wrong, from an attacker's view?" },
      { id: "openSecurityWork", text: "Link the open security epics and issues" },
      { id: "okWithOpenIssues", text: "Is the team OK going to Beta with them open?" },
    ],
  },
];

/** The security review request template (id `security-review`). */
export const SECURITY_REVIEW_TEMPLATE: WorkTemplate = defineTemplate({
  id: "security-review",
  version: 1,
  kind: "security_review_request",
  name: "Security review request",
  description: "Request an infrastructure security review (Security Review Framework).",
  titlePrefix: SECURITY_REVIEW_TITLE_PREFIX,
  sections: [
    {
      id: "request",
      title: "Request",
      fields: [
        { key: "serviceOrFeature", type: "text", label: "Service or feature", required: true },
        {
          key: "maturity",
          type: "select",
          label: "Maturity level",
          required: true,
          options: MATURITY_LEVELS.map((l) => ({ value: l, label: l })),
        },
        {
          key: "roadmapPriority",
          type: "select",
          label: "Roadmap priority",
          required: true,
          options: [
            { value: "P1", label: "P1" },
            { value: "P2", label: "P2" },
            { value: "P3", label: "P3" },
          ],
        },
        { key: "background", type: "markdown", label: "Background, docs and diagrams" },
        { key: "featureIssue", type: "url", label: "Feature issue or epic" },
      ],
    },
    {
      id: "triggers",
      title: "InfraSec trigger questions",
      help: "InfraSec is engaged when any answer is yes.",
      fields: TRIGGER_QUESTIONS.map((q) => ({
        key: q.key,
        type: "yes_no" as const,
        label: q.text,
        required: true,
      })),
    },
    {
      id: "risk",
      title: "InfraSec risk dimensions",
      help: "Score = the sum (4–20): ≥ 15 Critical, 12–14 High, 8–11 Medium, < 8 Low.",
      fields: RISK_DIMENSIONS.map((d) => ({
        key: d.key,
        type: "score" as const,
        label: d.label,
        help: [d.help, ...d.flags.map((f) => `≥ ${f.atLeast} flags a ${f.note}.`)].join(" "),
        required: true,
        min: d.min,
        max: d.max,
        anchors: d.anchors.map((a) => ({ value: a.value, meaning: a.meaning })),
      })),
    },
    {
      id: "prr",
      title: "Production-readiness security checklist",
      help: "Each question: an answer and an evidence link, or N/A with a reason.",
      fields: prrSections,
    },
    {
      id: "review",
      title: "Review",
      fields: [
        {
          key: "requiredReviewers",
          type: "users",
          label: "Required reviewers",
          help: "Every required reviewer must approve a maturity level before it is approved.",
          // Set at triage, when the review is planned: requesters do not pick their reviewers.
          requiredAt: ["planned", "ongoing", "completed"],
          minItems: 1,
        },
      ],
    },
  ],
});
