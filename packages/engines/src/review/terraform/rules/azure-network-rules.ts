import { text } from "../eval/values";
import { nsgOpen } from "./azure-net-kit";
import { expect, fail, mustBeOneOf, pass } from "./rule-kit";
import type { TfRule } from "./rule-kit";
import { az, AZURE_DOC, TLS12, flag } from "./azure-kit";

const DOC = AZURE_DOC;
const NSG = ["azurerm_network_security_group", "azurerm_network_security_rule"];
const SA = ["azurerm_storage_account"];

function nsgRule(
  id: string,
  title: string,
  port: number | undefined,
  protocol: "Tcp" | "Udp" | undefined,
  checkov: string[],
  trivy: string[],
  cis: string[],
): TfRule {
  return az(
    {
      id,
      title,
      severity: port === 80 ? "medium" : "high",
      types: NSG,
      description: "Inbound rules open to Internet/* expose services to scanning and brute force.",
      remediation:
        'Restrict source_address_prefix(es) of the inbound rule to known ranges, or set access = "Deny".',
      references: [DOC + "virtual-network/network-security-groups-overview"],
      frameworks: cis,
      checkov,
      trivy,
    },
    nsgOpen(port, protocol),
  );
}

/** Azure storage and network security group rules. */
export const azureNetworkRules: readonly TfRule[] = [
  az(
    {
      id: "AZ-STG-001",
      title: "Storage account allows TLS older than 1.2",
      severity: "medium",
      types: SA,
      description: "TLS 1.0/1.1 have known weaknesses.",
      remediation: 'Set min_tls_version = "TLS1_2".',
      references: [DOC + "storage/common/transport-layer-security-configure-minimum-version"],
      frameworks: ["CIS Azure 3.15"],
      checkov: ["CKV_AZURE_44"],
      trivy: ["AVD-AZU-0011"],
    },
    (r) =>
      expect(
        r,
        "min_tls_version",
        (v) => TLS12.includes(text(v)),
        "pass",
        "min_tls_version is below TLS1_2",
      ),
  ),
  az(
    {
      id: "AZ-STG-002",
      title: "Storage account accepts plain HTTP",
      severity: "high",
      types: SA,
      description: "Secure transfer required rejects unencrypted requests.",
      remediation:
        "Set https_traffic_only_enabled = true (azurerm 4; enable_https_traffic_only in azurerm 3).",
      references: [DOC + "storage/common/storage-require-secure-transfer"],
      frameworks: ["CIS Azure 3.1"],
      checkov: ["CKV_AZURE_3"],
      trivy: ["AVD-AZU-0008"],
    },
    (r) =>
      flag(r, ["https_traffic_only_enabled", "enable_https_traffic_only"], true)
        ? pass()
        : fail(r, "https_traffic_only_enabled", "HTTP traffic is allowed"),
  ),
  az(
    {
      id: "AZ-STG-003",
      title: "Storage account allows public blob access",
      severity: "high",
      types: SA,
      description:
        "Containers can be made anonymously readable when nested public access is allowed.",
      remediation:
        "Set allow_nested_items_to_be_public = false (allow_blob_public_access in azurerm 2).",
      references: [DOC + "storage/blobs/anonymous-read-access-prevent"],
      frameworks: ["CIS Azure 3.7"],
      checkov: ["CKV_AZURE_190"],
    },
    (r) =>
      flag(r, ["allow_nested_items_to_be_public", "allow_blob_public_access"], true)
        ? fail(r, "allow_nested_items_to_be_public", "public blob access is allowed (the default)")
        : pass(),
  ),
  az(
    {
      id: "AZ-STG-004",
      title: "Storage account network access is not denied by default",
      severity: "medium",
      types: [...SA, "azurerm_storage_account_network_rules"],
      description: "Default allow lets any network reach the account endpoints.",
      remediation: 'Set network_rules { default_action = "Deny" } and list allowed subnets/IPs.',
      references: [DOC + "storage/common/storage-network-security"],
      frameworks: ["CIS Azure 3.8"],
      checkov: ["CKV_AZURE_35"],
      trivy: ["AVD-AZU-0012"],
    },
    (r) =>
      r.type === "azurerm_storage_account_network_rules"
        ? mustBeOneOf("default_action", ["Deny"], "default_action is not Deny")(r)
        : expect(
            r,
            "network_rules.default_action",
            (v) => v === "Deny",
            "fail",
            "default_action is not Deny",
          ),
  ),
  az(
    {
      id: "AZ-STG-005",
      title: "Storage account public network access is enabled",
      severity: "medium",
      types: SA,
      description: "Disabling public network access forces private endpoints.",
      remediation: "Set public_network_access_enabled = false.",
      references: [DOC + "storage/common/storage-network-security"],
      checkov: ["CKV_AZURE_59"],
    },
    (r) =>
      flag(r, ["public_network_access_enabled"], true)
        ? fail(r, "public_network_access_enabled", "public network access is enabled (the default)")
        : pass(),
  ),
  az(
    {
      id: "AZ-STG-006",
      title: "Storage container allows anonymous access",
      severity: "high",
      types: ["azurerm_storage_container"],
      description: "blob or container access types make data readable without credentials.",
      remediation: 'Set container_access_type = "private".',
      references: [DOC + "storage/blobs/anonymous-read-access-configure"],
      checkov: ["CKV_AZURE_34"],
      trivy: ["AVD-AZU-0007"],
    },
    (r) =>
      expect(
        r,
        "container_access_type",
        (v) => v === "private",
        "pass",
        "container allows anonymous access",
      ),
  ),
  az(
    {
      id: "AZ-STG-007",
      title: "Storage account uses locally redundant replication",
      severity: "low",
      types: SA,
      description: "LRS keeps all copies in one datacenter.",
      remediation: 'Set account_replication_type = "ZRS", "GRS" or "GZRS".',
      references: [DOC + "storage/common/storage-redundancy"],
      checkov: ["CKV_AZURE_206"],
    },
    (r) => expect(r, "account_replication_type", (v) => v !== "LRS", "fail", "replication is LRS"),
  ),
  nsgRule(
    "AZ-NSG-001",
    "NSG allows SSH (22) from the internet",
    22,
    "Tcp",
    ["CKV_AZURE_10"],
    ["AVD-AZU-0050"],
    ["CIS Azure 6.2"],
  ),
  nsgRule(
    "AZ-NSG-002",
    "NSG allows RDP (3389) from the internet",
    3389,
    "Tcp",
    ["CKV_AZURE_9"],
    ["AVD-AZU-0048"],
    ["CIS Azure 6.1"],
  ),
  nsgRule(
    "AZ-NSG-003",
    "NSG allows HTTP (80) from the internet",
    80,
    "Tcp",
    ["CKV_AZURE_160"],
    ["AVD-AZU-0047"],
    [],
  ),
  nsgRule(
    "AZ-NSG-004",
    "NSG allows UDP services from the internet",
    undefined,
    "Udp",
    ["CKV_AZURE_77"],
    ["AVD-AZU-0047"],
    ["CIS Azure 6.6"],
  ),
  nsgRule(
    "AZ-NSG-005",
    "NSG allows all ports from the internet",
    undefined,
    undefined,
    [],
    ["AVD-AZU-0047"],
    [],
  ),
];
