import type { RuleMeta } from "@infrasec/core";
import { AWS_ACCESS_RULES } from "./aws/aws-rules";
import { GCP_RULES } from "./gcp/gcp-rules";
import { K8S_RULES } from "./k8s/rbac-rules";

/** Every rule of the access engine (AWS, Kubernetes, GCP), explicit and exhaustive. */
export const ACCESS_RULES: readonly RuleMeta[] = [
  ...Object.values(AWS_ACCESS_RULES),
  ...Object.values(K8S_RULES),
  ...Object.values(GCP_RULES),
];
