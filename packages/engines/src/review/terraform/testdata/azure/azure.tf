variable "source_prefix" {}

resource "azurerm_storage_account" "AZ-STG-001-pass" { min_tls_version = "TLS1_2" }
resource "azurerm_storage_account" "AZ-STG-001-fail" { min_tls_version = "TLS1_0" }
resource "azurerm_storage_account" "AZ-STG-002-pass" { https_traffic_only_enabled = true }
resource "azurerm_storage_account" "AZ-STG-002-fail" { enable_https_traffic_only = false }
resource "azurerm_storage_account" "AZ-STG-003-pass" { allow_nested_items_to_be_public = false }
resource "azurerm_storage_account" "AZ-STG-003-fail" { name = "sa" }
resource "azurerm_storage_account" "AZ-STG-004-pass" {
  network_rules { default_action = "Deny" }
}
resource "azurerm_storage_account_network_rules" "AZ-STG-004-fail" {
  storage_account_id = "id"
  default_action     = "Allow"
}
resource "azurerm_storage_account" "AZ-STG-005-pass" { public_network_access_enabled = false }
resource "azurerm_storage_account" "AZ-STG-005-fail" { name = "sa" }
resource "azurerm_storage_container" "AZ-STG-006-pass" { container_access_type = "private" }
resource "azurerm_storage_container" "AZ-STG-006-fail" { container_access_type = "blob" }
resource "azurerm_storage_account" "AZ-STG-007-pass" { account_replication_type = "GZRS" }
resource "azurerm_storage_account" "AZ-STG-007-fail" { account_replication_type = "LRS" }

resource "azurerm_network_security_group" "AZ-NSG-001-pass" {
  security_rule {
    name                       = "ssh"
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_address_prefix      = "10.0.0.0/8"
    destination_port_range     = "22"
  }
}
resource "azurerm_network_security_group" "AZ-NSG-001-fail" {
  security_rule {
    name                       = "ssh"
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_address_prefix      = "*"
    destination_port_range     = "20-30"
  }
}
resource "azurerm_network_security_rule" "AZ-NSG-001-unknown" {
  name                   = "ssh"
  direction              = "Inbound"
  access                 = "Allow"
  protocol               = "Tcp"
  source_address_prefix  = var.source_prefix
  destination_port_range = "22"
}
resource "azurerm_network_security_rule" "AZ-NSG-002-pass" {
  name                   = "rdp"
  direction              = "Inbound"
  access                 = "Deny"
  protocol               = "Tcp"
  source_address_prefix  = "Internet"
  destination_port_range = "3389"
}
resource "azurerm_network_security_rule" "AZ-NSG-002-fail" {
  name                    = "rdp"
  direction               = "Inbound"
  access                  = "Allow"
  protocol                = "*"
  source_address_prefix   = "Internet"
  destination_port_ranges = ["443", "3389"]
}
resource "azurerm_network_security_rule" "AZ-NSG-003-pass" {
  name                   = "https"
  direction              = "Inbound"
  access                 = "Allow"
  protocol               = "Tcp"
  source_address_prefix  = "*"
  destination_port_range = "443"
}
resource "azurerm_network_security_rule" "AZ-NSG-003-fail" {
  name                   = "http"
  direction              = "Inbound"
  access                 = "Allow"
  protocol               = "Tcp"
  source_address_prefix  = "*"
  destination_port_range = "80"
}
resource "azurerm_network_security_rule" "AZ-NSG-004-pass" {
  name                   = "dns"
  direction              = "Inbound"
  access                 = "Allow"
  protocol               = "Udp"
  source_address_prefix  = "10.0.0.0/8"
  destination_port_range = "53"
}
resource "azurerm_network_security_rule" "AZ-NSG-004-fail" {
  name                   = "any-udp"
  direction              = "Inbound"
  access                 = "Allow"
  protocol               = "Udp"
  source_address_prefix  = "0.0.0.0/0"
  destination_port_range = "*"
}
resource "azurerm_network_security_rule" "AZ-NSG-004-fail-zero-prefix" {
  name                   = "any-udp-prefix"
  direction              = "Inbound"
  access                 = "Allow"
  protocol               = "Udp"
  source_address_prefix  = "192.168.0.0/0"
  destination_port_range = "*"
}
resource "azurerm_network_security_rule" "AZ-NSG-005-pass" {
  name                   = "out"
  direction              = "Outbound"
  access                 = "Allow"
  protocol               = "*"
  source_address_prefix  = "*"
  destination_port_range = "*"
}
resource "azurerm_network_security_rule" "AZ-NSG-005-fail" {
  name                   = "all"
  direction              = "Inbound"
  access                 = "Allow"
  protocol               = "*"
  source_address_prefix  = "*"
  destination_port_range = "*"
}
resource "azurerm_key_vault" "AZ-KV-001-pass" { purge_protection_enabled = true }
resource "azurerm_key_vault" "AZ-KV-001-fail" { name = "kv" }
resource "azurerm_key_vault" "AZ-KV-002-pass" {
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
resource "azurerm_key_vault" "AZ-KV-002-fail" {
  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}
resource "azurerm_key_vault" "AZ-KV-003-pass" { public_network_access_enabled = false }
resource "azurerm_key_vault" "AZ-KV-003-fail" { public_network_access_enabled = true }
resource "azurerm_key_vault" "AZ-KV-003-pass-firewall" {
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}
# ip_rules do not restrict anything while default_action is Allow.
resource "azurerm_key_vault" "AZ-KV-003-fail-allow-with-ip-rules" {
  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}
resource "azurerm_key_vault_key" "AZ-KV-004-pass" { expiration_date = "2027-01-01T00:00:00Z" }
resource "azurerm_key_vault_key" "AZ-KV-004-fail" { name = "k" }
resource "azurerm_key_vault_secret" "AZ-KV-005-pass" {
  expiration_date = "2027-01-01T00:00:00Z"
  content_type    = "password"
}
resource "azurerm_key_vault_secret" "AZ-KV-005-fail" { content_type = "password" }
resource "azurerm_key_vault_secret" "AZ-KV-006-pass" { content_type = "password" }
resource "azurerm_key_vault_secret" "AZ-KV-006-fail" { name = "s" }
resource "azurerm_kubernetes_cluster" "AZ-AKS-001-pass" { role_based_access_control_enabled = true }
resource "azurerm_kubernetes_cluster" "AZ-AKS-001-fail" { role_based_access_control_enabled = false }
resource "azurerm_kubernetes_cluster" "AZ-AKS-002-pass" {
  api_server_access_profile { authorized_ip_ranges = ["10.0.0.0/8"] }
}
resource "azurerm_kubernetes_cluster" "AZ-AKS-002-fail" { name = "k" }
resource "azurerm_kubernetes_cluster" "AZ-AKS-002-fail-empty" { api_server_authorized_ip_ranges = [] }
resource "azurerm_kubernetes_cluster" "AZ-AKS-003-pass" {
  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}
resource "azurerm_kubernetes_cluster" "AZ-AKS-003-fail" {
  network_profile { network_plugin = "kubenet" }
}
resource "azurerm_kubernetes_cluster" "AZ-AKS-004-pass" { local_account_disabled = true }
resource "azurerm_kubernetes_cluster" "AZ-AKS-004-fail" { name = "k" }
resource "azurerm_kubernetes_cluster" "AZ-AKS-005-pass" { private_cluster_enabled = true }
resource "azurerm_kubernetes_cluster" "AZ-AKS-005-fail" { private_cluster_enabled = false }
resource "azurerm_kubernetes_cluster_node_pool" "AZ-AKS-006-pass" { name = "np" }
resource "azurerm_kubernetes_cluster" "AZ-AKS-006-fail" {
  default_node_pool {
    name                   = "default"
    node_public_ip_enabled = true
  }
}
resource "azurerm_mssql_firewall_rule" "AZ-SQL-001-pass" {
  start_ip_address = "10.0.0.1"
  end_ip_address   = "10.0.0.9"
}
resource "azurerm_mssql_firewall_rule" "AZ-SQL-001-fail" {
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}
resource "azurerm_mssql_server" "AZ-SQL-002-pass" { public_network_access_enabled = false }
resource "azurerm_mssql_server" "AZ-SQL-002-fail" { name = "s" }
resource "azurerm_mssql_server" "AZ-SQL-003-pass" { minimum_tls_version = "1.2" }
resource "azurerm_mssql_server" "AZ-SQL-003-fail" { minimum_tls_version = "1.0" }
resource "azurerm_postgresql_server" "AZ-PG-001-pass" { ssl_enforcement_enabled = true }
resource "azurerm_mysql_server" "AZ-PG-001-fail" { ssl_enforcement_enabled = false }
resource "azurerm_postgresql_flexible_server" "AZ-PG-002-pass" { name = "pg" }
resource "azurerm_postgresql_server" "AZ-PG-002-fail" { name = "pg" }
resource "azurerm_postgresql_flexible_server" "AZ-PG-003-pass" { geo_redundant_backup_enabled = true }
resource "azurerm_postgresql_flexible_server" "AZ-PG-003-fail" { name = "pg" }
resource "azurerm_mysql_server" "AZ-PG-003-fail-mysql" { geo_redundant_backup_enabled = false }
# A replica's backups are its source's.
resource "azurerm_postgresql_flexible_server" "AZ-PG-003-pass-replica" {
  create_mode      = "Replica"
  source_server_id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.DBforPostgreSQL/flexibleServers/primary"
}
resource "azurerm_linux_web_app" "AZ-APP-001-pass" { https_only = true }
resource "azurerm_linux_function_app" "AZ-APP-001-fail" { name = "f" }
resource "azurerm_linux_function_app_slot" "AZ-APP-001-fail-slot" { name = "s" }
resource "azurerm_windows_web_app" "AZ-APP-001-fail-auth-http" {
  https_only = true
  auth_settings_v2 { require_https = false }
}
resource "azurerm_linux_web_app" "AZ-APP-002-pass" {
  site_config { minimum_tls_version = "1.2" }
}
resource "azurerm_windows_web_app" "AZ-APP-002-fail" {
  site_config { minimum_tls_version = "1.0" }
}
resource "azurerm_linux_web_app" "AZ-APP-003-pass" {
  site_config { ftps_state = "Disabled" }
}
resource "azurerm_linux_web_app" "AZ-APP-003-fail" {
  site_config { ftps_state = "AllAllowed" }
}
resource "azurerm_linux_web_app" "AZ-APP-004-pass" {
  site_config { remote_debugging_enabled = false }
}
resource "azurerm_windows_web_app_slot" "AZ-APP-004-fail-slot" {
  site_config { remote_debugging_enabled = true }
}
resource "azurerm_linux_web_app" "AZ-APP-004-fail" {
  site_config { remote_debugging_enabled = true }
}
resource "azurerm_linux_web_app" "AZ-APP-005-pass" {
  identity { type = "SystemAssigned" }
}
resource "azurerm_linux_web_app" "AZ-APP-005-fail" { name = "a" }
resource "azurerm_linux_virtual_machine" "AZ-VM-001-pass" { disable_password_authentication = true }
resource "azurerm_linux_virtual_machine" "AZ-VM-001-fail" { disable_password_authentication = false }
resource "azurerm_linux_virtual_machine" "AZ-VM-002-pass" { custom_data = base64encode("#!/bin/sh\necho hi") }
resource "azurerm_linux_virtual_machine" "AZ-VM-002-fail" { custom_data = base64encode("DB_PASSWORD=hunter2") }
resource "azurerm_container_registry" "AZ-ACR-001-pass" { admin_enabled = false }
resource "azurerm_container_registry" "AZ-ACR-001-fail" { admin_enabled = true }
resource "azurerm_container_registry" "AZ-ACR-002-pass" { anonymous_pull_enabled = false }
resource "azurerm_container_registry" "AZ-ACR-002-fail" {
  sku                    = "Standard"
  anonymous_pull_enabled = true
}
# The Basic SKU has no anonymous pull.
resource "azurerm_container_registry" "AZ-ACR-002-pass-basic" {
  sku                    = "Basic"
  anonymous_pull_enabled = true
}
resource "azurerm_container_registry" "AZ-ACR-003-pass" { public_network_access_enabled = false }
resource "azurerm_container_registry" "AZ-ACR-003-fail" { name = "r" }
resource "azurerm_redis_cache" "AZ-REDIS-001-pass" { non_ssl_port_enabled = false }
resource "azurerm_redis_cache" "AZ-REDIS-001-fail" { enable_non_ssl_port = true }
resource "azurerm_redis_cache" "AZ-REDIS-002-pass" { minimum_tls_version = "1.2" }
resource "azurerm_redis_cache" "AZ-REDIS-002-fail" { minimum_tls_version = "1.0" }
resource "azurerm_cosmosdb_account" "AZ-COSMOS-001-pass" { local_authentication_disabled = true }
resource "azurerm_cosmosdb_account" "AZ-COSMOS-001-fail" { name = "c" }
resource "azurerm_cosmosdb_account" "AZ-COSMOS-002-pass" { public_network_access_enabled = false }
resource "azurerm_cosmosdb_account" "AZ-COSMOS-002-fail" { name = "c" }
resource "azurerm_security_center_subscription_pricing" "AZ-SEC-001-pass" { tier = "Standard" }
resource "azurerm_security_center_subscription_pricing" "AZ-SEC-001-fail" { tier = "Free" }
resource "azurerm_managed_disk" "AZ-DISK-001-pass" { public_network_access_enabled = false }
resource "azurerm_managed_disk" "AZ-DISK-001-fail" { name = "d" }
