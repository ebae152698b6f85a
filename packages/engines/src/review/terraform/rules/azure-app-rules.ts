import { Unknown, text } from "../eval/values";
import type { TfResource } from "../tf-types";
import {
  attr,
  blocks,
  expect,
  fail,
  isFalse,
  mustBeTrue,
  mustNotBeTrue,
  pass,
  unknown,
  worst,
} from "./rule-kit";
import type { TfRule } from "./rule-kit";
import { az, AZURE_DOC, TLS12, flag } from "./azure-kit";

const DOC = AZURE_DOC;
/** Web apps and their deployment slots (a slot is a full app with its own configuration). */
const APPS = [
  "azurerm_app_service",
  "azurerm_linux_web_app",
  "azurerm_windows_web_app",
  "azurerm_app_service_slot",
  "azurerm_linux_web_app_slot",
  "azurerm_windows_web_app_slot",
];
const FUNCS = [
  "azurerm_function_app",
  "azurerm_linux_function_app",
  "azurerm_windows_function_app",
  "azurerm_function_app_slot",
  "azurerm_linux_function_app_slot",
  "azurerm_windows_function_app_slot",
];

/** Attribute must not be false (absent passes: the provider default is true). */
const mustNotBeFalse = (path: string, message: string) => (r: TfResource) =>
  expect(r, path, (v) => !isFalse(v), "pass", message);

/** Azure App Service, VM, registry, cache and Defender rules. */
export const azureAppRules: readonly TfRule[] = [
  az(
    {
      id: "AZ-APP-001",
      title: "App Service does not redirect HTTP to HTTPS",
      severity: "medium",
      types: [...APPS, ...FUNCS],
      description:
        "Without HTTPS only, requests and cookies travel in clear text. Authentication (auth_settings_v2) must not accept HTTP either.",
      remediation: "Set https_only = true (and leave auth_settings_v2 { require_https } true).",
      references: [DOC + "app-service/configure-ssl-bindings#enforce-https"],
      frameworks: ["CIS Azure 9.2"],
      checkov: ["CKV_AZURE_14", "CKV_AZURE_70"],
      // 0004 checks https_only on function apps only; 0072 is the same check for web apps.
      trivy: ["AVD-AZU-0004", "AVD-AZU-0072"],
    },
    (r) =>
      worst([
        mustBeTrue("https_only", "https_only is not true")(r),
        mustNotBeFalse("auth_settings_v2.require_https", "authentication accepts plain HTTP")(r),
      ]),
  ),
  az(
    {
      id: "AZ-APP-002",
      title: "App Service allows TLS older than 1.2",
      severity: "medium",
      types: [...APPS, ...FUNCS],
      description: "TLS 1.0/1.1 have known weaknesses.",
      remediation:
        'Set site_config { minimum_tls_version = "1.2" } (min_tls_version on azurerm_app_service).',
      references: [DOC + "app-service/overview-tls"],
      frameworks: ["CIS Azure 9.3"],
      checkov: ["CKV_AZURE_15", "CKV_AZURE_145"],
      trivy: ["AVD-AZU-0006"],
    },
    (r) => {
      const v =
        attr(r, "site_config.minimum_tls_version") ?? attr(r, "site_config.min_tls_version");
      return v === undefined || TLS12.includes(text(v))
        ? pass()
        : fail(r, "site_config.minimum_tls_version", "minimum TLS is below 1.2");
    },
  ),
  az(
    {
      id: "AZ-APP-003",
      title: "App Service allows plain FTP",
      severity: "medium",
      types: [...APPS, ...FUNCS],
      description: "FTP sends deployment credentials in clear text.",
      remediation: 'Set site_config { ftps_state = "FtpsOnly" } or "Disabled".',
      references: [DOC + "app-service/deploy-ftp"],
      frameworks: ["CIS Azure 9.10"],
      checkov: ["CKV_AZURE_78"],
      trivy: ["AVD-AZU-0071"],
    },
    (r) =>
      expect(
        r,
        "site_config.ftps_state",
        (v) => v === "FtpsOnly" || v === "Disabled",
        "fail",
        "FTP is allowed (the default AllAllowed)",
      ),
  ),
  az(
    {
      id: "AZ-APP-004",
      title: "App Service remote debugging is enabled",
      severity: "medium",
      types: [...APPS, ...FUNCS],
      description: "Remote debugging opens extra ports and should be off in production.",
      remediation: "Set site_config { remote_debugging_enabled = false }.",
      references: [DOC + "app-service/configure-common"],
      checkov: ["CKV_AZURE_72"],
    },
    mustNotBeTrue("site_config.remote_debugging_enabled", "remote debugging is enabled"),
  ),
  az(
    {
      id: "AZ-APP-005",
      title: "App Service has no managed identity",
      severity: "low",
      types: APPS,
      description: "A managed identity avoids secrets in app settings for Azure resource access.",
      remediation: 'Add identity { type = "SystemAssigned" }.',
      references: [DOC + "app-service/overview-managed-identity"],
      frameworks: ["CIS Azure 9.5"],
      checkov: ["CKV_AZURE_71"],
      trivy: ["AVD-AZU-0002"],
    },
    (r) =>
      blocks(attr(r, "identity")).length ? pass() : fail(r, "identity", "no managed identity"),
  ),
  az(
    {
      id: "AZ-VM-001",
      title: "Linux VM allows password authentication",
      severity: "high",
      types: ["azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set"],
      description: "Password logins are open to brute force; SSH keys are required.",
      remediation: "Set disable_password_authentication = true and add admin_ssh_key.",
      references: [DOC + "virtual-machines/linux/create-ssh-keys-detailed"],
      checkov: ["CKV_AZURE_149"],
      trivy: ["AVD-AZU-0039"],
    },
    (r) =>
      isFalse(attr(r, "disable_password_authentication"))
        ? fail(r, "disable_password_authentication", "password authentication is enabled")
        : pass(),
  ),
  az(
    {
      id: "AZ-VM-002",
      title: "VM custom data contains credentials",
      severity: "critical",
      types: [
        "azurerm_linux_virtual_machine",
        "azurerm_windows_virtual_machine",
        "azurerm_virtual_machine",
      ],
      description: "Custom data is readable on the VM and through the platform.",
      remediation: "Remove secrets from custom_data; read them from Key Vault at boot.",
      references: [DOC + "virtual-machines/custom-data"],
      checkov: ["CKV_AZURE_45"],
    },
    (r) => {
      const v = attr(r, "custom_data") ?? attr(r, "os_profile.custom_data");
      if (typeof v !== "string") return pass();
      const text = /^[A-Za-z0-9+/=\s]+$/.test(v) ? Buffer.from(v, "base64").toString("utf8") : v;
      return /(password|secret|access[_-]?key)\s*[=:]\s*\S+|-----BEGIN [A-Z ]*PRIVATE KEY-----/i.test(
        text + "\n" + v,
      )
        ? fail(r, "custom_data", "custom data contains what looks like a credential")
        : pass();
    },
  ),
  az(
    {
      id: "AZ-ACR-001",
      title: "Container registry admin account is enabled",
      severity: "medium",
      types: ["azurerm_container_registry"],
      description: "The admin user is a shared credential with full push/pull rights.",
      remediation: "Set admin_enabled = false and use Entra ID or tokens.",
      references: [DOC + "container-registry/container-registry-authentication"],
      checkov: ["CKV_AZURE_137"],
    },
    mustNotBeTrue("admin_enabled", "admin account is enabled"),
  ),
  az(
    {
      id: "AZ-ACR-002",
      title: "Container registry allows anonymous pull",
      severity: "high",
      types: ["azurerm_container_registry"],
      description:
        "Anyone can pull images, which may contain code and secrets. Anonymous pull exists only on the Standard and Premium SKUs; Basic (and the old Classic default) ignore the setting.",
      remediation: "Set anonymous_pull_enabled = false.",
      references: [DOC + "container-registry/anonymous-pull-access"],
      checkov: ["CKV_AZURE_138"],
    },
    (r) => {
      const sku = attr(r, "sku");
      if (sku instanceof Unknown) return unknown(sku, "sku");
      if (!["standard", "premium"].includes(text(sku).toLowerCase())) return pass();
      return mustNotBeTrue("anonymous_pull_enabled", "anonymous pull is enabled")(r);
    },
  ),
  az(
    {
      id: "AZ-ACR-003",
      title: "Container registry public network access is enabled",
      severity: "medium",
      types: ["azurerm_container_registry"],
      description: "Private endpoints keep registry traffic off the internet.",
      remediation: "Set public_network_access_enabled = false.",
      references: [DOC + "container-registry/container-registry-private-link"],
      checkov: ["CKV_AZURE_139"],
    },
    (r) =>
      flag(r, ["public_network_access_enabled"], true)
        ? fail(r, "public_network_access_enabled", "public network access is enabled (the default)")
        : pass(),
  ),
  az(
    {
      id: "AZ-REDIS-001",
      title: "Redis Cache non-SSL port is enabled",
      severity: "high",
      types: ["azurerm_redis_cache"],
      description: "The non-SSL port 6379 carries data and keys in clear text.",
      remediation: "Set non_ssl_port_enabled = false (enable_non_ssl_port in azurerm 3).",
      references: [DOC + "azure-cache-for-redis/cache-configure"],
      checkov: ["CKV_AZURE_91"],
    },
    (r) =>
      flag(r, ["non_ssl_port_enabled", "enable_non_ssl_port"], false)
        ? fail(r, "non_ssl_port_enabled", "non-SSL port is enabled")
        : pass(),
  ),
  az(
    {
      id: "AZ-REDIS-002",
      title: "Redis Cache allows TLS older than 1.2",
      severity: "medium",
      types: ["azurerm_redis_cache"],
      description: "TLS 1.0/1.1 have known weaknesses.",
      remediation: 'Set minimum_tls_version = "1.2".',
      references: [DOC + "azure-cache-for-redis/cache-remove-tls-10-11"],
      checkov: ["CKV_AZURE_148"],
    },
    (r) =>
      expect(
        r,
        "minimum_tls_version",
        (v) => TLS12.includes(text(v)),
        "fail",
        "minimum_tls_version is below 1.2",
      ),
  ),
  az(
    {
      id: "AZ-COSMOS-001",
      title: "Cosmos DB local authentication is enabled",
      severity: "medium",
      types: ["azurerm_cosmosdb_account"],
      description: "Account keys are shared secrets; Entra ID auth can be audited and revoked.",
      remediation: "Set local_authentication_disabled = true.",
      references: [DOC + "cosmos-db/how-to-setup-rbac"],
      checkov: ["CKV_AZURE_140"],
    },
    mustBeTrue("local_authentication_disabled", "local authentication is enabled"),
  ),
  az(
    {
      id: "AZ-COSMOS-002",
      title: "Cosmos DB public network access is enabled",
      severity: "medium",
      types: ["azurerm_cosmosdb_account"],
      description: "Private endpoints keep database traffic off the internet.",
      remediation: "Set public_network_access_enabled = false.",
      references: [DOC + "cosmos-db/how-to-configure-private-endpoints"],
      checkov: ["CKV_AZURE_101"],
    },
    (r) =>
      flag(r, ["public_network_access_enabled"], true)
        ? fail(r, "public_network_access_enabled", "public network access is enabled (the default)")
        : pass(),
  ),
  az(
    {
      id: "AZ-SEC-001",
      title: "Defender for Cloud is on the free tier",
      severity: "medium",
      types: ["azurerm_security_center_subscription_pricing"],
      description: "The free tier lacks threat detection.",
      remediation: 'Set tier = "Standard".',
      references: [DOC + "defender-for-cloud/enable-enhanced-security"],
      frameworks: ["CIS Azure 2.1"],
      checkov: ["CKV_AZURE_19"],
      trivy: ["AVD-AZU-0045"],
    },
    (r) => expect(r, "tier", (v) => v === "Standard", "fail", "tier is not Standard"),
  ),
  az(
    {
      id: "AZ-DISK-001",
      title: "Managed disk allows public network access",
      severity: "medium",
      types: ["azurerm_managed_disk"],
      description: "Disk export and import over public networks can leak disk contents.",
      remediation:
        'Set public_network_access_enabled = false and network_access_policy = "DenyAll" or "AllowPrivate".',
      references: [DOC + "virtual-machines/disks-enable-private-links-for-import-export-portal"],
      checkov: ["CKV_AZURE_251"],
    },
    (r) =>
      flag(r, ["public_network_access_enabled"], true)
        ? fail(r, "public_network_access_enabled", "public network access is enabled (the default)")
        : pass(),
  ),
];
