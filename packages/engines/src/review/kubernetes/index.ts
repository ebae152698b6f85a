import type { FrameworkScanResult } from "../review-types";
import { kubernetesRules } from "./k8s-rules";
import { scanKubernetesWith, type K8sScanOptions } from "./k8s-scanner";

export { kubernetesRules } from "./k8s-rules";
export { parseKubernetesManifest, DEFAULT_K8S_LIMITS } from "./k8s-parser";
export type { K8sObject, K8sParseLimits, K8sParseResult } from "./k8s-parser";
export type { K8sSubject } from "./k8s-model";
export { scanKubernetesWith, k8sFingerprint } from "./k8s-scanner";
export type { K8sScanOptions } from "./k8s-scanner";

/**
 * Scans one Kubernetes manifest file (multi-document YAML, JSON, `List` kinds, Helm-rendered
 * output) with the built-in rules. Unparsable documents are reported in `errors`; the others are
 * still evaluated.
 */
export function scanKubernetesFile(
  path: string,
  content: string,
  opts?: K8sScanOptions,
): FrameworkScanResult {
  return scanKubernetesWith(kubernetesRules, path, content, opts);
}
