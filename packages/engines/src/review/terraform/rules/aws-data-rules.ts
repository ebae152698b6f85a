import type { RuleOutcome } from "@infrasec/core";
import { text } from "../eval/values";
import type { Value } from "../eval/values";
import type { TfResource } from "../tf-types";
import {
  atLeastNum,
  attr,
  expect,
  mustBeOneOf,
  mustBeSet,
  mustBeTrue,
  pass,
  tfRule,
  fail,
} from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
const EC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/";
const DDB = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/";
const RS = "https://docs.aws.amazon.com/redshift/latest/mgmt/";

/** AWS DynamoDB, DAX, ElastiCache, Redshift, DocumentDB and Neptune rules (OpenSearch: aws-opensearch-rules.ts). */
export const awsDataRules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-DDB-001",
      title: "DynamoDB point-in-time recovery is disabled",
      severity: "medium",
      types: ["aws_dynamodb_table"],
      description: "Point-in-time recovery restores tables after accidental writes or deletes.",
      remediation: "Add point_in_time_recovery { enabled = true }.",
      references: [DDB + "PointInTimeRecovery.html"],
      checkov: ["CKV_AWS_28"],
      trivy: ["AVD-AWS-0024"],
    },
    mustBeTrue("point_in_time_recovery.enabled", "point-in-time recovery is not enabled"),
  ),
  aws(
    {
      id: "AWS-DDB-002",
      title: "DynamoDB table is not encrypted with a customer managed key",
      severity: "low",
      types: ["aws_dynamodb_table"],
      description:
        "Tables use an AWS owned key unless server_side_encryption names a customer managed one.",
      remediation: "Add server_side_encryption { enabled = true, kms_key_arn = … }.",
      references: [DDB + "EncryptionAtRest.html"],
      checkov: ["CKV_AWS_119"],
      trivy: ["AVD-AWS-0025"],
    },
    (r) => {
      const enabled = mustBeTrue(
        "server_side_encryption.enabled",
        "server-side encryption with a KMS key is not enabled",
      )(r);
      if (enabled.kind !== "pass") return enabled;
      // Without kms_key_arn, enabled = true uses the AWS managed key aws/dynamodb.
      return mustBeSet(
        "server_side_encryption.kms_key_arn",
        "server_side_encryption names no customer managed key (kms_key_arn)",
      )(r);
    },
  ),
  aws(
    {
      id: "AWS-DDB-003",
      title: "DAX cluster is not encrypted at rest",
      severity: "high",
      types: ["aws_dax_cluster"],
      description: "DAX caches table data; it is unencrypted by default.",
      remediation: "Add server_side_encryption { enabled = true }.",
      references: [DDB + "DAXEncryptionAtRest.html"],
      checkov: ["CKV_AWS_47"],
      trivy: ["AVD-AWS-0023"],
    },
    mustBeTrue("server_side_encryption.enabled", "DAX encryption at rest is not enabled"),
  ),
  aws(
    {
      id: "AWS-DDB-004",
      title: "DAX cluster endpoint does not use TLS",
      severity: "medium",
      types: ["aws_dax_cluster"],
      description: "Without TLS, cached data crosses the network in clear text.",
      remediation: 'Set cluster_endpoint_encryption_type = "TLS".',
      references: [DDB + "DAXEncryptionInTransit.html"],
      checkov: ["CKV_AWS_239"],
    },
    mustBeOneOf("cluster_endpoint_encryption_type", ["TLS"], "cluster endpoint does not use TLS"),
  ),
  aws(
    {
      id: "AWS-EC-001",
      title: "ElastiCache replication group has no encryption in transit",
      severity: "high",
      types: ["aws_elasticache_replication_group"],
      description: "Redis traffic, including AUTH tokens, crosses the network in clear text.",
      remediation: "Set transit_encryption_enabled = true.",
      references: [EC + "in-transit-encryption.html"],
      checkov: ["CKV_AWS_30"],
      trivy: ["AVD-AWS-0051"],
    },
    mustBeTrue("transit_encryption_enabled", "transit encryption is not enabled"),
  ),
  aws(
    {
      id: "AWS-EC-002",
      title: "ElastiCache replication group has no encryption at rest",
      severity: "high",
      types: ["aws_elasticache_replication_group"],
      description: "Cached data and backups are stored unencrypted.",
      remediation: "Set at_rest_encryption_enabled = true.",
      references: [EC + "at-rest-encryption.html"],
      checkov: ["CKV_AWS_29"],
      trivy: ["AVD-AWS-0045"],
    },
    mustBeTrue("at_rest_encryption_enabled", "at-rest encryption is not enabled"),
  ),
  aws(
    {
      id: "AWS-EC-003",
      title: "ElastiCache Redis cluster has no automatic backups",
      severity: "medium",
      types: ["aws_elasticache_cluster"],
      description: "Snapshots are needed to restore Redis data.",
      remediation: "Set snapshot_retention_limit to at least 1.",
      references: [EC + "backups-automatic.html"],
      checkov: ["CKV_AWS_134"],
      trivy: ["AVD-AWS-0050"],
    },
    (r) =>
      attr(r, "engine") === "memcached"
        ? pass()
        : atLeastNum("snapshot_retention_limit", 1, "snapshot_retention_limit is 0 or unset")(r),
  ),
  aws(
    {
      id: "AWS-EC-004",
      title: "ElastiCache replication group is not encrypted with a customer managed key",
      severity: "low",
      types: ["aws_elasticache_replication_group"],
      description: "A customer managed key keeps control of who can decrypt backups.",
      remediation: "Set kms_key_id to a customer managed KMS key.",
      references: [EC + "at-rest-encryption.html"],
      checkov: ["CKV_AWS_191"],
    },
    mustBeSet("kms_key_id", "kms_key_id is not set"),
  ),
  aws(
    {
      id: "AWS-RS-001",
      title: "Redshift cluster is not encrypted",
      severity: "high",
      types: ["aws_redshift_cluster"],
      description: "Unencrypted warehouses expose data and snapshots at rest.",
      remediation: "Set encrypted = true and kms_key_id.",
      references: [RS + "working-with-db-encryption.html"],
      checkov: ["CKV_AWS_64"],
      trivy: ["AVD-AWS-0084"],
    },
    mustBeTrue("encrypted", "cluster is not encrypted"),
  ),
  aws(
    {
      id: "AWS-RS-002",
      title: "Redshift cluster is publicly accessible",
      severity: "critical",
      types: ["aws_redshift_cluster"],
      description: "A public cluster endpoint is reachable from the internet.",
      remediation: "Set publicly_accessible = false.",
      references: [RS + "managing-clusters-vpc.html"],
      checkov: ["CKV_AWS_87"],
    },
    (r) =>
      expect(
        r,
        "publicly_accessible",
        (v) => v === false || v === "false",
        "fail",
        "cluster is publicly accessible (the default is true)",
      ),
  ),
  aws(
    {
      id: "AWS-RS-003",
      title: "Redshift audit logging is disabled",
      severity: "medium",
      types: ["aws_redshift_cluster"],
      description: "Audit logs record connections and queries.",
      remediation:
        "Add logging { enable = true, bucket_name = … } or an aws_redshift_logging resource.",
      references: [RS + "db-auditing.html"],
      checkov: ["CKV_AWS_71"],
    },
    (r) =>
      r.scan.byType("aws_redshift_logging").length
        ? pass()
        : mustBeTrue("logging.enable", "audit logging is not enabled")(r),
  ),
  aws(
    {
      id: "AWS-RS-004",
      title: "Redshift enhanced VPC routing is disabled",
      severity: "low",
      types: ["aws_redshift_cluster"],
      description:
        "Enhanced VPC routing keeps COPY/UNLOAD traffic inside the VPC where it can be controlled and logged.",
      remediation: "Set enhanced_vpc_routing = true.",
      references: [RS + "enhanced-vpc-routing.html"],
      checkov: ["CKV_AWS_321"],
    },
    mustBeTrue("enhanced_vpc_routing", "enhanced_vpc_routing is not true"),
  ),
  aws(
    {
      id: "AWS-RS-005",
      title: "Redshift cluster is not deployed in a VPC subnet group",
      severity: "medium",
      types: ["aws_redshift_cluster"],
      description: "Clusters outside a VPC (EC2-Classic) lack network isolation.",
      remediation: "Set cluster_subnet_group_name.",
      references: [RS + "managing-clusters-vpc.html"],
      checkov: ["CKV_AWS_154"],
      trivy: ["AVD-AWS-0127"],
    },
    mustBeSet("cluster_subnet_group_name", "cluster_subnet_group_name is not set"),
  ),
  aws(
    {
      id: "AWS-RS-006",
      title: "Redshift parameter group does not require SSL",
      severity: "medium",
      types: ["aws_redshift_parameter_group"],
      description: "Without require_ssl, clients may connect without TLS.",
      remediation: 'Add parameter { name = "require_ssl", value = "true" }.',
      references: [RS + "connecting-ssl-support.html"],
      checkov: ["CKV_AWS_105"],
    },
    (r) => {
      const params = Array.isArray(r.values.parameter) ? r.values.parameter : [];
      const p = params.find(
        (x) =>
          typeof x === "object" &&
          x !== null &&
          !Array.isArray(x) &&
          (x as Record<string, unknown>).name === "require_ssl",
      ) as Record<string, Value> | undefined;
      return p && text(p.value) === "true"
        ? pass()
        : fail(r, "parameter", "require_ssl is not true");
    },
  ),
  aws(
    {
      id: "AWS-DOCDB-001",
      title: "DocumentDB cluster storage is not encrypted",
      severity: "high",
      types: ["aws_docdb_cluster"],
      description: "DocumentDB storage is unencrypted unless requested.",
      remediation: "Set storage_encrypted = true.",
      references: [
        "https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html",
      ],
      checkov: ["CKV_AWS_74"],
      trivy: ["AVD-AWS-0021"],
    },
    mustBeTrue("storage_encrypted", "storage_encrypted is not true"),
  ),
  aws(
    {
      id: "AWS-DOCDB-002",
      title: "DocumentDB does not export audit logs",
      severity: "medium",
      types: ["aws_docdb_cluster"],
      description:
        "Audit logs record authentication and DDL events. (Profiler logs record slow operations: useful, but not a security control.)",
      remediation: 'Set enabled_cloudwatch_logs_exports = ["audit"] (or ["audit", "profiler"]).',
      references: [
        "https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html",
      ],
      checkov: ["CKV_AWS_85"],
      trivy: ["AVD-AWS-0020"],
    },
    (r) =>
      expect(
        r,
        "enabled_cloudwatch_logs_exports",
        (v) => Array.isArray(v) && v.includes("audit"),
        "fail",
        "audit logs are not exported",
      ),
  ),
  aws(
    {
      id: "AWS-DOCDB-003",
      title: "DocumentDB backup retention is shorter than 7 days",
      severity: "low",
      types: ["aws_docdb_cluster"],
      description: "Short retention limits recovery after incidents.",
      remediation: "Set backup_retention_period to 7 or more.",
      references: [
        "https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore.html",
      ],
      checkov: ["CKV_AWS_360"],
    },
    atLeastNum("backup_retention_period", 7, "backup_retention_period is below 7"),
  ),
  aws(
    {
      id: "AWS-NEP-001",
      title: "Neptune cluster storage is not encrypted",
      severity: "high",
      types: ["aws_neptune_cluster"],
      description: "Neptune storage is unencrypted unless requested.",
      remediation: "Set storage_encrypted = true.",
      references: ["https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html"],
      checkov: ["CKV_AWS_44"],
      trivy: ["AVD-AWS-0076"],
    },
    mustBeTrue("storage_encrypted", "storage_encrypted is not true"),
  ),
  aws(
    {
      id: "AWS-NEP-002",
      title: "Neptune cluster does not export audit logs",
      severity: "medium",
      types: ["aws_neptune_cluster"],
      description: "Audit logs record queries and connections.",
      remediation: 'Set enable_cloudwatch_logs_exports = ["audit"].',
      references: ["https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html"],
      checkov: ["CKV_AWS_101"],
      trivy: ["AVD-AWS-0075"],
    },
    (r) =>
      expect(
        r,
        "enable_cloudwatch_logs_exports",
        (v) => Array.isArray(v) && v.includes("audit"),
        "fail",
        "audit logs are not exported",
      ),
  ),
  aws(
    {
      id: "AWS-NEP-003",
      title: "Neptune IAM database authentication is disabled",
      severity: "medium",
      types: ["aws_neptune_cluster"],
      description: "IAM authentication gives per-identity, revocable access.",
      remediation: "Set iam_database_authentication_enabled = true.",
      references: ["https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html"],
      checkov: ["CKV_AWS_359"],
    },
    mustBeTrue("iam_database_authentication_enabled", "IAM authentication is not enabled"),
  ),
];
