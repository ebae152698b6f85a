import { REVIEW_FRAMEWORKS, REVIEW_PROVIDERS } from "@infrasec/contracts";

/** Display names of the review frameworks and providers, for filters and rule pages. */
export const FRAMEWORK_LABELS: Record<(typeof REVIEW_FRAMEWORKS)[number], string> = {
  terraform: "Terraform",
  plan: "Terraform plan",
  kubernetes: "Kubernetes",
  dockerfile: "Dockerfile",
};

export const PROVIDER_LABELS: Record<(typeof REVIEW_PROVIDERS)[number], string> = {
  aws: "AWS",
  gcp: "GCP",
  azure: "Azure",
  kubernetes: "Kubernetes",
  docker: "Docker",
  generic: "Generic",
};

export const FRAMEWORK_OPTIONS = REVIEW_FRAMEWORKS.map((v) => ({
  value: v,
  label: FRAMEWORK_LABELS[v],
}));
export const PROVIDER_OPTIONS = REVIEW_PROVIDERS.map((v) => ({
  value: v,
  label: PROVIDER_LABELS[v],
}));

/**
 * Whether a suppression's rule id is one of ours (and so has a rule page): infrasec ids are
 * upper-case words joined by dashes (AWS-S3-001, K8S-PSS-005); Checkov's use underscores
 * (CKV_AWS_20) and Trivy's start with AVD-.
 */
export function isInfrasecRuleId(id: string): boolean {
  return /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(id) && !id.startsWith("AVD-");
}
