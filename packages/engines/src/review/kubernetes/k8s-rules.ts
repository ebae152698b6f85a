import type { ReviewRule } from "../review-types";
import { k8sContainerRules } from "./k8s-container-rules";
import type { K8sSubject } from "./k8s-model";
import { k8sNetworkRules } from "./k8s-network-rules";
import { k8sPodConfigRules } from "./k8s-pod-config-rules";
import { k8sPssBaselineRules } from "./k8s-pss-baseline-rules";
import { k8sPssHostRules } from "./k8s-pss-host-rules";
import { k8sPssRestrictedRules } from "./k8s-pss-restricted-rules";
import { k8sRbacEscalationRules } from "./k8s-rbac-escalation-rules";
import { k8sRbacRules } from "./k8s-rbac-rules";
import { k8sWorkloadRules } from "./k8s-workload-rules";

/** The explicit, exhaustive registry of Kubernetes rules (no side-effect registration). */
export const kubernetesRules: ReviewRule<K8sSubject>[] = [
  ...k8sPssHostRules,
  ...k8sPssBaselineRules,
  ...k8sPssRestrictedRules,
  ...k8sContainerRules,
  ...k8sPodConfigRules,
  ...k8sWorkloadRules,
  ...k8sRbacRules,
  ...k8sRbacEscalationRules,
  ...k8sNetworkRules,
];
