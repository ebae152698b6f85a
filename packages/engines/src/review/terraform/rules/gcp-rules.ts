import { gcpComputeRules } from "./gcp-compute-rules";
import { gcpDataRules } from "./gcp-data-rules";
import { gcpGkeRules } from "./gcp-gke-rules";
import { gcpStorageRules } from "./gcp-storage-rules";
import type { TfRule } from "./rule-kit";

/** Every GCP Terraform rule, in a stable order. */
export const gcpRules: readonly TfRule[] = [
  ...gcpStorageRules,
  ...gcpComputeRules,
  ...gcpGkeRules,
  ...gcpDataRules,
];
