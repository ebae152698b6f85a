import type { Finding } from "@infrasec/core";
import { summarize, type ReportRuleMeta, type ReviewReport } from "../report-model";

// Hand-written model covering every status, a suppression, an unknown, an error and characters
// that need escaping in XML, Markdown and URIs.
const rules: ReportRuleMeta[] = [
  {
    id: "K8S-PSS-005",
    title: "Containers must not run privileged",
    severity: "critical",
    description: "A privileged container has all capabilities.",
    remediation: "Set `securityContext.privileged: false`.",
    references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
    frameworks: ["PSS baseline", "CIS Kubernetes 1.8 5.2.2"],
    equivalents: { checkov: ["CKV_K8S_16"], trivy: ["AVD-KSV-0017"] },
    framework: "kubernetes",
    provider: "kubernetes",
  },
  {
    id: "K8S-RES-002",
    title: "CPU limits should be set",
    severity: "medium",
    description: "Without CPU limits one container can starve the node.",
    remediation: "Set `resources.limits.cpu`.",
    references: [],
    frameworks: ["NSA hardening guide"],
    equivalents: { checkov: ["CKV_K8S_11"], trivy: ["AVD-KSV-0011"] },
    framework: "kubernetes",
    provider: "kubernetes",
  },
  {
    id: "DOCKER-USER-002",
    title: "The final stage should set a non-root USER",
    severity: "medium",
    description: "Without USER the image runs as root.",
    remediation: "Add `USER 10001`.",
    references: ["https://docs.docker.com/reference/dockerfile/#user"],
    frameworks: ["CIS Docker 1.6 4.1"],
    equivalents: { checkov: ["CKV_DOCKER_3"], trivy: ["AVD-DS-0002"] },
    framework: "dockerfile",
    provider: "docker",
  },
  {
    id: "AWS-S3-001",
    title: "S3 buckets must block public access",
    severity: "high",
    description: "Public buckets leak data.",
    remediation: "Set `block_public_acls = true`.",
    references: [],
    frameworks: [],
    equivalents: { checkov: ["CKV_AWS_53"], trivy: [] },
    framework: "terraform",
    provider: "aws",
  },
];

function finding(p: Partial<Finding> & Pick<Finding, "ruleId" | "status">): Finding {
  const rule = rules.find((r) => r.id === p.ruleId);
  return {
    severity: rule?.severity ?? "low",
    title: rule?.title ?? p.ruleId,
    message: rule?.title ?? p.ruleId,
    resource: "Deployment/web/api",
    location: { file: "deploy/app.yaml", startLine: 10, endLine: 12 },
    fingerprint: `${p.resource ?? "Deployment/web/api"}|${p.ruleId}|${p.attributePath ?? ""}`,
    ...p,
  };
}

const findings: Finding[] = [
  finding({
    ruleId: "K8S-PSS-005",
    status: "new",
    message: 'Container "api" is privileged <b>|x|</b> & more.',
    attributePath: "spec.template.spec.containers[api].securityContext.privileged",
    location: { file: "deploy/app.yaml", startLine: 21, endLine: 21 },
  }),
  finding({ ruleId: "K8S-RES-002", status: "existing", attributePath: "spec.template.spec.containers[api].resources.limits.cpu" }),
  finding({
    ruleId: "DOCKER-USER-002",
    status: "suppressed",
    resource: "stage:final",
    message: "stage:final has no USER instruction.",
    location: { file: "images/api dir/Dockerfile", startLine: 3, endLine: 3 },
    attributePath: "FROM[0]",
    suppression: { source: "comment", reason: "distroless nonroot base", until: "2026-12-31", owner: "@platform" },
  }),
  finding({
    ruleId: "AWS-S3-001",
    status: "unknown",
    resource: "module.logs.aws_s3_bucket.this",
    message: "unknown: needs the value of var.public",
    needs: "var.public",
    location: { file: "infra/main.tf", startLine: 4, endLine: 9 },
  }),
  finding({
    ruleId: "K8S-RES-002",
    status: "fixed",
    resource: "Deployment/web/worker",
    attributePath: "spec.template.spec.containers[worker].resources.limits.cpu",
    location: { file: "deploy/worker.yaml", startLine: 30, endLine: 30 },
  }),
];

const errors = [
  { file: "deploy/broken.yaml", line: 7, message: "Nested mappings are not allowed in compact mappings" },
  { file: "infra/huge.tf", message: "file exceeds 8388608 bytes" },
];

/** The report used by the golden and schema tests. */
export function sampleReport(): ReviewReport {
  return {
    tool: { name: "infrasec", version: "0.1.0", informationUri: "https://example.org/infrasec" },
    rules,
    findings,
    errors,
    summary: summarize(findings, errors, { files: 5, subjects: 9 }),
    startedAt: "2026-11-25T20:00:00Z",
    finishedAt: "2026-11-25T20:00:02Z",
    overrides: [{ ruleId: "K8S-RES-002", severity: "medium" }],
  };
}

/** A report with nothing in it: every writer must still produce valid output. */
export function emptyReport(): ReviewReport {
  return { tool: { name: "infrasec", version: "0.1.0" }, rules: [], findings: [], errors: [], summary: summarize([], []) };
}
