import type { RuleOutcome, Severity } from "@infrasec/core";
import type { ReviewProvider, ReviewRule } from "../review-types";
import { isObject } from "../terraform/eval/values";
import type { Value } from "../terraform/eval/values";
import type { PlanChange } from "./plan-types";

/** A change-aware rule over a plan's resource changes. */
export type PlanRule = ReviewRule<PlanChange>;

/** Authoring form of a plan rule. */
export interface PlanRuleSpec {
  id: string;
  title: string;
  severity: Severity;
  provider?: ReviewProvider;
  types?: readonly string[];
  description: string;
  remediation: string;
  references?: readonly string[];
}

const PLAN_DOC = "https://developer.hashicorp.com/terraform/internals/json-format";

/** Build a plan rule. */
export function planRule(
  spec: PlanRuleSpec,
  check: (c: PlanChange) => RuleOutcome | readonly RuleOutcome[],
): PlanRule {
  return {
    meta: {
      id: spec.id,
      title: spec.title,
      severity: spec.severity,
      description: spec.description,
      remediation: spec.remediation,
      references: [...(spec.references ?? []), PLAN_DOC],
      frameworks: [],
      provider: spec.provider ?? "generic",
      framework: "plan",
      equivalents: { checkov: [], trivy: [] },
    },
    appliesTo: spec.types ?? [],
    check,
  };
}

/** Failing outcome for a change, located at the plan entry. */
export function changeFail(c: PlanChange, message: string, attributePath?: string): RuleOutcome {
  return {
    kind: "fail",
    message,
    attributePath,
    location: { file: c.file, startLine: c.line, endLine: c.line },
  };
}

/** True when the change destroys the existing object (delete or replace). */
export const deletes = (c: PlanChange): boolean => c.actions.includes("delete");
/** True for a replace (delete + create in either order). */
export const replaces = (c: PlanChange): boolean =>
  c.actions.includes("delete") && c.actions.includes("create");
/** True for an in-place update or replace, where before and after both exist. */
export const updates = (c: PlanChange): boolean => c.before !== null && c.after !== null;

/** Value at a dotted path, entering lists at their first element (plan nested blocks are lists). */
export function at(v: Value | undefined, path: string): Value | undefined {
  let cur = v;
  for (const seg of path.split(".")) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(seg) ? cur[Number(seg)] : cur[0];
    if (Array.isArray(cur)) cur = cur[0];
    if (!isObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** True when `after_unknown` marks the path (or a parent) as known only after apply. */
export function unknownAfter(c: PlanChange, path: string): boolean {
  let cur: Value | undefined = c.afterUnknown ?? undefined;
  for (const seg of path.split(".")) {
    if (cur === true) return true;
    if (Array.isArray(cur)) cur = cur[0];
    if (!isObject(cur)) return false;
    cur = cur[seg];
  }
  return cur === true;
}

/** All strings anywhere inside a value whose key is one of `keys` (deep). */
export function collectStrings(
  v: Value | undefined,
  keys: ReadonlySet<string>,
  out: string[] = [],
  key = "",
): string[] {
  if (typeof v === "string" && keys.has(key)) out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, keys, out, key);
  else if (isObject(v)) for (const k of Object.keys(v)) collectStrings(v[k], keys, out, k);
  return out;
}

/** Resource types that hold data or keys: destroying them loses state. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_s3_bucket",
  "aws_dynamodb_table",
  "aws_ebs_volume",
  "aws_efs_file_system",
  "aws_kms_key",
  "aws_elasticache_cluster",
  "aws_elasticache_replication_group",
  "aws_redshift_cluster",
  "aws_docdb_cluster",
  "aws_neptune_cluster",
  "aws_opensearch_domain",
  "aws_elasticsearch_domain",
  "aws_secretsmanager_secret",
  "aws_backup_vault",
  "aws_kinesis_stream",
  "aws_sqs_queue",
  "aws_ecr_repository",
  "aws_fsx_lustre_file_system",
  "aws_fsx_windows_file_system",
  "aws_memorydb_cluster",
  "aws_msk_cluster",
  "aws_qldb_ledger",
  "aws_timestreamwrite_table",
  "google_sql_database_instance",
  "google_sql_database",
  "google_storage_bucket",
  "google_compute_disk",
  "google_kms_crypto_key",
  "google_kms_key_ring",
  "google_bigquery_dataset",
  "google_bigquery_table",
  "google_spanner_instance",
  "google_spanner_database",
  "google_bigtable_instance",
  "google_redis_instance",
  "google_filestore_instance",
  "google_secret_manager_secret",
  "google_pubsub_topic",
  "azurerm_storage_account",
  "azurerm_mssql_server",
  "azurerm_mssql_database",
  "azurerm_postgresql_server",
  "azurerm_postgresql_flexible_server",
  "azurerm_mysql_flexible_server",
  "azurerm_key_vault",
  "azurerm_key_vault_key",
  "azurerm_managed_disk",
  "azurerm_cosmosdb_account",
  "azurerm_redis_cache",
]);

export const DELETION_FLAGS = [
  "deletion_protection",
  "deletion_protection_enabled",
  "purge_protection_enabled",
  "prevent_destroy",
  "termination_protection",
  "disable_api_termination",
  "enable_deletion_protection",
];
export const ENCRYPTION_FLAGS = [
  "storage_encrypted",
  "encrypted",
  "at_rest_encryption_enabled",
  "transit_encryption_enabled",
  "encrypt_at_rest.enabled",
  "server_side_encryption.enabled",
  "node_to_node_encryption.enabled",
  "infrastructure_encryption_enabled",
];
export const KEY_FIELDS = [
  "kms_key_id",
  "kms_key_arn",
  "kms_master_key_id",
  "encryption_key",
  "customer_managed_key",
  "kms_key_name",
  "default_kms_key_name",
];
export const CIDR_KEYS = new Set([
  "cidr_blocks",
  "ipv6_cidr_blocks",
  "cidr_ipv4",
  "cidr_ipv6",
  "cidr_block",
  "source_ranges",
  "source_address_prefix",
  "source_address_prefixes",
  "destination_ranges",
  "authorized_networks",
  "value",
  "ip_range",
  "start_ip_address",
]);
export const WORLD = new Set(["0.0.0.0/0", "::/0", "*", "Internet", "0.0.0.0"]);
export const RETENTION = [
  "backup_retention_period",
  "snapshot_retention_limit",
  "backup_retention_days",
  "retention_in_days",
  "retention_period",
  "transaction_log_retention_days",
];
export const TLS_FIELDS = [
  "ssl_policy",
  "minimum_protocol_version",
  "viewer_certificate.minimum_protocol_version",
  "min_tls_version",
  "minimum_tls_version",
  "tls_security_policy",
  "domain_endpoint_options.tls_security_policy",
  "security_policy",
  "tls_version",
  "site_config.minimum_tls_version",
];
