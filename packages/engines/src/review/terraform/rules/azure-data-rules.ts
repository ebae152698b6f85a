import { Unknown, text } from "../eval/values";
import {
  attr,
  expect,
  fail,
  isFalse,
  isTrue,
  mustBeSet,
  mustBeTrue,
  mustNotBeTrue,
  pass,
  unknown,
} from "./rule-kit";
import type { TfRule } from "./rule-kit";
import { az, AZURE_DOC, TLS12, flag } from "./azure-kit";

const DOC = AZURE_DOC;

/** Azure Key Vault, AKS and database rules. */
export const azureDataRules: readonly TfRule[] = [
  az(
    {
      id: "AZ-KV-001",
      title: "Key Vault purge protection is disabled",
      severity: "medium",
      types: ["azurerm_key_vault"],
      description:
        "Without purge protection a deleted vault and its keys can be purged immediately.",
      remediation: "Set purge_protection_enabled = true.",
      references: [DOC + "key-vault/general/soft-delete-overview"],
      frameworks: ["CIS Azure 8.5"],
      checkov: ["CKV_AZURE_110"],
      trivy: ["AVD-AZU-0016"],
    },
    mustBeTrue("purge_protection_enabled", "purge protection is not enabled"),
  ),
  az(
    {
      id: "AZ-KV-002",
      title: "Key Vault network ACL does not deny by default",
      severity: "medium",
      types: ["azurerm_key_vault"],
      description: "Default allow exposes the vault endpoint to every network.",
      remediation: 'Add network_acls { default_action = "Deny", bypass = "AzureServices" }.',
      references: [DOC + "key-vault/general/network-security"],
      checkov: ["CKV_AZURE_109"],
      trivy: ["AVD-AZU-0013"],
    },
    (r) =>
      expect(
        r,
        "network_acls.default_action",
        (v) => v === "Deny",
        "fail",
        "network ACL default is not Deny",
      ),
  ),
  az(
    {
      id: "AZ-KV-003",
      title: "Key Vault public network access is enabled",
      severity: "medium",
      types: ["azurerm_key_vault"],
      description:
        'Private endpoints keep vault traffic off the internet. A network_acls block restricts the public endpoint only with default_action = "Deny": with "Allow", ip_rules and subnets add nothing to an endpoint every network can reach.',
      remediation:
        'Set public_network_access_enabled = false (or network_acls { default_action = "Deny" } with the allowed ip_rules).',
      references: [DOC + "key-vault/general/private-link-service"],
      checkov: ["CKV_AZURE_189"],
    },
    (r) => {
      if (!flag(r, ["public_network_access_enabled"], true)) return pass();
      const action = attr(r, "network_acls.default_action");
      if (action instanceof Unknown) return unknown(action, "network_acls.default_action");
      return text(action).toLowerCase() === "deny"
        ? pass()
        : fail(
            r,
            "public_network_access_enabled",
            "public network access is enabled (the default)",
          );
    },
  ),
  az(
    {
      id: "AZ-KV-004",
      title: "Key Vault key has no expiration date",
      severity: "low",
      types: ["azurerm_key_vault_key"],
      description: "Keys without expiry are never rotated out.",
      remediation: "Set expiration_date (RFC 3339) or a rotation_policy with expire_after.",
      references: [DOC + "key-vault/keys/about-keys"],
      frameworks: ["CIS Azure 8.1"],
      checkov: ["CKV_AZURE_40"],
      trivy: ["AVD-AZU-0014"],
    },
    (r) =>
      attr(r, "rotation_policy.expire_after") !== undefined
        ? pass()
        : mustBeSet("expiration_date", "no expiration_date")(r),
  ),
  az(
    {
      id: "AZ-KV-005",
      title: "Key Vault secret has no expiration date",
      severity: "low",
      types: ["azurerm_key_vault_secret"],
      description: "Secrets without expiry are never rotated out.",
      remediation: "Set expiration_date.",
      references: [DOC + "key-vault/secrets/about-secrets"],
      frameworks: ["CIS Azure 8.3"],
      checkov: ["CKV_AZURE_41"],
      trivy: ["AVD-AZU-0017"],
    },
    mustBeSet("expiration_date", "no expiration_date"),
  ),
  az(
    {
      id: "AZ-KV-006",
      title: "Key Vault secret has no content type",
      severity: "info",
      types: ["azurerm_key_vault_secret"],
      description: "A content type documents what the secret is and how to rotate it.",
      remediation: "Set content_type.",
      references: [DOC + "key-vault/secrets/about-secrets"],
      checkov: ["CKV_AZURE_114"],
      trivy: ["AVD-AZU-0015"],
    },
    mustBeSet("content_type", "no content_type"),
  ),
  az(
    {
      id: "AZ-AKS-001",
      title: "AKS RBAC is disabled",
      severity: "high",
      types: ["azurerm_kubernetes_cluster"],
      description: "Without RBAC every authenticated user has broad cluster access.",
      remediation: "Set role_based_access_control_enabled = true (the default).",
      references: [DOC + "aks/manage-azure-rbac"],
      checkov: ["CKV_AZURE_5"],
      trivy: ["AVD-AZU-0042"],
    },
    (r) =>
      isFalse(attr(r, "role_based_access_control_enabled")) ||
      isFalse(attr(r, "role_based_access_control.enabled"))
        ? fail(r, "role_based_access_control_enabled", "RBAC is disabled")
        : pass(),
  ),
  az(
    {
      id: "AZ-AKS-002",
      title: "AKS API server has no authorized IP ranges",
      severity: "high",
      types: ["azurerm_kubernetes_cluster"],
      description: "The public API server accepts connections from anywhere.",
      remediation:
        "Set api_server_access_profile { authorized_ip_ranges = [...] } or make the cluster private.",
      references: [DOC + "aks/api-server-authorized-ip-ranges"],
      checkov: ["CKV_AZURE_6"],
      trivy: ["AVD-AZU-0041"],
    },
    (r) => {
      if (isTrue(attr(r, "private_cluster_enabled"))) return pass();
      // An empty list authorizes nothing, which the API reads as "no restriction".
      const unknowns: Unknown[] = [];
      for (const path of [
        "api_server_access_profile.authorized_ip_ranges",
        "api_server_authorized_ip_ranges",
      ]) {
        const v = attr(r, path);
        if (v instanceof Unknown) unknowns.push(v);
        else if (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null) return pass();
      }
      return unknowns.length
        ? unknown(unknowns, "api_server_access_profile.authorized_ip_ranges")
        : fail(r, "api_server_access_profile", "no authorized IP ranges");
    },
  ),
  az(
    {
      id: "AZ-AKS-003",
      title: "AKS network policy is not configured",
      severity: "medium",
      types: ["azurerm_kubernetes_cluster"],
      description: "Without a network policy engine, pod-to-pod traffic cannot be restricted.",
      remediation: 'Set network_profile { network_policy = "azure" } (or "calico"/"cilium").',
      references: [DOC + "aks/use-network-policies"],
      checkov: ["CKV_AZURE_7"],
      trivy: ["AVD-AZU-0043"],
    },
    mustBeSet("network_profile.network_policy", "no network policy"),
  ),
  az(
    {
      id: "AZ-AKS-004",
      title: "AKS local accounts are enabled",
      severity: "medium",
      types: ["azurerm_kubernetes_cluster"],
      description: "Local admin accounts bypass Entra ID authentication and auditing.",
      remediation: "Set local_account_disabled = true.",
      references: [DOC + "aks/manage-local-accounts-managed-azure-ad"],
      checkov: ["CKV_AZURE_141"],
    },
    mustBeTrue("local_account_disabled", "local accounts are enabled"),
  ),
  az(
    {
      id: "AZ-AKS-005",
      title: "AKS cluster is not private",
      severity: "medium",
      types: ["azurerm_kubernetes_cluster"],
      description: "A private cluster keeps the API server off the internet.",
      remediation: "Set private_cluster_enabled = true.",
      references: [DOC + "aks/private-clusters"],
      checkov: ["CKV_AZURE_115"],
      trivy: ["AVD-AZU-0065"],
    },
    mustBeTrue("private_cluster_enabled", "cluster is not private"),
  ),
  az(
    {
      id: "AZ-AKS-006",
      title: "AKS nodes have public IP addresses",
      severity: "medium",
      types: ["azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool"],
      description: "Public node IPs expose kubelets and workloads.",
      remediation: "Set node_public_ip_enabled = false (enable_node_public_ip in azurerm 3).",
      references: [DOC + "aks/use-node-public-ips"],
      checkov: ["CKV_AZURE_143"],
    },
    (r) =>
      r.type === "azurerm_kubernetes_cluster"
        ? ([
            mustNotBeTrue(
              "default_node_pool.node_public_ip_enabled",
              "node pool has public IPs",
            )(r),
            mustNotBeTrue("default_node_pool.enable_node_public_ip", "node pool has public IPs")(r),
          ].find((o) => o.kind === "fail") ?? pass())
        : flag(r, ["node_public_ip_enabled", "enable_node_public_ip"], false)
          ? fail(r, "node_public_ip_enabled", "node pool has public IPs")
          : pass(),
  ),
  az(
    {
      id: "AZ-SQL-001",
      title: "SQL firewall rule allows all IP addresses",
      severity: "critical",
      types: [
        "azurerm_mssql_firewall_rule",
        "azurerm_sql_firewall_rule",
        "azurerm_postgresql_firewall_rule",
        "azurerm_mysql_firewall_rule",
        "azurerm_mariadb_firewall_rule",
        "azurerm_postgresql_flexible_server_firewall_rule",
        "azurerm_mysql_flexible_server_firewall_rule",
      ],
      description: "A rule from 0.0.0.0 to 255.255.255.255 opens the database to the internet.",
      remediation: "Narrow start_ip_address/end_ip_address to known addresses.",
      references: [DOC + "azure-sql/database/firewall-configure"],
      frameworks: ["CIS Azure 6.3"],
      checkov: ["CKV_AZURE_11"],
      trivy: ["AVD-AZU-0029"],
    },
    (r) =>
      attr(r, "start_ip_address") === "0.0.0.0" && attr(r, "end_ip_address") === "255.255.255.255"
        ? fail(r, "end_ip_address", "all IP addresses allowed")
        : pass(),
  ),
  az(
    {
      id: "AZ-SQL-002",
      title: "SQL server public network access is enabled",
      severity: "medium",
      types: ["azurerm_mssql_server"],
      description: "Private endpoints keep database traffic off the internet.",
      remediation: "Set public_network_access_enabled = false.",
      references: [DOC + "azure-sql/database/connectivity-settings"],
      checkov: ["CKV_AZURE_113"],
      trivy: ["AVD-AZU-0022"],
    },
    (r) =>
      flag(r, ["public_network_access_enabled"], true)
        ? fail(r, "public_network_access_enabled", "public network access is enabled (the default)")
        : pass(),
  ),
  az(
    {
      id: "AZ-SQL-003",
      title: "SQL server allows TLS older than 1.2",
      severity: "medium",
      types: ["azurerm_mssql_server"],
      description: "TLS 1.0/1.1 have known weaknesses.",
      remediation: 'Set minimum_tls_version = "1.2".',
      references: [DOC + "azure-sql/database/connectivity-settings#minimal-tls-version"],
      checkov: ["CKV_AZURE_52"],
      trivy: ["AVD-AZU-0026"],
    },
    (r) =>
      expect(
        r,
        "minimum_tls_version",
        (v) => TLS12.includes(text(v)),
        "pass",
        "minimum_tls_version is below 1.2",
      ),
  ),
  az(
    {
      id: "AZ-PG-001",
      title: "PostgreSQL server does not enforce SSL",
      severity: "high",
      types: ["azurerm_postgresql_server", "azurerm_mysql_server"],
      description: "Without SSL enforcement clients may connect in clear text.",
      remediation: "Set ssl_enforcement_enabled = true.",
      references: [DOC + "postgresql/single-server/concepts-ssl-connection-security"],
      frameworks: ["CIS Azure 4.3.1"],
      checkov: ["CKV_AZURE_29", "CKV_AZURE_28"],
      trivy: ["AVD-AZU-0020"],
    },
    mustBeTrue("ssl_enforcement_enabled", "SSL is not enforced"),
  ),
  az(
    {
      id: "AZ-PG-002",
      title: "Database server public network access is enabled",
      severity: "medium",
      types: [
        "azurerm_postgresql_server",
        "azurerm_mysql_server",
        "azurerm_postgresql_flexible_server",
      ],
      description: "Public network access exposes the server endpoint to the internet.",
      remediation: "Set public_network_access_enabled = false.",
      references: [DOC + "postgresql/flexible-server/concepts-networking"],
      checkov: ["CKV_AZURE_68", "CKV_AZURE_53"],
      trivy: ["AVD-AZU-0022"],
    },
    (r) =>
      flag(r, ["public_network_access_enabled"], r.type !== "azurerm_postgresql_flexible_server")
        ? fail(r, "public_network_access_enabled", "public network access is enabled")
        : pass(),
  ),
  az(
    {
      id: "AZ-PG-003",
      title: "PostgreSQL or MySQL server has no geo-redundant backup",
      severity: "low",
      types: [
        "azurerm_postgresql_flexible_server",
        "azurerm_mysql_flexible_server",
        "azurerm_mysql_server",
      ],
      description:
        'Geo-redundant backups survive a regional outage. A read replica (create_mode = "Replica") has no backups of its own: its source server\'s setting applies.',
      remediation: "Set geo_redundant_backup_enabled = true.",
      references: [DOC + "postgresql/flexible-server/concepts-backup-restore"],
      checkov: ["CKV_AZURE_136", "CKV_AZURE_94"],
    },
    (r) =>
      text(attr(r, "create_mode")).toLowerCase() === "replica"
        ? pass()
        : mustBeTrue("geo_redundant_backup_enabled", "geo-redundant backup is not enabled")(r),
  ),
];
