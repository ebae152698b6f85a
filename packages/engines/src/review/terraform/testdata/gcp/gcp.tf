variable "ranges" {}

resource "google_storage_bucket" "GCP-GCS-001-pass" { uniform_bucket_level_access = true }
resource "google_storage_bucket" "GCP-GCS-001-fail" { name = "b" }
resource "google_storage_bucket" "GCP-GCS-002-pass" { public_access_prevention = "enforced" }
resource "google_storage_bucket" "GCP-GCS-002-fail" { public_access_prevention = "inherited" }
resource "google_storage_bucket" "GCP-GCS-003-pass" {
  versioning { enabled = true }
}
resource "google_storage_bucket" "GCP-GCS-003-fail" { name = "b" }
resource "google_storage_bucket" "GCP-GCS-004-pass" {
  logging { log_bucket = "logs" }
}
resource "google_storage_bucket" "GCP-GCS-004-fail" { name = "b" }
resource "google_storage_bucket_iam_member" "GCP-GCS-005-pass" {
  bucket = "b"
  role   = "roles/storage.objectViewer"
  member = "group:team@example.com"
}
resource "google_storage_bucket_iam_binding" "GCP-GCS-005-fail" {
  bucket  = "b"
  role    = "roles/storage.objectViewer"
  members = ["allUsers"]
}
resource "google_storage_bucket" "GCP-GCS-006-pass" {
  encryption { default_kms_key_name = "projects/p/locations/l/keyRings/r/cryptoKeys/k" }
}
resource "google_storage_bucket" "GCP-GCS-006-fail" { name = "b" }
resource "google_storage_bucket" "GCP-GCS-007-pass" {
  name = "b"
  logging { log_bucket = "logs" }
}
resource "google_storage_bucket" "GCP-GCS-007-fail" {
  name = "b"
  logging { log_bucket = "b" }
}
resource "google_storage_bucket" "GCP-GCS-008-pass" {
  lifecycle_rule {
    condition { age = 30 }
    action { type = "Delete" }
  }
}
resource "google_storage_bucket" "GCP-GCS-008-fail" { name = "b" }

resource "google_compute_firewall" "GCP-GCE-001-pass" {
  source_ranges = ["10.0.0.0/8"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_firewall" "GCP-GCE-001-fail" {
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["20-25"]
  }
}
resource "google_compute_firewall" "GCP-GCE-001-unknown" {
  source_ranges = var.ranges
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_firewall" "GCP-GCE-002-pass" {
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}
resource "google_compute_firewall" "GCP-GCE-002-fail" {
  source_ranges = ["0.0.0.0/0"]
  allow { protocol = "all" }
}
resource "google_compute_firewall" "GCP-GCE-003-pass" {
  direction     = "EGRESS"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
}
resource "google_compute_firewall" "GCP-GCE-003-fail" {
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["80", "443"]
  }
}
resource "google_compute_firewall" "GCP-GCE-004-pass" {
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["3307"]
  }
}
resource "google_compute_firewall" "GCP-GCE-004-fail" {
  source_ranges = ["0.0.0.0/0"]
  allow { protocol = "tcp" }
}
resource "google_compute_firewall" "GCP-GCE-005-pass" {
  source_ranges = ["0.0.0.0/0"]
  disabled      = true
  allow {
    protocol = "tcp"
    ports    = ["21"]
  }
}
resource "google_compute_firewall" "GCP-GCE-005-fail" {
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["21"]
  }
}
resource "google_compute_firewall" "GCP-GCE-005-fail-data-port" {
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = [20]
  }
}
resource "google_compute_instance" "GCP-GCE-006-pass" {
  network_interface { network = "default" }
}
resource "google_compute_instance" "GCP-GCE-006-fail" {
  network_interface {
    network = "default"
    access_config {}
  }
}
resource "google_compute_instance" "GCP-GCE-007-pass" {
  service_account { email = "app@p.iam.gserviceaccount.com" }
}
resource "google_compute_instance" "GCP-GCE-007-fail" {
  service_account { email = "123-compute@developer.gserviceaccount.com" }
}
resource "google_compute_instance_from_template" "GCP-GCE-007-fail-from-template" {
  source_instance_template = "projects/p/global/instanceTemplates/t"
  service_account { email = "123-compute@developer.gserviceaccount.com" }
}
resource "google_compute_instance_from_template" "GCP-GCE-007-pass-inherits" {
  source_instance_template = "projects/p/global/instanceTemplates/t"
}
resource "google_compute_instance" "GCP-GCE-008-pass" {
  service_account {
    email  = "app@p.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }
}
resource "google_compute_instance" "GCP-GCE-008-fail" {
  service_account {
    email  = "123-compute@developer.gserviceaccount.com"
    scopes = ["https://www.googleapis.com/auth/cloud-platform"]
  }
}
resource "google_compute_instance" "GCP-GCE-009-pass" {
  metadata = { block-project-ssh-keys = "true" }
}
resource "google_compute_instance" "GCP-GCE-009-fail" { name = "i" }
resource "google_compute_instance" "GCP-GCE-009-pass-upper-case" {
  metadata = { block-project-ssh-keys = "TRUE" }
}
resource "google_compute_instance_from_template" "GCP-GCE-009-fail-from-template" {
  source_instance_template = "projects/p/global/instanceTemplates/t"
  metadata = { block-project-ssh-keys = false }
}
resource "google_compute_instance_from_template" "GCP-GCE-009-pass-inherits" {
  source_instance_template = "projects/p/global/instanceTemplates/t"
}
resource "google_compute_instance" "GCP-GCE-010-pass" { name = "i" }
resource "google_compute_instance" "GCP-GCE-010-fail" {
  metadata = { serial-port-enable = "true" }
}
resource "google_compute_instance" "GCP-GCE-011-pass" { can_ip_forward = false }
resource "google_compute_instance" "GCP-GCE-011-fail" { can_ip_forward = true }
resource "google_compute_instance" "GCP-GCE-012-pass" {
  shielded_instance_config {
    enable_secure_boot = true
  }
}
resource "google_compute_instance" "GCP-GCE-012-fail" {
  shielded_instance_config {
    enable_secure_boot          = true
    enable_integrity_monitoring = false
  }
}
resource "google_compute_project_metadata" "GCP-GCE-013-pass" {
  metadata = { enable-oslogin = "TRUE" }
}
resource "google_compute_project_metadata_item" "GCP-GCE-013-fail" {
  key   = "enable-oslogin"
  value = "FALSE"
}
resource "google_compute_disk" "GCP-GCE-014-pass" {
  disk_encryption_key { kms_key_self_link = "projects/p/locations/l/keyRings/r/cryptoKeys/k" }
}
resource "google_compute_disk" "GCP-GCE-014-fail" { name = "d" }
resource "google_compute_subnetwork" "GCP-GCE-015-pass" {
  log_config { aggregation_interval = "INTERVAL_5_SEC" }
}
resource "google_compute_subnetwork" "GCP-GCE-015-fail" { ip_cidr_range = "10.0.0.0/24" }
resource "google_compute_subnetwork" "GCP-GCE-016-pass" { private_ip_google_access = true }
resource "google_compute_subnetwork" "GCP-GCE-016-fail" { ip_cidr_range = "10.0.0.0/24" }
resource "google_compute_ssl_policy" "GCP-GCE-017-pass" { min_tls_version = "TLS_1_2" }
resource "google_compute_ssl_policy" "GCP-GCE-017-fail" { min_tls_version = "TLS_1_0" }
resource "google_project" "GCP-GCE-018-pass" { auto_create_network = false }
resource "google_project" "GCP-GCE-018-fail" { name = "p" }

resource "google_container_cluster" "GCP-GKE-001-pass" { enable_legacy_abac = false }
resource "google_container_cluster" "GCP-GKE-001-fail" { enable_legacy_abac = true }
resource "google_container_cluster" "GCP-GKE-002-pass" {
  master_authorized_networks_config {
    cidr_blocks { cidr_block = "10.0.0.0/8" }
  }
}
resource "google_container_cluster" "GCP-GKE-002-fail" { name = "c" }
resource "google_container_cluster" "GCP-GKE-003-pass" {
  network_policy { enabled = true }
}
resource "google_container_cluster" "GCP-GKE-003-fail" { name = "c" }
resource "google_container_cluster" "GCP-GKE-004-pass" {
  private_cluster_config { enable_private_nodes = true }
}
resource "google_container_cluster" "GCP-GKE-004-fail" { name = "c" }
resource "google_container_cluster" "GCP-GKE-005-pass" { name = "c" }
resource "google_container_cluster" "GCP-GKE-005-fail" { enable_shielded_nodes = false }
resource "google_container_cluster" "GCP-GKE-006-pass" { name = "c" }
resource "google_container_cluster" "GCP-GKE-006-fail" {
  master_auth {
    client_certificate_config { issue_client_certificate = true }
  }
}
resource "google_container_cluster" "GCP-GKE-007-pass" { name = "c" }
resource "google_container_cluster" "GCP-GKE-007-fail" { logging_service = "none" }
resource "google_container_node_pool" "GCP-GKE-008-pass" {
  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
resource "google_container_node_pool" "GCP-GKE-008-fail" {
  management { auto_upgrade = false }
}
resource "google_container_node_pool" "GCP-GKE-009-pass" {
  node_config {
    workload_metadata_config { mode = "GKE_METADATA" }
  }
}
resource "google_container_node_pool" "GCP-GKE-009-fail" {
  node_config {
    metadata = { disable-legacy-endpoints = "false" }
  }
}
resource "google_container_cluster" "GCP-GKE-009-pass-legacy-spelling" {
  node_config {
    workload_metadata_config { node_metadata = "GKE_METADATA_SERVER" }
  }
}
resource "google_container_cluster" "GCP-GKE-009-fail-default-pool" { name = "c" }
# Node pools of a cluster with Workload Identity get GKE_METADATA without setting it.
resource "google_container_cluster" "GCP-GKE-009-pass-workload-identity" {
  name = "wi"
  workload_identity_config { workload_pool = "p.svc.id.goog" }
}
resource "google_container_node_pool" "GCP-GKE-009-pass-inherits" {
  cluster = google_container_cluster.GCP-GKE-009-pass-workload-identity.name
}
resource "google_container_node_pool" "GCP-GKE-009-fail-gce-metadata" {
  node_config {
    workload_metadata_config { mode = "GCE_METADATA" }
  }
}
resource "google_container_cluster" "GCP-GKE-010-pass" {
  release_channel { channel = "REGULAR" }
}
resource "google_container_cluster" "GCP-GKE-010-fail" { name = "c" }
resource "google_container_cluster" "GCP-GKE-011-pass" {
  binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" }
}
resource "google_container_cluster" "GCP-GKE-011-fail" { name = "c" }

resource "google_sql_database_instance" "GCP-SQL-001-pass" {
  settings {
    ip_configuration {
      authorized_networks { value = "10.0.0.0/8" }
    }
  }
}
resource "google_sql_database_instance" "GCP-SQL-001-fail" {
  settings {
    ip_configuration {
      authorized_networks { value = "0.0.0.0/0" }
    }
  }
}
resource "google_sql_database_instance" "GCP-SQL-002-pass" {
  settings {
    ip_configuration { ssl_mode = "ENCRYPTED_ONLY" }
  }
}
resource "google_sql_database_instance" "GCP-SQL-002-fail" {
  settings {
    ip_configuration { ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED" }
  }
}
resource "google_sql_database_instance" "GCP-SQL-003-pass" {
  database_version = "POSTGRES_15"
  settings {
    backup_configuration { enabled = true }
  }
}
resource "google_sql_database_instance" "GCP-SQL-003-fail" {
  database_version = "POSTGRES_15"
  settings { tier = "db-f1-micro" }
}
resource "google_sql_database_instance" "GCP-SQL-004-pass" {
  settings {
    ip_configuration { ipv4_enabled = false }
  }
}
resource "google_sql_database_instance" "GCP-SQL-004-fail" {
  settings { tier = "db-f1-micro" }
}
resource "google_sql_database_instance" "GCP-SQL-005-pass" {
  database_version = "POSTGRES_15"
  settings {
    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}
resource "google_sql_database_instance" "GCP-SQL-005-fail" {
  database_version = "POSTGRES_15"
  settings { tier = "db-f1-micro" }
}
resource "google_sql_database_instance" "GCP-SQL-006-pass" {
  database_version = "MYSQL_8_0"
  settings { tier = "db-f1-micro" }
}
resource "google_sql_database_instance" "GCP-SQL-006-fail" {
  database_version = "POSTGRES_14"
  settings {
    database_flags {
      name  = "log_disconnections"
      value = "off"
    }
  }
}
resource "google_sql_database_instance" "GCP-SQL-007-pass" {
  database_version = "MYSQL_8_0"
  settings {
    database_flags {
      name  = "local_infile"
      value = "off"
    }
  }
}
# Unset: MySQL 8 starts with local_infile off, MySQL 5.7 with it on.
resource "google_sql_database_instance" "GCP-SQL-007-pass-mysql8-default" {
  database_version = "MYSQL_8_0"
  settings { tier = "db-n1-standard-1" }
}
resource "google_sql_database_instance" "GCP-SQL-007-fail-mysql57-default" {
  database_version = "MYSQL_5_7"
  settings { tier = "db-n1-standard-1" }
}
resource "google_sql_database_instance" "GCP-SQL-007-fail" {
  database_version = "MYSQL_8_0"
  settings {
    database_flags {
      name  = "local_infile"
      value = "on"
    }
  }
}
resource "google_sql_database_instance" "GCP-SQL-008-pass" { deletion_protection = true }
resource "google_sql_database_instance" "GCP-SQL-008-fail" { deletion_protection = false }

resource "google_project_iam_member" "GCP-IAM-001-pass" {
  role   = "roles/compute.viewer"
  member = "group:ops@example.com"
}
resource "google_project_iam_member" "GCP-IAM-001-fail" {
  role   = "roles/editor"
  member = "group:ops@example.com"
}
resource "google_project_iam_member" "GCP-IAM-002-pass" {
  role   = "roles/logging.viewer"
  member = "user:a@example.com"
}
resource "google_project_iam_binding" "GCP-IAM-002-fail" {
  role    = "roles/iam.serviceAccountUser"
  members = ["user:a@example.com"]
}
resource "google_project_iam_member" "GCP-IAM-003-pass" {
  role   = "roles/logging.logWriter"
  member = "serviceAccount:app@p.iam.gserviceaccount.com"
}
resource "google_project_iam_member" "GCP-IAM-003-fail" {
  role   = "roles/editor"
  member = "serviceAccount:123-compute@developer.gserviceaccount.com"
}
resource "google_pubsub_topic_iam_member" "GCP-IAM-004-pass" {
  topic  = "t"
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:app@p.iam.gserviceaccount.com"
}
resource "google_cloud_run_service_iam_member" "GCP-IAM-004-fail" {
  service = "s"
  role    = "roles/run.invoker"
  member  = "allUsers"
}
resource "google_cloudfunctions2_function_iam_binding" "GCP-IAM-004-fail-function-v2" {
  cloud_function = "f"
  role           = "roles/cloudfunctions.invoker"
  members        = ["user:a@example.com", "allUsers"]
}
resource "google_kms_crypto_key" "GCP-KMS-001-pass" { rotation_period = "7776000s" }
resource "google_kms_crypto_key" "GCP-KMS-001-fail" { rotation_period = "31536000s" }
resource "google_kms_crypto_key" "GCP-KMS-001-fail-not-a-duration" { rotation_period = 90 }
resource "google_kms_crypto_key" "GCP-KMS-002-pass" {
  lifecycle { prevent_destroy = true }
}
resource "google_kms_crypto_key" "GCP-KMS-002-fail" { name = "k" }
resource "google_bigquery_dataset" "GCP-BQ-001-pass" {
  access {
    role          = "READER"
    user_by_email = "a@example.com"
  }
}
resource "google_bigquery_dataset" "GCP-BQ-001-fail" {
  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}
resource "google_bigquery_dataset" "GCP-BQ-001-fail-iam-member" {
  access {
    role       = "READER"
    iam_member = "allAuthenticatedUsers"
  }
}
resource "google_bigquery_table" "GCP-BQ-002-pass" { table_id = "t" }
resource "google_bigquery_table" "GCP-BQ-002-fail" { deletion_protection = false }
resource "google_dns_managed_zone" "GCP-DNS-001-pass" {
  dnssec_config { state = "on" }
}
resource "google_dns_managed_zone" "GCP-DNS-001-fail" { dns_name = "example.com." }
resource "google_dns_managed_zone" "GCP-DNS-002-pass" {
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm = "rsasha256"
      key_type  = "keySigning"
    }
  }
}
resource "google_dns_managed_zone" "GCP-DNS-002-fail" {
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm = "rsasha1"
      key_type  = "zoneSigning"
    }
  }
}
resource "google_redis_instance" "GCP-REDIS-001-pass" { auth_enabled = true }
resource "google_redis_instance" "GCP-REDIS-001-fail" { memory_size_gb = 1 }
resource "google_redis_instance" "GCP-REDIS-002-pass" { transit_encryption_mode = "SERVER_AUTHENTICATION" }
resource "google_redis_instance" "GCP-REDIS-002-fail" { transit_encryption_mode = "DISABLED" }
