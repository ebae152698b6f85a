import { attr, expect, fail, mustBeSet, mustBeTrue, pass } from "./rule-kit";
import type { TfRule } from "./rule-kit";
import { gcp, GCS_DOC, noPublicMembers, IAM_TYPES } from "./gcp-kit";

const GCS = GCS_DOC;

/** GCP Cloud Storage rules. */
export const gcpStorageRules: readonly TfRule[] = [
  gcp(
    {
      id: "GCP-GCS-001",
      title: "Storage bucket does not use uniform bucket-level access",
      severity: "medium",
      types: ["google_storage_bucket"],
      description: "Object ACLs make access hard to audit; uniform access uses IAM only.",
      remediation: "Set uniform_bucket_level_access = true.",
      references: [GCS + "uniform-bucket-level-access"],
      frameworks: ["CIS GCP 5.2"],
      checkov: ["CKV_GCP_29"],
      trivy: ["AVD-GCP-0002"],
    },
    mustBeTrue("uniform_bucket_level_access", "uniform_bucket_level_access is not true"),
  ),
  gcp(
    {
      id: "GCP-GCS-002",
      title: "Storage bucket does not enforce public access prevention",
      severity: "high",
      types: ["google_storage_bucket"],
      description: "Public access prevention blocks allUsers grants even if someone adds one.",
      remediation: 'Set public_access_prevention = "enforced".',
      references: [GCS + "public-access-prevention"],
      checkov: ["CKV_GCP_114"],
    },
    (r) =>
      expect(
        r,
        "public_access_prevention",
        (v) => v === "enforced",
        "fail",
        "public_access_prevention is not enforced",
      ),
  ),
  gcp(
    {
      id: "GCP-GCS-003",
      title: "Storage bucket versioning is disabled",
      severity: "low",
      types: ["google_storage_bucket"],
      description: "Versioning protects objects from overwrite and deletion.",
      remediation: "Add versioning { enabled = true }.",
      references: [GCS + "object-versioning"],
      checkov: ["CKV_GCP_78"],
      trivy: ["AVD-GCP-0078"],
    },
    mustBeTrue("versioning.enabled", "versioning is not enabled"),
  ),
  gcp(
    {
      id: "GCP-GCS-004",
      title: "Storage bucket access logging is disabled",
      severity: "low",
      types: ["google_storage_bucket"],
      description: "Usage logs record requests to the bucket.",
      remediation: "Add logging { log_bucket = … }.",
      references: [GCS + "access-logs"],
      checkov: ["CKV_GCP_62"],
      trivy: ["AVD-GCP-0077"],
    },
    mustBeSet("logging.log_bucket", "logging is not configured"),
  ),
  gcp(
    {
      id: "GCP-GCS-005",
      title: "Storage bucket is public through IAM",
      severity: "critical",
      types: IAM_TYPES("google_storage_bucket"),
      description: "Granting allUsers or allAuthenticatedUsers makes objects readable by anyone.",
      remediation: "Remove allUsers / allAuthenticatedUsers from member(s).",
      references: [GCS + "access-control/making-data-public"],
      frameworks: ["CIS GCP 5.1"],
      checkov: ["CKV_GCP_28"],
      trivy: ["AVD-GCP-0001"],
    },
    noPublicMembers,
  ),
  gcp(
    {
      id: "GCP-GCS-006",
      title: "Storage bucket is not encrypted with a customer managed key",
      severity: "low",
      types: ["google_storage_bucket"],
      description: "A CMEK keeps control of key access and rotation.",
      remediation: "Add encryption { default_kms_key_name = … }.",
      references: [GCS + "encryption/customer-managed-keys"],
      trivy: ["AVD-GCP-0066"],
    },
    mustBeSet("encryption.default_kms_key_name", "no default KMS key"),
  ),
  gcp(
    {
      id: "GCP-GCS-007",
      title: "Storage bucket logs to itself",
      severity: "low",
      types: ["google_storage_bucket"],
      description: "Logging into the same bucket mixes logs with data and loses them with it.",
      remediation: "Set logging.log_bucket to a separate bucket.",
      references: [GCS + "access-logs"],
      checkov: ["CKV_GCP_63"],
    },
    (r) =>
      attr(r, "logging.log_bucket") !== undefined &&
      attr(r, "logging.log_bucket") === attr(r, "name")
        ? fail(r, "logging.log_bucket", "bucket logs to itself")
        : pass(),
  ),
];
