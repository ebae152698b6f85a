variable "public_db" {}

resource "aws_db_instance" "AWS-RDS-001-pass" { storage_encrypted = true }
resource "aws_db_instance" "AWS-RDS-001-fail" { engine = "mysql" }
resource "aws_db_instance" "AWS-RDS-002-pass" { publicly_accessible = false }
resource "aws_db_instance" "AWS-RDS-002-fail" { publicly_accessible = true }
resource "aws_db_instance" "AWS-RDS-002-unknown" { publicly_accessible = var.public_db }
resource "aws_db_instance" "AWS-RDS-003-pass" { backup_retention_period = 7 }
resource "aws_db_instance" "AWS-RDS-003-fail" { backup_retention_period = 0 }
# Unset keeps RDS's default of one day of backups.
resource "aws_db_instance" "AWS-RDS-003-pass-default" { engine = "postgres" }
resource "aws_rds_cluster" "AWS-RDS-003-fail-out-of-range" { backup_retention_period = 36 }
resource "aws_db_instance" "AWS-RDS-004-pass" {
  engine                              = "postgres"
  iam_database_authentication_enabled = true
}
resource "aws_db_instance" "AWS-RDS-004-fail" { engine = "mysql" }
resource "aws_db_instance" "AWS-RDS-005-pass" { deletion_protection = true }
resource "aws_db_instance" "AWS-RDS-005-fail" { deletion_protection = false }
resource "aws_db_instance" "AWS-RDS-006-pass" { multi_az = true }
resource "aws_db_instance" "AWS-RDS-006-fail" { multi_az = false }
resource "aws_db_instance" "AWS-RDS-007-pass" { engine = "mysql" }
resource "aws_rds_cluster_instance" "AWS-RDS-007-fail" { auto_minor_version_upgrade = false }
resource "aws_db_instance" "AWS-RDS-008-pass" { enabled_cloudwatch_logs_exports = ["postgresql"] }
resource "aws_db_instance" "AWS-RDS-008-fail" { engine = "postgres" }
resource "aws_db_instance" "AWS-RDS-009-pass" { performance_insights_enabled = true }
resource "aws_db_instance" "AWS-RDS-009-fail" { engine = "postgres" }
resource "aws_db_instance" "AWS-RDS-010-pass" {
  performance_insights_enabled    = true
  performance_insights_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/k"
}
resource "aws_db_instance" "AWS-RDS-010-fail" { performance_insights_enabled = true }
resource "aws_rds_cluster" "AWS-RDS-011-pass" { storage_encrypted = true }
resource "aws_rds_cluster" "AWS-RDS-011-fail" { engine = "aurora-mysql" }
resource "aws_rds_cluster" "AWS-RDS-012-pass" { iam_database_authentication_enabled = true }
resource "aws_rds_cluster" "AWS-RDS-012-fail" { engine = "aurora-mysql" }
resource "aws_rds_cluster" "AWS-RDS-013-pass" { deletion_protection = true }
resource "aws_rds_cluster" "AWS-RDS-013-fail" { engine = "aurora-mysql" }
resource "aws_rds_cluster" "AWS-RDS-014-pass" { enabled_cloudwatch_logs_exports = ["audit"] }
resource "aws_rds_cluster" "AWS-RDS-014-fail" { enabled_cloudwatch_logs_exports = [] }
resource "aws_rds_cluster" "AWS-RDS-015-pass" { copy_tags_to_snapshot = true }
resource "aws_rds_cluster" "AWS-RDS-015-fail" { engine = "aurora-mysql" }
resource "aws_db_snapshot" "AWS-RDS-016-pass" {
  db_instance_identifier = "db"
  db_snapshot_identifier = "s"
}
resource "aws_db_snapshot" "AWS-RDS-016-fail" {
  db_instance_identifier = "db"
  db_snapshot_identifier = "s"
  shared_accounts        = ["all"]
}
resource "aws_db_instance" "AWS-RDS-017-pass" { ca_cert_identifier = "rds-ca-rsa2048-g1" }
resource "aws_db_instance" "AWS-RDS-017-fail" { ca_cert_identifier = "rds-ca-2019" }
resource "aws_rds_cluster" "AWS-RDS-018-pass" { kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/k" }
resource "aws_rds_cluster" "AWS-RDS-018-fail" { storage_encrypted = true }
resource "aws_db_security_group" "AWS-RDS-019-fail" {
  name = "classic"
  ingress { cidr = "0.0.0.0/0" }
}
resource "aws_db_security_group" "AWS-RDS-019-pass" {
  name = "classic"
  ingress { cidr = "10.0.0.0/8" }
}
resource "aws_dynamodb_table" "AWS-DDB-001-pass" {
  name = "t"
  point_in_time_recovery { enabled = true }
}
resource "aws_dynamodb_table" "AWS-DDB-001-fail" { name = "t" }
resource "aws_dynamodb_table" "AWS-DDB-002-pass" {
  name = "t"
  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/k"
  }
}
resource "aws_dynamodb_table" "AWS-DDB-002-fail" { name = "t" }
# enabled without kms_key_arn uses the AWS managed key.
resource "aws_dynamodb_table" "AWS-DDB-002-fail-aws-managed" {
  name = "t"
  server_side_encryption { enabled = true }
}
resource "aws_dax_cluster" "AWS-DDB-003-pass" {
  server_side_encryption { enabled = true }
}
resource "aws_dax_cluster" "AWS-DDB-003-fail" { cluster_name = "d" }
resource "aws_dax_cluster" "AWS-DDB-004-pass" { cluster_endpoint_encryption_type = "TLS" }
resource "aws_dax_cluster" "AWS-DDB-004-fail" { cluster_endpoint_encryption_type = "NONE" }
resource "aws_elasticache_replication_group" "AWS-EC-001-pass" { transit_encryption_enabled = true }
resource "aws_elasticache_replication_group" "AWS-EC-001-fail" { description = "r" }
resource "aws_elasticache_replication_group" "AWS-EC-002-pass" { at_rest_encryption_enabled = true }
resource "aws_elasticache_replication_group" "AWS-EC-002-fail" { at_rest_encryption_enabled = false }
resource "aws_elasticache_cluster" "AWS-EC-003-pass" {
  engine                   = "redis"
  snapshot_retention_limit = 5
}
resource "aws_elasticache_cluster" "AWS-EC-003-fail" { engine = "redis" }
resource "aws_elasticache_replication_group" "AWS-EC-004-pass" { kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/k" }
resource "aws_elasticache_replication_group" "AWS-EC-004-fail" { description = "r" }
resource "aws_redshift_cluster" "AWS-RS-001-pass" { encrypted = true }
resource "aws_redshift_cluster" "AWS-RS-001-fail" { cluster_identifier = "c" }
resource "aws_redshift_cluster" "AWS-RS-002-pass" { publicly_accessible = false }
resource "aws_redshift_cluster" "AWS-RS-002-fail" { cluster_identifier = "c" }
resource "aws_redshift_cluster" "AWS-RS-003-pass" {
  logging {
    enable      = true
    bucket_name = "logs"
  }
}
resource "aws_redshift_cluster" "AWS-RS-003-fail" { cluster_identifier = "c" }
resource "aws_redshift_cluster" "AWS-RS-004-pass" { enhanced_vpc_routing = true }
resource "aws_redshift_cluster" "AWS-RS-004-fail" { enhanced_vpc_routing = false }
resource "aws_redshift_cluster" "AWS-RS-005-pass" { cluster_subnet_group_name = "private" }
resource "aws_redshift_cluster" "AWS-RS-005-fail" { cluster_identifier = "c" }
resource "aws_redshift_parameter_group" "AWS-RS-006-pass" {
  name   = "p"
  family = "redshift-1.0"
  parameter {
    name  = "require_ssl"
    value = "true"
  }
}
resource "aws_redshift_parameter_group" "AWS-RS-006-fail" {
  name   = "p"
  family = "redshift-1.0"
  parameter {
    name  = "require_ssl"
    value = "false"
  }
}
resource "aws_docdb_cluster" "AWS-DOCDB-001-pass" { storage_encrypted = true }
resource "aws_docdb_cluster" "AWS-DOCDB-001-fail" { storage_encrypted = false }
resource "aws_docdb_cluster" "AWS-DOCDB-002-pass" { enabled_cloudwatch_logs_exports = ["audit", "profiler"] }
resource "aws_docdb_cluster" "AWS-DOCDB-002-pass-audit-only" { enabled_cloudwatch_logs_exports = ["audit"] }
resource "aws_docdb_cluster" "AWS-DOCDB-002-fail" { enabled_cloudwatch_logs_exports = ["profiler"] }
resource "aws_docdb_cluster" "AWS-DOCDB-003-pass" { backup_retention_period = 14 }
resource "aws_docdb_cluster" "AWS-DOCDB-003-fail" { backup_retention_period = 1 }
resource "aws_neptune_cluster" "AWS-NEP-001-pass" { storage_encrypted = true }
resource "aws_neptune_cluster" "AWS-NEP-001-fail" { cluster_identifier = "n" }
resource "aws_neptune_cluster" "AWS-NEP-002-pass" { enable_cloudwatch_logs_exports = ["audit"] }
resource "aws_neptune_cluster" "AWS-NEP-002-fail" { cluster_identifier = "n" }
resource "aws_neptune_cluster" "AWS-NEP-003-pass" { iam_database_authentication_enabled = true }
resource "aws_neptune_cluster" "AWS-NEP-003-fail" { cluster_identifier = "n" }
resource "aws_elasticsearch_domain" "AWS-ES-001-pass" {
  encrypt_at_rest { enabled = true }
}
resource "aws_opensearch_domain" "AWS-ES-001-fail" { domain_name = "d" }
resource "aws_opensearch_domain" "AWS-ES-002-pass" {
  node_to_node_encryption { enabled = true }
}
resource "aws_opensearch_domain" "AWS-ES-002-fail" {
  cluster_config { instance_count = 3 }
  node_to_node_encryption { enabled = false }
}
# One node, no dedicated masters: there is no traffic between nodes.
resource "aws_opensearch_domain" "AWS-ES-002-pass-single-node" { domain_name = "one" }
resource "aws_opensearch_domain" "AWS-ES-002-fail-masters" {
  cluster_config { dedicated_master_enabled = true }
}
resource "aws_opensearch_domain" "AWS-ES-003-pass" {
  domain_endpoint_options { enforce_https = true }
}
resource "aws_opensearch_domain" "AWS-ES-003-pass-default" { domain_name = "d" }
resource "aws_opensearch_domain" "AWS-ES-003-fail" {
  domain_endpoint_options { enforce_https = false }
}
resource "aws_opensearch_domain" "AWS-ES-004-pass" {
  domain_endpoint_options { tls_security_policy = "Policy-Min-TLS-1-2-2019-07" }
}
resource "aws_opensearch_domain" "AWS-ES-004-fail" {
  domain_endpoint_options { tls_security_policy = "Policy-Min-TLS-1-0-2019-07" }
}
resource "aws_opensearch_domain" "AWS-ES-005-pass" {
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn"
  }
}
resource "aws_opensearch_domain" "AWS-ES-005-fail" {
  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = "arn"
  }
}
resource "aws_opensearch_domain" "AWS-ES-006-pass" {
  vpc_options { subnet_ids = ["s-1"] }
}
resource "aws_opensearch_domain" "AWS-ES-006-fail" { domain_name = "d" }
resource "aws_opensearch_domain" "AWS-ES-007-pass" {
  cluster_config {
    dedicated_master_enabled = true
    dedicated_master_count   = 3
  }
}
resource "aws_opensearch_domain" "AWS-ES-007-fail" {
  cluster_config {
    dedicated_master_enabled = true
    dedicated_master_count   = 2
  }
}
