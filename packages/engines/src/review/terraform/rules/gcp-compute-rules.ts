import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { text } from "../eval/values";
import { PUBLIC_CIDRS } from "./net-kit";
import {
  attr,
  blocks,
  expect,
  fail,
  isFalse,
  isTrue,
  mustBeTrue,
  mustNotBeTrue,
  pass,
  strings,
  unknown,
  worst,
} from "./rule-kit";
import type { TfRule } from "./rule-kit";
import { gcp } from "./gcp-kit";

const GCE = "https://cloud.google.com/compute/docs/";
/** Instances, templates and instances created from templates (which may override the template). */
const INSTANCE_TYPES = [
  "google_compute_instance",
  "google_compute_instance_template",
  "google_compute_instance_from_template",
];
function firewallPort(
  id: string,
  ports: number | readonly number[],
  name: string,
  checkov: string[],
  trivy: string[],
): TfRule {
  const list = typeof ports === "number" ? [ports] : ports;
  const port = list.join(", ");
  const s = list.length > 1 ? "s" : "";
  return gcp(
    {
      id,
      title: `Firewall allows ingress from 0.0.0.0/0 to port${s} ${port} (${name})`,
      severity: list.includes(80) ? "medium" : "high",
      types: ["google_compute_firewall"],
      description: `Port${s} ${port} (${name}) open to the whole internet invite${s ? "" : "s"} brute force and exploitation.`,
      remediation: `Restrict source_ranges of the rule allowing port${s} ${port}, or remove the port${s} from allow.ports.`,
      references: [GCE.replace("compute/docs/", "firewall/docs/firewalls")],
      frameworks: list.includes(22) ? ["CIS GCP 3.6"] : list.includes(3389) ? ["CIS GCP 3.7"] : [],
      checkov,
      trivy,
    },
    (r) => {
      // One finding per rule even when several of the ports are open.
      const outs = list.map((p) => firewallOpen(r, p));
      return outs.find((o) => o.kind === "fail") ?? outs.find((o) => o.kind !== "pass") ?? pass();
    },
  );
}

function portIn(spec: string, port: number): boolean {
  const [a, b] = spec.split("-");
  return Number(a) <= port && port <= Number(b ?? a);
}

/** Whether an ingress firewall admits `port` from the internet. */
function firewallOpen(r: TfResource, port: number): RuleOutcome {
  if (
    text(attr(r, "direction") ?? "INGRESS").toUpperCase() !== "INGRESS" ||
    isTrue(attr(r, "disabled"))
  )
    return pass();
  const { values, unknowns } = strings(attr(r, "source_ranges"));
  if (!values.some((c) => PUBLIC_CIDRS.has(c)))
    return unknowns.length ? unknown(unknowns, "source_ranges") : pass();
  for (const [i, a] of blocks(attr(r, "allow")).entries()) {
    const proto = text(a.protocol ?? "");
    const ports = strings(a.ports);
    if (ports.unknowns.length) return unknown(ports.unknowns, `allow.${i}.ports`);
    if (
      proto === "all" ||
      ((proto === "tcp" || proto === "udp" || proto === "6") &&
        (ports.values.length === 0 || ports.values.some((p) => portIn(p, port))))
    ) {
      return fail(r, `allow.${i}`, `port ${port} is open to 0.0.0.0/0`);
    }
  }
  return pass();
}

/** GCP Compute Engine and VPC rules. */
export const gcpComputeRules: readonly TfRule[] = [
  firewallPort("GCP-GCE-001", 22, "SSH", ["CKV_GCP_2"], ["AVD-GCP-0027", "AVD-GCP-0071"]),
  firewallPort("GCP-GCE-002", 3389, "RDP", ["CKV_GCP_3"], ["AVD-GCP-0027", "AVD-GCP-0070"]),
  firewallPort("GCP-GCE-003", 80, "HTTP", ["CKV_GCP_106"], ["AVD-GCP-0027"]),
  firewallPort("GCP-GCE-004", 3306, "MySQL", ["CKV_GCP_88"], ["AVD-GCP-0027"]),
  // FTP uses 21 for control and 20 for active-mode data.
  firewallPort("GCP-GCE-005", [20, 21], "FTP", ["CKV_GCP_77"], ["AVD-GCP-0027"]),
  gcp(
    {
      id: "GCP-GCE-006",
      title: "Compute instance has a public IP address",
      severity: "medium",
      types: ["google_compute_instance", "google_compute_instance_template"],
      description: "An access_config block gives the instance an external address.",
      remediation: "Remove access_config from network_interface; use Cloud NAT or IAP for access.",
      references: [GCE + "ip-addresses"],
      frameworks: ["CIS GCP 4.9"],
      checkov: ["CKV_GCP_40"],
      trivy: ["AVD-GCP-0031"],
    },
    (r) =>
      worst(
        blocks(attr(r, "network_interface")).map((n, i) =>
          blocks(n.access_config).length
            ? fail(r, `network_interface.${i}.access_config`, "instance has an external IP")
            : pass(),
        ),
      ),
  ),
  gcp(
    {
      id: "GCP-GCE-007",
      title: "Compute instance uses the default service account",
      severity: "medium",
      types: INSTANCE_TYPES,
      description: "The default compute service account has the Editor role in many projects.",
      remediation: "Set service_account { email = <dedicated service account> }.",
      references: [GCE + "access/service-accounts"],
      frameworks: ["CIS GCP 4.1"],
      checkov: ["CKV_GCP_30"],
      trivy: ["AVD-GCP-0044"],
    },
    (r) => {
      const sa = attr(r, "service_account");
      if (sa === undefined) return pass();
      return expect(
        r,
        "service_account.email",
        (v) => !/-compute@developer\.gserviceaccount\.com$/.test(text(v)) && v !== "default",
        "fail",
        "uses the default compute service account",
      );
    },
  ),
  gcp(
    {
      id: "GCP-GCE-008",
      title: "Compute instance has full access to all Cloud APIs",
      severity: "high",
      types: INSTANCE_TYPES,
      description:
        "The cloud-platform scope with the default service account grants broad API access.",
      remediation:
        "Use a dedicated service account and list only the needed scopes instead of cloud-platform.",
      references: [GCE + "access/service-accounts#accesscopesiam"],
      frameworks: ["CIS GCP 4.2"],
      checkov: ["CKV_GCP_31"],
    },
    (r) => {
      const email = text(attr(r, "service_account.email") ?? "default");
      const scopes = strings(attr(r, "service_account.scopes")).values;
      return /-compute@developer|^default$/.test(email) &&
        scopes.some((s) => /cloud-platform$/.test(s))
        ? fail(r, "service_account.scopes", "default service account with cloud-platform scope")
        : pass();
    },
  ),
  gcp(
    {
      id: "GCP-GCE-009",
      title: "Project-wide SSH keys are not blocked",
      severity: "medium",
      types: INSTANCE_TYPES,
      description: "Project-wide keys let one leaked key reach every instance.",
      remediation: 'Set metadata = { block-project-ssh-keys = "true" }.',
      references: [GCE + "connect/restrict-ssh-keys"],
      frameworks: ["CIS GCP 4.3"],
      checkov: ["CKV_GCP_32"],
      trivy: ["AVD-GCP-0030"],
    },
    (r) =>
      // An instance created from a template without metadata of its own takes the template's.
      r.type === "google_compute_instance_from_template" && attr(r, "metadata") === undefined
        ? pass()
        : expect(
            r,
            "metadata.block-project-ssh-keys",
            // Compute Engine reads metadata booleans case-insensitively ("TRUE", "True").
            (v) => text(v).toLowerCase() === "true",
            "fail",
            "block-project-ssh-keys is not true",
          ),
  ),
  gcp(
    {
      id: "GCP-GCE-010",
      title: "Serial port access is enabled",
      severity: "medium",
      types: ["google_compute_instance", "google_compute_instance_template"],
      description: "The interactive serial console bypasses network controls.",
      remediation: 'Remove metadata serial-port-enable or set it to "false".',
      references: [GCE + "troubleshooting/troubleshooting-using-serial-console"],
      frameworks: ["CIS GCP 4.5"],
      checkov: ["CKV_GCP_35"],
      trivy: ["AVD-GCP-0032"],
    },
    (r) =>
      expect(
        r,
        "metadata.serial-port-enable",
        (v) => !isTrue(v),
        "pass",
        "serial port access is enabled",
      ),
  ),
  gcp(
    {
      id: "GCP-GCE-011",
      title: "Compute instance can forward IP packets",
      severity: "medium",
      types: ["google_compute_instance", "google_compute_instance_template"],
      description: "IP forwarding lets an instance route traffic it did not originate.",
      remediation: "Set can_ip_forward = false.",
      references: [GCE + "instances/create-start-instance"],
      frameworks: ["CIS GCP 4.6"],
      checkov: ["CKV_GCP_36"],
      trivy: ["AVD-GCP-0043"],
    },
    mustNotBeTrue("can_ip_forward", "can_ip_forward is true"),
  ),
  gcp(
    {
      id: "GCP-GCE-012",
      title: "Compute instance is not a Shielded VM",
      severity: "medium",
      types: ["google_compute_instance", "google_compute_instance_template"],
      description: "Shielded VMs verify boot integrity (the compute.requireShieldedVm policy).",
      remediation:
        "Add shielded_instance_config { enable_secure_boot = true, enable_vtpm = true, enable_integrity_monitoring = true }.",
      references: [GCE + "shielded-vm/shielded-vm"],
      frameworks: ["CIS GCP 4.8"],
      checkov: ["CKV_GCP_39"],
      trivy: ["AVD-GCP-0067", "AVD-GCP-0045", "AVD-GCP-0041"],
    },
    (r) =>
      worst([
        mustBeTrue("shielded_instance_config.enable_secure_boot", "secure boot is not enabled")(r),
        expect(
          r,
          "shielded_instance_config.enable_integrity_monitoring",
          (v) => !isFalse(v),
          "pass",
          "integrity monitoring is off",
        ),
        expect(
          r,
          "shielded_instance_config.enable_vtpm",
          (v) => !isFalse(v),
          "pass",
          "vTPM is off",
        ),
      ]),
  ),
  gcp(
    {
      id: "GCP-GCE-013",
      title: "OS Login is not enabled for the project",
      severity: "medium",
      types: ["google_compute_project_metadata", "google_compute_project_metadata_item"],
      description: "OS Login ties SSH access to IAM identities.",
      remediation: 'Set metadata = { enable-oslogin = "TRUE" }.',
      references: [GCE + "oslogin"],
      frameworks: ["CIS GCP 4.4"],
      checkov: ["CKV_GCP_33"],
      trivy: ["AVD-GCP-0042"],
    },
    (r) =>
      r.type === "google_compute_project_metadata_item"
        ? attr(r, "key") === "enable-oslogin"
          ? expect(
              r,
              "value",
              (v) => isTrue(text(v).toLowerCase()),
              "fail",
              "enable-oslogin is not true",
            )
          : pass()
        : expect(
            r,
            "metadata.enable-oslogin",
            (v) => text(v).toLowerCase() === "true",
            "fail",
            "enable-oslogin is not TRUE",
          ),
  ),
  gcp(
    {
      id: "GCP-GCE-014",
      title: "Compute disk is not encrypted with a customer key",
      severity: "low",
      types: ["google_compute_disk"],
      description: "Customer managed or supplied keys keep control over disk data access.",
      remediation: "Add disk_encryption_key { kms_key_self_link = … }.",
      references: [GCE + "disks/customer-managed-encryption"],
      checkov: ["CKV_GCP_37"],
      trivy: ["AVD-GCP-0034"],
    },
    (r) =>
      attr(r, "disk_encryption_key.kms_key_self_link") !== undefined ||
      attr(r, "disk_encryption_key.raw_key") !== undefined
        ? pass()
        : fail(r, "disk_encryption_key", "no customer key"),
  ),
  gcp(
    {
      id: "GCP-GCE-015",
      title: "Subnet has no VPC flow logs",
      severity: "medium",
      types: ["google_compute_subnetwork"],
      description: "Flow logs record traffic for monitoring and forensics.",
      remediation: 'Add log_config { aggregation_interval = "INTERVAL_5_SEC" … }.',
      references: ["https://cloud.google.com/vpc/docs/using-flow-logs"],
      frameworks: ["CIS GCP 3.8"],
      checkov: ["CKV_GCP_26"],
      trivy: ["AVD-GCP-0029", "AVD-GCP-0076"],
    },
    (r) =>
      text(attr(r, "purpose") ?? "PRIVATE").startsWith("PRIVATE") &&
      attr(r, "purpose") !== "PRIVATE_SERVICE_CONNECT"
        ? attr(r, "log_config") !== undefined
          ? pass()
          : fail(r, "log_config", "flow logs are not enabled")
        : pass(),
  ),
  gcp(
    {
      id: "GCP-GCE-016",
      title: "Subnet does not have Private Google Access",
      severity: "low",
      types: ["google_compute_subnetwork"],
      description:
        "Private Google Access lets private instances reach Google APIs without public IPs.",
      remediation: "Set private_ip_google_access = true.",
      references: ["https://cloud.google.com/vpc/docs/private-google-access"],
      checkov: ["CKV_GCP_74"],
      trivy: ["AVD-GCP-0075"],
    },
    mustBeTrue("private_ip_google_access", "private_ip_google_access is not true"),
  ),
  gcp(
    {
      id: "GCP-GCE-017",
      title: "SSL policy allows TLS older than 1.2",
      severity: "medium",
      types: ["google_compute_ssl_policy"],
      description: "TLS 1.0 and 1.1 have known weaknesses.",
      remediation: 'Set min_tls_version = "TLS_1_2".',
      references: ["https://cloud.google.com/load-balancing/docs/ssl-policies-concepts"],
      frameworks: ["CIS GCP 3.9"],
      checkov: ["CKV_GCP_4"],
      trivy: ["AVD-GCP-0039"],
    },
    (r) =>
      expect(
        r,
        "min_tls_version",
        (v) => v === "TLS_1_2" || v === "TLS_1_3",
        "fail",
        "min_tls_version is below TLS 1.2",
      ),
  ),
  gcp(
    {
      id: "GCP-GCE-018",
      title: "Project creates the default network",
      severity: "low",
      types: ["google_project"],
      description: "The default network comes with permissive firewall rules.",
      remediation: "Set auto_create_network = false.",
      references: ["https://cloud.google.com/vpc/docs/vpc#default-network"],
      frameworks: ["CIS GCP 3.1"],
      checkov: ["CKV_GCP_27"],
      trivy: ["AVD-GCP-0010"],
    },
    (r) =>
      expect(
        r,
        "auto_create_network",
        (v) => isFalse(v),
        "fail",
        "auto_create_network is not false",
      ),
  ),
];
