import {
  ASSET_KINDS,
  DATA_CLASSIFICATIONS,
  ENVIRONMENTS,
  EXPOSURES,
  IDENTIFIER_TYPES,
} from "@infrasec/core";

export const KIND_LABELS: Record<(typeof ASSET_KINDS)[number], string> = {
  service: "Service",
  host: "Host",
  container_image: "Container image",
  cloud_account: "Cloud account/project",
  k8s_cluster: "Kubernetes cluster",
  k8s_namespace: "Kubernetes namespace",
  repository: "Repository",
  database: "Database",
  bucket: "Bucket",
  network: "Network",
};

export const CRITICALITY_LABELS: Record<number, string> = {
  1: "1 – critical",
  2: "2 – high",
  3: "3 – medium",
  4: "4 – low",
};

const label = (v: string) => v.replace(/_/g, " ");

export const KIND_OPTIONS = ASSET_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));
export const ENVIRONMENT_OPTIONS = ENVIRONMENTS.map((v) => ({ value: v, label: label(v) }));
export const EXPOSURE_OPTIONS = EXPOSURES.map((v) => ({ value: v, label: label(v) }));
export const DATA_CLASS_OPTIONS = DATA_CLASSIFICATIONS.map((v) => ({ value: v, label: v }));
export const CRITICALITY_OPTIONS = [1, 2, 3, 4].map((n) => ({
  value: String(n),
  label: CRITICALITY_LABELS[n] ?? String(n),
}));
export const IDENTIFIER_OPTIONS = IDENTIFIER_TYPES.map((v) => ({ value: v, label: label(v) }));
