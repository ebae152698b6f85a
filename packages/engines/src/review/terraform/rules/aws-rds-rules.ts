import type { RuleOutcome } from "@infrasec/core";
import { text } from "../eval/values";
import type { TfResource } from "../tf-types";
import {
  attr,
  expect,
  isTrue,
  mustBeOneOf,
  mustBeSet,
  mustBeTrue,
  mustNotBeTrue,
  pass,
  strings,
  tfRule,
  fail,
  unknown,
} from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
const RDS = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/";
/** Log exports must include at least one type (and `required` ones when given). */
function logsExported(path: string, message: string) {
  return (r: TfResource): RuleOutcome => {
    const { values, unknowns } = strings(attr(r, path));
    if (values.length) return pass();
    return unknowns.length ? unknown(unknowns, path) : fail(r, path, message);
  };
}

/** AWS RDS and Aurora rules. */
export const awsRdsRules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-RDS-001",
      title: "RDS instance storage is not encrypted",
      severity: "high",
      types: ["aws_db_instance"],
      description: "Unencrypted database storage, snapshots and replicas expose data at rest.",
      remediation: "Set storage_encrypted = true (and kms_key_id for a customer managed key).",
      references: [RDS + "Overview.Encryption.html"],
      frameworks: ["CIS AWS 2.3.1"],
      checkov: ["CKV_AWS_16"],
      trivy: ["AVD-AWS-0080"],
    },
    (r) =>
      attr(r, "replicate_source_db") !== undefined
        ? pass()
        : mustBeTrue("storage_encrypted", "storage_encrypted is not true")(r),
  ),
  aws(
    {
      id: "AWS-RDS-002",
      title: "RDS instance is publicly accessible",
      severity: "critical",
      types: ["aws_db_instance", "aws_rds_cluster_instance"],
      description:
        "A publicly accessible database gets a public DNS address reachable from the internet.",
      remediation: "Set publicly_accessible = false.",
      references: [RDS + "USER_VPC.WorkingWithRDSInstanceinaVPC.html"],
      frameworks: ["CIS AWS 2.3.3"],
      checkov: ["CKV_AWS_17"],
      trivy: ["AVD-AWS-0082", "AVD-AWS-0180"],
    },
    mustNotBeTrue("publicly_accessible", "database is publicly accessible"),
  ),
  aws(
    {
      id: "AWS-RDS-003",
      title: "RDS backup retention is disabled",
      severity: "medium",
      types: ["aws_db_instance", "aws_rds_cluster"],
      description:
        "Without automated backups a database cannot be restored to a point in time. When backup_retention_period is not set, RDS keeps backups for 1 day; 0 disables them (and values over 35 are rejected).",
      remediation: "Set backup_retention_period between 1 and 35 (7 or more recommended).",
      references: [RDS + "USER_WorkingWithAutomatedBackups.html"],
      checkov: ["CKV_AWS_133"],
      trivy: ["AVD-AWS-0077"],
    },
    (r) =>
      attr(r, "replicate_source_db") !== undefined
        ? pass()
        : expect(
            r,
            "backup_retention_period",
            (v) => Number(v) >= 1 && Number(v) <= 35,
            "pass",
            "backup_retention_period is 0 (backups disabled) or outside 1-35",
          ),
  ),
  aws(
    {
      id: "AWS-RDS-004",
      title: "RDS instance IAM database authentication is disabled",
      severity: "medium",
      types: ["aws_db_instance"],
      description:
        "IAM authentication replaces long-lived database passwords with short-lived tokens.",
      remediation: "Set iam_database_authentication_enabled = true.",
      references: [RDS + "UsingWithRDS.IAMDBAuth.html"],
      checkov: ["CKV_AWS_161"],
      trivy: ["AVD-AWS-0176"],
    },
    (r) =>
      /^(mysql|postgres|mariadb|aurora)/.test(text(attr(r, "engine") ?? "mysql"))
        ? mustBeTrue("iam_database_authentication_enabled", "IAM authentication is not enabled")(r)
        : pass(),
  ),
  aws(
    {
      id: "AWS-RDS-005",
      title: "RDS instance deletion protection is disabled",
      severity: "medium",
      types: ["aws_db_instance"],
      description: "Deletion protection stops an accidental destroy from removing the database.",
      remediation: "Set deletion_protection = true.",
      references: [RDS + "USER_DeleteInstance.html"],
      checkov: ["CKV_AWS_293"],
      trivy: ["AVD-AWS-0177"],
    },
    mustBeTrue("deletion_protection", "deletion_protection is not true"),
  ),
  aws(
    {
      id: "AWS-RDS-006",
      title: "RDS instance is not Multi-AZ",
      severity: "low",
      types: ["aws_db_instance"],
      description: "Multi-AZ keeps a standby in another zone for failover.",
      remediation: "Set multi_az = true.",
      references: [RDS + "Concepts.MultiAZ.html"],
      checkov: ["CKV_AWS_157"],
    },
    mustBeTrue("multi_az", "multi_az is not true"),
  ),
  aws(
    {
      id: "AWS-RDS-007",
      title: "RDS automatic minor version upgrades are disabled",
      severity: "low",
      types: ["aws_db_instance", "aws_rds_cluster_instance"],
      description: "Minor versions carry security fixes.",
      remediation: "Set auto_minor_version_upgrade = true (the default).",
      references: [RDS + "USER_UpgradeDBInstance.Upgrading.html"],
      checkov: ["CKV_AWS_226"],
    },
    (r) =>
      expect(
        r,
        "auto_minor_version_upgrade",
        (v) => isTrue(v),
        "pass",
        "auto_minor_version_upgrade is false",
      ),
  ),
  aws(
    {
      id: "AWS-RDS-008",
      title: "RDS instance does not export logs to CloudWatch",
      severity: "medium",
      types: ["aws_db_instance"],
      description: "Database logs are needed to detect and investigate abuse.",
      remediation:
        'Set enabled_cloudwatch_logs_exports to the engine\'s log types (e.g. ["audit", "error"] or ["postgresql"]).',
      references: [RDS + "USER_LogAccess.Procedural.UploadtoCloudWatch.html"],
      checkov: ["CKV_AWS_129"],
    },
    logsExported("enabled_cloudwatch_logs_exports", "no logs are exported"),
  ),
  aws(
    {
      id: "AWS-RDS-009",
      title: "RDS Performance Insights is disabled",
      severity: "low",
      types: ["aws_db_instance", "aws_rds_cluster_instance"],
      description:
        "Performance Insights helps detect abnormal load such as data exfiltration queries.",
      remediation: "Set performance_insights_enabled = true.",
      references: [RDS + "USER_PerfInsights.html"],
      checkov: ["CKV_AWS_353"],
      trivy: ["AVD-AWS-0133"],
    },
    mustBeTrue("performance_insights_enabled", "performance_insights_enabled is not true"),
  ),
  aws(
    {
      id: "AWS-RDS-010",
      title: "RDS Performance Insights is not encrypted with a customer managed key",
      severity: "low",
      types: ["aws_db_instance", "aws_rds_cluster_instance"],
      description: "Performance Insights data contains query text.",
      remediation: "Set performance_insights_kms_key_id to a customer managed KMS key.",
      references: [RDS + "USER_PerfInsights.access-control.html"],
      checkov: ["CKV_AWS_354"],
      trivy: ["AVD-AWS-0078"],
    },
    (r) =>
      isTrue(attr(r, "performance_insights_enabled"))
        ? mustBeSet(
            "performance_insights_kms_key_id",
            "performance_insights_kms_key_id is not set",
          )(r)
        : pass(),
  ),
  aws(
    {
      id: "AWS-RDS-011",
      title: "RDS cluster storage is not encrypted",
      severity: "high",
      types: ["aws_rds_cluster"],
      description: "Aurora cluster storage and snapshots must be encrypted at rest.",
      remediation: "Set storage_encrypted = true.",
      references: [RDS + "Overview.Encryption.html"],
      checkov: ["CKV_AWS_96"],
      trivy: ["AVD-AWS-0079"],
    },
    (r) =>
      attr(r, "replication_source_identifier") !== undefined ||
      attr(r, "snapshot_identifier") !== undefined
        ? pass()
        : mustBeTrue("storage_encrypted", "storage_encrypted is not true")(r),
  ),
  aws(
    {
      id: "AWS-RDS-012",
      title: "RDS cluster IAM database authentication is disabled",
      severity: "medium",
      types: ["aws_rds_cluster"],
      description: "IAM authentication replaces long-lived passwords with short-lived tokens.",
      remediation: "Set iam_database_authentication_enabled = true.",
      references: [RDS + "UsingWithRDS.IAMDBAuth.html"],
      checkov: ["CKV_AWS_162"],
    },
    mustBeTrue("iam_database_authentication_enabled", "IAM authentication is not enabled"),
  ),
  aws(
    {
      id: "AWS-RDS-013",
      title: "RDS cluster deletion protection is disabled",
      severity: "medium",
      types: ["aws_rds_cluster"],
      description: "Deletion protection stops an accidental destroy from removing the cluster.",
      remediation: "Set deletion_protection = true.",
      references: [RDS + "USER_DeleteInstance.html"],
      checkov: ["CKV_AWS_139"],
      trivy: ["AVD-AWS-0343"],
    },
    mustBeTrue("deletion_protection", "deletion_protection is not true"),
  ),
  aws(
    {
      id: "AWS-RDS-014",
      title: "RDS cluster does not export logs to CloudWatch",
      severity: "medium",
      types: ["aws_rds_cluster"],
      description: "Cluster logs are needed to detect and investigate abuse.",
      remediation:
        'Set enabled_cloudwatch_logs_exports (e.g. ["audit"] for MySQL, ["postgresql"] for PostgreSQL).',
      references: [RDS + "USER_LogAccess.html"],
      checkov: ["CKV_AWS_324"],
    },
    logsExported("enabled_cloudwatch_logs_exports", "no logs are exported"),
  ),
  aws(
    {
      id: "AWS-RDS-015",
      title: "RDS cluster does not copy tags to snapshots",
      severity: "info",
      types: ["aws_rds_cluster"],
      description: "Tags on snapshots carry ownership and data classification.",
      remediation: "Set copy_tags_to_snapshot = true.",
      references: [RDS + "USER_Tagging.html"],
      checkov: ["CKV_AWS_313"],
    },
    mustBeTrue("copy_tags_to_snapshot", "copy_tags_to_snapshot is not true"),
  ),
  aws(
    {
      id: "AWS-RDS-016",
      title: "RDS snapshot is shared publicly",
      severity: "critical",
      types: ["aws_db_snapshot", "aws_db_cluster_snapshot"],
      description: "A public snapshot can be restored by any AWS account.",
      remediation: 'Remove "all" from shared_accounts.',
      references: [RDS + "USER_ShareSnapshot.html"],
      checkov: ["CKV_AWS_302"],
    },
    (r) =>
      expect(
        r,
        "shared_accounts",
        (v) => !(Array.isArray(v) ? v : [v]).includes("all"),
        "pass",
        "snapshot is shared with all accounts",
      ),
  ),
  aws(
    {
      id: "AWS-RDS-017",
      title: "RDS instance uses an outdated CA certificate",
      severity: "medium",
      types: ["aws_db_instance"],
      description:
        "The rds-ca-2019 certificate authority expired; clients pinning it fail or skip TLS verification.",
      remediation: 'Set ca_cert_identifier = "rds-ca-rsa2048-g1" (or rsa4096/ecc384).',
      references: [RDS + "UsingWithRDS.SSL-certificate-rotation.html"],
      checkov: ["CKV_AWS_211"],
    },
    mustBeOneOf(
      "ca_cert_identifier",
      ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"],
      "ca_cert_identifier is outdated",
      "pass",
    ),
  ),
  aws(
    {
      id: "AWS-RDS-018",
      title: "RDS cluster is not encrypted with a customer managed key",
      severity: "low",
      types: ["aws_rds_cluster"],
      description: "A customer managed KMS key keeps control of key policy and rotation.",
      remediation: "Set kms_key_id to a customer managed KMS key.",
      references: [RDS + "Overview.Encryption.Keys.html"],
      checkov: ["CKV_AWS_327"],
      trivy: ["AVD-AWS-0079"],
    },
    mustBeSet("kms_key_id", "kms_key_id is not set"),
  ),
  aws(
    {
      id: "AWS-RDS-019",
      title: "EC2-Classic DB security group allows ingress from 0.0.0.0/0",
      severity: "high",
      types: ["aws_db_security_group"],
      description:
        "DB security groups belong to EC2-Classic; one open to 0.0.0.0/0 exposes the database to the internet.",
      remediation:
        'Remove ingress { cidr = "0.0.0.0/0" } and move the database to VPC security groups (vpc_security_group_ids).',
      references: [RDS + "Overview.RDSSecurityGroups.html"],
    },
    (r) =>
      expect(
        r,
        "ingress",
        (v) =>
          !(Array.isArray(v) ? v : [v]).some(
            (i) =>
              typeof i === "object" &&
              i !== null &&
              !Array.isArray(i) &&
              (i as Record<string, unknown>).cidr === "0.0.0.0/0",
          ),
        "pass",
        "DB security group allows 0.0.0.0/0",
      ),
  ),
];
