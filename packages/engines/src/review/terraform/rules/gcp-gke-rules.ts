import {
  attr,
  expect,
  fail,
  isFalse,
  isTrue,
  mustBeTrue,
  mustNotBeTrue,
  pass,
  unknown,
  worst,
} from "./rule-kit";
import type { TfRule } from "./rule-kit";
import { gcp } from "./gcp-kit";
import { Unknown, text } from "../eval/values";
import type { TfResource } from "../tf-types";

/** Workload Identity is enabled on a cluster (workload_identity_config names a pool). */
const workloadIdentity = (c: TfResource): boolean => {
  const pool = attr(c, "workload_identity_config.workload_pool");
  return pool !== undefined && pool !== null && pool !== "";
};

const GKE = "https://cloud.google.com/kubernetes-engine/docs/how-to/";
/** GCP GKE rules. */
export const gcpGkeRules: readonly TfRule[] = [
  gcp(
    {
      id: "GCP-GKE-001",
      title: "GKE legacy ABAC is enabled",
      severity: "high",
      types: ["google_container_cluster"],
      description: "Legacy ABAC grants broad permissions outside RBAC.",
      remediation: "Set enable_legacy_abac = false.",
      references: [GKE + "role-based-access-control"],
      frameworks: ["CIS GKE 5.8.3"],
      checkov: ["CKV_GCP_7"],
      trivy: ["AVD-GCP-0062"],
    },
    mustNotBeTrue("enable_legacy_abac", "legacy ABAC is enabled"),
  ),
  gcp(
    {
      id: "GCP-GKE-002",
      title: "GKE control plane has no authorized networks",
      severity: "high",
      types: ["google_container_cluster"],
      description: "Without authorized networks the API server accepts connections from anywhere.",
      remediation: "Add master_authorized_networks_config { cidr_blocks { cidr_block = … } }.",
      references: [GKE + "authorized-networks"],
      frameworks: ["CIS GKE 5.6.3"],
      checkov: ["CKV_GCP_20"],
      trivy: ["AVD-GCP-0061"],
    },
    (r) =>
      attr(r, "master_authorized_networks_config") !== undefined
        ? pass()
        : fail(r, "master_authorized_networks_config", "no authorized networks"),
  ),
  gcp(
    {
      id: "GCP-GKE-003",
      title: "GKE network policy is disabled",
      severity: "medium",
      types: ["google_container_cluster"],
      description: "Without network policy enforcement, pods can reach each other freely.",
      remediation:
        'Add network_policy { enabled = true } (or use Dataplane V2: datapath_provider = "ADVANCED_DATAPATH").',
      references: [GKE + "network-policy"],
      frameworks: ["CIS GKE 5.6.7"],
      checkov: ["CKV_GCP_12"],
      trivy: ["AVD-GCP-0056"],
    },
    (r) =>
      attr(r, "datapath_provider") === "ADVANCED_DATAPATH"
        ? pass()
        : mustBeTrue("network_policy.enabled", "network policy is not enabled")(r),
  ),
  gcp(
    {
      id: "GCP-GKE-004",
      title: "GKE nodes are not private",
      severity: "medium",
      types: ["google_container_cluster"],
      description: "Private nodes have no external IP addresses.",
      remediation: "Add private_cluster_config { enable_private_nodes = true }.",
      references: [GKE + "private-clusters"],
      frameworks: ["CIS GKE 5.6.5"],
      checkov: ["CKV_GCP_64"],
      trivy: ["AVD-GCP-0059"],
    },
    mustBeTrue("private_cluster_config.enable_private_nodes", "private nodes are not enabled"),
  ),
  gcp(
    {
      id: "GCP-GKE-005",
      title: "GKE Shielded Nodes are disabled",
      severity: "medium",
      types: ["google_container_cluster"],
      description: "Shielded nodes verify node identity and boot integrity.",
      remediation: "Set enable_shielded_nodes = true (the default).",
      references: [GKE + "shielded-gke-nodes"],
      frameworks: ["CIS GKE 5.5.5"],
      checkov: ["CKV_GCP_71"],
      trivy: ["AVD-GCP-0055"],
    },
    (r) =>
      isFalse(attr(r, "enable_shielded_nodes"))
        ? fail(r, "enable_shielded_nodes", "shielded nodes are disabled")
        : pass(),
  ),
  gcp(
    {
      id: "GCP-GKE-006",
      title: "GKE client certificate authentication is enabled",
      severity: "medium",
      types: ["google_container_cluster"],
      description: "Client certificates are long-lived credentials that cannot be revoked.",
      remediation:
        "Set master_auth { client_certificate_config { issue_client_certificate = false } }.",
      references: [GKE + "api-server-authentication"],
      frameworks: ["CIS GKE 5.8.1"],
      checkov: ["CKV_GCP_13"],
      trivy: ["AVD-GCP-0064"],
    },
    (r) =>
      isTrue(attr(r, "master_auth.client_certificate_config.issue_client_certificate"))
        ? fail(r, "master_auth", "client certificates are issued")
        : pass(),
  ),
  gcp(
    {
      id: "GCP-GKE-007",
      title: "GKE logging or monitoring is disabled",
      severity: "medium",
      types: ["google_container_cluster"],
      description: "Cluster logs and metrics are needed to detect attacks.",
      remediation:
        'Remove logging_service/monitoring_service = "none" (defaults send to Cloud Logging/Monitoring).',
      references: [GKE + "logging"],
      checkov: ["CKV_GCP_1", "CKV_GCP_8"],
      trivy: ["AVD-GCP-0060", "AVD-GCP-0052"],
    },
    (r) =>
      attr(r, "logging_service") === "none"
        ? fail(r, "logging_service", "logging is disabled")
        : attr(r, "monitoring_service") === "none"
          ? fail(r, "monitoring_service", "monitoring is disabled")
          : pass(),
  ),
  gcp(
    {
      id: "GCP-GKE-008",
      title: "GKE node pool auto-repair or auto-upgrade is disabled",
      severity: "low",
      types: ["google_container_node_pool"],
      description: "Auto-upgrade applies security patches; auto-repair replaces broken nodes.",
      remediation: "Set management { auto_repair = true, auto_upgrade = true }.",
      references: [GKE + "node-auto-upgrades"],
      frameworks: ["CIS GKE 5.5.2", "CIS GKE 5.5.3"],
      checkov: ["CKV_GCP_9", "CKV_GCP_10"],
      trivy: ["AVD-GCP-0063", "AVD-GCP-0058"],
    },
    (r) =>
      attr(r, "management") === undefined
        ? pass()
        : worst([
            expect(r, "management.auto_repair", (v) => !isFalse(v), "pass", "auto_repair is false"),
            expect(
              r,
              "management.auto_upgrade",
              (v) => !isFalse(v),
              "pass",
              "auto_upgrade is false",
            ),
          ]),
  ),
  gcp(
    {
      id: "GCP-GKE-009",
      title: "GKE nodes expose the legacy metadata server",
      severity: "high",
      types: ["google_container_cluster", "google_container_node_pool"],
      description:
        "Legacy metadata endpoints and GCE_METADATA mode let pods read node credentials.",
      remediation:
        'Set node_config { workload_metadata_config { mode = "GKE_METADATA" } } (or enable Workload Identity on the cluster with workload_identity_config) and keep metadata disable-legacy-endpoints = "true".',
      references: [GKE + "workload-identity"],
      frameworks: ["CIS GKE 5.4.1"],
      checkov: ["CKV_GCP_69"],
      trivy: ["AVD-GCP-0048"],
    },
    (r) => {
      const legacy = attr(r, "node_config.metadata.disable-legacy-endpoints");
      if (legacy !== undefined && !isTrue(legacy))
        return fail(r, "node_config.metadata", "legacy metadata endpoints are enabled");
      const mode = attr(r, "node_config.workload_metadata_config.mode");
      const old = attr(r, "node_config.workload_metadata_config.node_metadata");
      for (const [path, v] of [
        ["node_config.workload_metadata_config.mode", mode],
        ["node_config.workload_metadata_config.node_metadata", old],
      ] as const) {
        if (v instanceof Unknown) return unknown(v, path);
        // GKE_METADATA_SERVER is the provider 3.x spelling of GKE_METADATA.
        if (v === "GKE_METADATA" || v === "GKE_METADATA_SERVER") return pass();
        if (v !== undefined && v !== null)
          return fail(r, path, `workload metadata is ${text(v)}, not GKE_METADATA`);
      }
      // Unset, nodes follow the cluster: with Workload Identity on, new node pools get
      // GKE_METADATA; a cluster whose default pool is removed runs no nodes of its own.
      if (r.type === "google_container_cluster") {
        if (isTrue(attr(r, "remove_default_node_pool")) || workloadIdentity(r)) return pass();
      } else if (r.scan.targets(r, "cluster", "google_container_cluster").some(workloadIdentity))
        return pass();
      return fail(
        r,
        "node_config.workload_metadata_config",
        "nodes expose the Compute Engine metadata server (GKE_METADATA is not set)",
      );
    },
  ),
  gcp(
    {
      id: "GCP-GKE-010",
      title: "GKE release channel is not set",
      severity: "low",
      types: ["google_container_cluster"],
      description:
        "Release channels keep the control plane and nodes on supported, patched versions.",
      remediation: 'Add release_channel { channel = "REGULAR" } (or STABLE).',
      references: [GKE + "release-channels"],
      checkov: ["CKV_GCP_70"],
    },
    (r) =>
      expect(
        r,
        "release_channel.channel",
        (v) => v !== "UNSPECIFIED",
        "fail",
        "release channel is not set",
      ),
  ),
];
