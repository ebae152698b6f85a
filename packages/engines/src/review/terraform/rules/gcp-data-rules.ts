import type { TfResource } from "../tf-types";
import { Unknown, text } from "../eval/values";
import { PUBLIC_CIDRS } from "./net-kit";
import {
  attr,
  blocks,
  expect,
  fail,
  isFalse,
  isTrue,
  mustBeTrue,
  pass,
  strings,
  unknown,
} from "./rule-kit";
import type { TfRule } from "./rule-kit";
import { gcp, GCS_DOC, noPublicMembers, IAM_TYPES } from "./gcp-kit";

const GCS = GCS_DOC;
const SQL = "https://cloud.google.com/sql/docs/";

function sqlFlag(r: TfResource, name: string): string | undefined | Unknown {
  for (const f of blocks(attr(r, "settings.database_flags")))
    if (f.name === name) return f.value instanceof Unknown ? f.value : text(f.value);
  return undefined;
}

function sqlFlagRule(
  id: string,
  engine: string,
  flag: string,
  want: string,
  checkov: string,
  trivy: string[],
  /** The server's value when the flag is not set, by database_version (default: not `want`). */
  serverDefault?: (version: string) => string,
): TfRule {
  return gcp(
    {
      id,
      title: `Cloud SQL ${engine} flag ${flag} is not ${want}`,
      severity: "medium",
      types: ["google_sql_database_instance"],
      description: `The ${flag} database flag should be ${want} for secure logging and behaviour.`,
      remediation: `Add settings { database_flags { name = "${flag}", value = "${want}" } }.`,
      references: [SQL + `${engine === "MySQL" ? "mysql" : "postgres"}/flags`],
      checkov: [checkov],
      trivy,
    },
    (r) => {
      const version = attr(r, "database_version");
      if (version instanceof Unknown) return unknown(version, "database_version");
      if (
        !text(version ?? "")
          .toUpperCase()
          .startsWith(engine.toUpperCase())
      )
        return pass();
      const set = sqlFlag(r, flag);
      if (set instanceof Unknown) return unknown(set, "settings.database_flags");
      const v = set ?? serverDefault?.(text(version).toUpperCase());
      return v === want
        ? pass()
        : fail(r, "settings.database_flags", `${flag} is ${v ?? "not set"}`);
    },
  );
}

/** GCP Cloud SQL, IAM, KMS, BigQuery, DNS and Memorystore rules. */
export const gcpDataRules: readonly TfRule[] = [
  gcp(
    {
      id: "GCP-SQL-001",
      title: "Cloud SQL allows connections from 0.0.0.0/0",
      severity: "critical",
      types: ["google_sql_database_instance"],
      description: "An authorized network of 0.0.0.0/0 exposes the database to the internet.",
      remediation:
        "Remove the 0.0.0.0/0 authorized_networks entry; use private IP or the Cloud SQL Auth Proxy.",
      references: [SQL + "mysql/authorize-networks"],
      frameworks: ["CIS GCP 6.5"],
      checkov: ["CKV_GCP_11"],
      trivy: ["AVD-GCP-0017"],
    },
    (r) => {
      for (const n of blocks(attr(r, "settings.ip_configuration.authorized_networks"))) {
        if (n.value instanceof Unknown)
          return unknown(n.value, "settings.ip_configuration.authorized_networks");
        if (PUBLIC_CIDRS.has(text(n.value)))
          return fail(
            r,
            "settings.ip_configuration.authorized_networks",
            "0.0.0.0/0 is authorized",
          );
      }
      return pass();
    },
  ),
  gcp(
    {
      id: "GCP-SQL-002",
      title: "Cloud SQL does not require SSL",
      severity: "high",
      types: ["google_sql_database_instance"],
      description: "Without SSL enforcement clients may connect in clear text.",
      remediation:
        'Set settings { ip_configuration { ssl_mode = "ENCRYPTED_ONLY" } } (google provider 6+; require_ssl = true before).',
      references: [SQL + "mysql/configure-ssl-instance"],
      frameworks: ["CIS GCP 6.4"],
      checkov: ["CKV_GCP_6"],
      trivy: ["AVD-GCP-0015"],
    },
    (r) => {
      const mode = attr(r, "settings.ip_configuration.ssl_mode");
      if (mode instanceof Unknown) return unknown(mode, "settings.ip_configuration.ssl_mode");
      if (
        mode === "ENCRYPTED_ONLY" ||
        mode === "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" ||
        isTrue(attr(r, "settings.ip_configuration.require_ssl"))
      )
        return pass();
      return fail(r, "settings.ip_configuration.ssl_mode", "SSL is not required");
    },
  ),
  gcp(
    {
      id: "GCP-SQL-003",
      title: "Cloud SQL automated backups are disabled",
      severity: "medium",
      types: ["google_sql_database_instance"],
      description: "Backups are needed to recover from corruption or deletion.",
      remediation: "Set settings { backup_configuration { enabled = true } }.",
      references: [SQL + "mysql/backup-recovery/backups"],
      frameworks: ["CIS GCP 6.7"],
      checkov: ["CKV_GCP_14"],
      trivy: ["AVD-GCP-0024"],
    },
    (r) =>
      text(attr(r, "database_version") ?? "").startsWith("SQLSERVER") &&
      attr(r, "master_instance_name") !== undefined
        ? pass()
        : mustBeTrue("settings.backup_configuration.enabled", "backups are not enabled")(r),
  ),
  gcp(
    {
      id: "GCP-SQL-004",
      title: "Cloud SQL has a public IPv4 address",
      severity: "medium",
      types: ["google_sql_database_instance"],
      description:
        "A public IP makes the instance reachable from the internet, guarded only by authorized networks.",
      remediation:
        "Set settings { ip_configuration { ipv4_enabled = false, private_network = … } }.",
      references: [SQL + "mysql/configure-private-ip"],
      frameworks: ["CIS GCP 6.6"],
      checkov: ["CKV_GCP_60"],
      trivy: ["AVD-GCP-0017"],
    },
    (r) =>
      expect(
        r,
        "settings.ip_configuration.ipv4_enabled",
        (v) => isFalse(v),
        "fail",
        "public IPv4 is enabled (the default)",
      ),
  ),
  sqlFlagRule("GCP-SQL-005", "POSTGRES", "log_connections", "on", "CKV_GCP_52", ["AVD-GCP-0016"]),
  sqlFlagRule("GCP-SQL-006", "POSTGRES", "log_disconnections", "on", "CKV_GCP_53", [
    "AVD-GCP-0022",
  ]),
  // MySQL turned local_infile off by default in 8.0; 5.x servers start with it on.
  sqlFlagRule(
    "GCP-SQL-007",
    "MYSQL",
    "local_infile",
    "off",
    "CKV_GCP_50",
    ["AVD-GCP-0026"],
    (version) => (/^MYSQL_5/.test(version) ? "on" : "off"),
  ),
  gcp(
    {
      id: "GCP-IAM-001",
      title: "Basic role (owner/editor/viewer) granted at project level",
      severity: "high",
      types: ["google_project_iam_member", "google_project_iam_binding"],
      description: "Basic roles grant thousands of permissions; use predefined or custom roles.",
      remediation: "Replace roles/owner, roles/editor or roles/viewer with narrower roles.",
      references: ["https://cloud.google.com/iam/docs/understanding-roles#basic"],
      frameworks: ["CIS GCP 1.5"],
      checkov: ["CKV_GCP_117"],
    },
    (r) =>
      expect(
        r,
        "role",
        (v) => !/^roles\/(owner|editor|viewer)$/.test(text(v)),
        "pass",
        "basic role granted",
      ),
  ),
  gcp(
    {
      id: "GCP-IAM-002",
      title: "Service account user or token creator granted at project level",
      severity: "high",
      types: ["google_project_iam_member", "google_project_iam_binding"],
      description:
        "Project-level Service Account User/Token Creator lets the member act as every service account.",
      remediation:
        "Grant roles/iam.serviceAccountUser or serviceAccountTokenCreator on specific service accounts instead.",
      references: ["https://cloud.google.com/iam/docs/service-account-permissions"],
      frameworks: ["CIS GCP 1.6"],
      checkov: ["CKV_GCP_41", "CKV_GCP_49"],
      trivy: ["AVD-GCP-0011"],
    },
    (r) =>
      expect(
        r,
        "role",
        (v) => !/^roles\/iam\.serviceAccount(User|TokenCreator)$/.test(text(v)),
        "pass",
        "service account impersonation granted project-wide",
      ),
  ),
  gcp(
    {
      id: "GCP-IAM-003",
      title: "Default compute service account is granted a role",
      severity: "medium",
      types: ["google_project_iam_member", "google_project_iam_binding"],
      description:
        "The default service account should not get project roles (the handbook asks to remove its editor grant).",
      remediation:
        "Grant roles to a dedicated service account instead of PROJECT_NUMBER-compute@developer.gserviceaccount.com.",
      references: [
        "https://cloud.google.com/compute/docs/access/service-accounts#default_service_account",
      ],
      checkov: ["CKV_GCP_44"],
      trivy: ["AVD-GCP-0006"],
    },
    (r) => {
      const { values, unknowns } = strings(attr(r, "members") ?? attr(r, "member"));
      if (
        values.some((m) =>
          /-compute@developer\.gserviceaccount\.com$|@appspot\.gserviceaccount\.com$/.test(m),
        )
      )
        return fail(
          r,
          attr(r, "members") !== undefined ? "members" : "member",
          "default service account granted a role",
        );
      return unknowns.length ? unknown(unknowns, "member") : pass();
    },
  ),
  gcp(
    {
      id: "GCP-IAM-004",
      title: "Resource is public through IAM (allUsers)",
      severity: "critical",
      types: [
        ...IAM_TYPES("google_pubsub_topic"),
        ...IAM_TYPES("google_bigquery_table"),
        ...IAM_TYPES("google_cloud_run_service"),
        ...IAM_TYPES("google_cloudfunctions_function"),
        ...IAM_TYPES("google_cloudfunctions2_function"),
        ...IAM_TYPES("google_cloud_run_v2_service"),
        ...IAM_TYPES("google_artifact_registry_repository"),
        ...IAM_TYPES("google_kms_crypto_key"),
        ...IAM_TYPES("google_project"),
      ],
      description: "allUsers / allAuthenticatedUsers members make the resource usable by anyone.",
      remediation: "Remove allUsers and allAuthenticatedUsers from member(s).",
      references: ["https://cloud.google.com/iam/docs/overview#all-users"],
      checkov: [
        "CKV_GCP_99",
        "CKV_GCP_100",
        "CKV_GCP_101",
        "CKV_GCP_102",
        "CKV_GCP_107",
        "CKV_GCP_112",
      ],
    },
    noPublicMembers,
  ),
  gcp(
    {
      id: "GCP-KMS-001",
      title: "KMS key is not rotated within 90 days",
      severity: "medium",
      types: ["google_kms_crypto_key"],
      description: "Regular rotation limits exposure of a compromised key version.",
      remediation: 'Set rotation_period = "7776000s" (90 days) or shorter.',
      references: ["https://cloud.google.com/kms/docs/key-rotation"],
      frameworks: ["CIS GCP 1.10"],
      checkov: ["CKV_GCP_43"],
      trivy: ["AVD-GCP-0065"],
    },
    (r) =>
      text(attr(r, "purpose") ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT"
        ? pass()
        : expect(
            r,
            "rotation_period",
            // A duration in seconds ("7776000s"); a bare number is not a valid period.
            (v) => /^\d+(\.\d+)?s$/.test(text(v)) && parseFloat(text(v)) <= 7776000,
            "fail",
            "rotation_period is unset, not a duration in seconds, or longer than 90 days",
          ),
  ),
  gcp(
    {
      id: "GCP-KMS-002",
      title: "KMS key is not protected from destroy",
      severity: "medium",
      types: ["google_kms_crypto_key"],
      description: "Destroying a key makes everything encrypted with it unreadable.",
      remediation: "Add lifecycle { prevent_destroy = true }.",
      references: ["https://cloud.google.com/kms/docs/destroy-restore"],
      checkov: ["CKV_GCP_82"],
    },
    (r) => mustBeTrue("lifecycle.prevent_destroy", "prevent_destroy is not set")(r),
  ),
  gcp(
    {
      id: "GCP-BQ-001",
      title: "BigQuery dataset is public",
      severity: "critical",
      types: ["google_bigquery_dataset"],
      description:
        "Access entries for allUsers or allAuthenticatedUsers make the dataset readable by anyone.",
      remediation:
        'Remove access blocks with special_group = "allAuthenticatedUsers" or iam_member = "allUsers".',
      references: ["https://cloud.google.com/bigquery/docs/control-access-to-resources-iam"],
      frameworks: ["CIS GCP 7.1"],
      checkov: ["CKV_GCP_15"],
      trivy: ["AVD-GCP-0046"],
    },
    (r) =>
      blocks(attr(r, "access")).some(
        (a) =>
          a.special_group === "allAuthenticatedUsers" ||
          a.iam_member === "allUsers" ||
          a.iam_member === "allAuthenticatedUsers" ||
          a.special_group === "allUsers",
      )
        ? fail(r, "access", "dataset is public")
        : pass(),
  ),
  gcp(
    {
      id: "GCP-DNS-001",
      title: "Cloud DNS zone has DNSSEC disabled",
      severity: "medium",
      types: ["google_dns_managed_zone"],
      description: "DNSSEC protects public zones against spoofed answers.",
      remediation: 'Add dnssec_config { state = "on" }.',
      references: ["https://cloud.google.com/dns/docs/dnssec"],
      frameworks: ["CIS GCP 3.3"],
      checkov: ["CKV_GCP_16"],
      trivy: ["AVD-GCP-0013"],
    },
    (r) =>
      attr(r, "visibility") === "private"
        ? pass()
        : expect(r, "dnssec_config.state", (v) => v === "on", "fail", "DNSSEC is not on"),
  ),
  gcp(
    {
      id: "GCP-DNS-002",
      title: "Cloud DNS DNSSEC uses RSASHA1",
      severity: "medium",
      types: ["google_dns_managed_zone"],
      description: "RSASHA1 is a weak DNSSEC algorithm.",
      remediation:
        'Use algorithm = "rsasha256" (or ecdsap256sha256) in dnssec_config default_key_specs.',
      references: ["https://cloud.google.com/dns/docs/dnssec-advanced"],
      frameworks: ["CIS GCP 3.4", "CIS GCP 3.5"],
      checkov: ["CKV_GCP_17"],
      trivy: ["AVD-GCP-0012"],
    },
    (r) =>
      blocks(attr(r, "dnssec_config.default_key_specs")).some(
        (k) => text(k.algorithm).toLowerCase() === "rsasha1",
      )
        ? fail(r, "dnssec_config.default_key_specs", "RSASHA1 in use")
        : pass(),
  ),
  gcp(
    {
      id: "GCP-REDIS-001",
      title: "Memorystore Redis has AUTH disabled",
      severity: "high",
      types: ["google_redis_instance"],
      description: "Without AUTH any client in the network can read and write the cache.",
      remediation: "Set auth_enabled = true.",
      references: ["https://cloud.google.com/memorystore/docs/redis/about-redis-auth"],
      checkov: ["CKV_GCP_95"],
    },
    mustBeTrue("auth_enabled", "auth_enabled is not true"),
  ),
  gcp(
    {
      id: "GCP-REDIS-002",
      title: "Memorystore Redis has no in-transit encryption",
      severity: "medium",
      types: ["google_redis_instance"],
      description: "Cache traffic crosses the network in clear text.",
      remediation: 'Set transit_encryption_mode = "SERVER_AUTHENTICATION".',
      references: ["https://cloud.google.com/memorystore/docs/redis/about-in-transit-encryption"],
      checkov: ["CKV_GCP_97"],
    },
    (r) =>
      expect(
        r,
        "transit_encryption_mode",
        (v) => v === "SERVER_AUTHENTICATION",
        "fail",
        "in-transit encryption is disabled",
      ),
  ),
  gcp(
    {
      id: "GCP-BQ-002",
      title: "BigQuery table has deletion protection disabled",
      severity: "low",
      types: ["google_bigquery_table"],
      description: "Deletion protection stops Terraform from dropping the table by accident.",
      remediation: "Set deletion_protection = true (the default).",
      references: [
        "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_table",
      ],
      checkov: ["CKV_GCP_121"],
    },
    (r) =>
      isFalse(attr(r, "deletion_protection"))
        ? fail(r, "deletion_protection", "deletion protection is off")
        : pass(),
  ),
  gcp(
    {
      id: "GCP-SQL-008",
      title: "Cloud SQL deletion protection is disabled",
      severity: "medium",
      types: ["google_sql_database_instance"],
      description: "Deletion protection stops an accidental destroy of the instance.",
      remediation:
        "Set deletion_protection = true (the default) and settings { deletion_protection_enabled = true }.",
      references: [SQL + "mysql/deletion-protection"],
    },
    (r) =>
      isFalse(attr(r, "deletion_protection"))
        ? fail(r, "deletion_protection", "deletion protection is off")
        : pass(),
  ),
  gcp(
    {
      id: "GCP-GKE-011",
      title: "GKE Binary Authorization is not enforced",
      severity: "low",
      types: ["google_container_cluster"],
      description: "Binary Authorization only admits images signed by trusted builders.",
      remediation:
        'Add binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" }.',
      references: ["https://cloud.google.com/binary-authorization/docs"],
      checkov: ["CKV_GCP_66"],
    },
    (r) =>
      attr(r, "binary_authorization.evaluation_mode") === "PROJECT_SINGLETON_POLICY_ENFORCE" ||
      isTrue(attr(r, "binary_authorization.enabled")) ||
      isTrue(attr(r, "enable_binary_authorization"))
        ? pass()
        : fail(r, "binary_authorization", "binary authorization is not enforced"),
  ),
  gcp(
    {
      id: "GCP-GCS-008",
      title: "Storage bucket has no lifecycle rules",
      severity: "info",
      types: ["google_storage_bucket"],
      description: "Lifecycle rules delete or archive old data (a handbook default for buckets).",
      remediation: 'Add lifecycle_rule { condition { age = … } action { type = "Delete" } }.',
      references: [GCS + "lifecycle"],
    },
    (r) =>
      blocks(attr(r, "lifecycle_rule")).length
        ? pass()
        : fail(r, "lifecycle_rule", "no lifecycle rule"),
  ),
];
