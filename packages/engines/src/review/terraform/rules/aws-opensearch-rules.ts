import type { RuleOutcome } from "@infrasec/core";
import { text } from "../eval/values";
import type { TfResource } from "../tf-types";
import {
  atLeastNum,
  attr,
  expect,
  isFalse,
  isTrue,
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
const ES = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/";
const ES_TYPES = ["aws_elasticsearch_domain", "aws_opensearch_domain"];

/** AWS OpenSearch (and legacy Elasticsearch) domain rules. */
export const awsOpenSearchRules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-ES-001",
      title: "OpenSearch domain is not encrypted at rest",
      severity: "high",
      types: ES_TYPES,
      description: "Index data and snapshots are stored unencrypted.",
      remediation: "Add encrypt_at_rest { enabled = true }.",
      references: [ES + "encryption-at-rest.html"],
      checkov: ["CKV_AWS_5"],
      trivy: ["AVD-AWS-0048"],
    },
    mustBeTrue("encrypt_at_rest.enabled", "encryption at rest is not enabled"),
  ),
  aws(
    {
      id: "AWS-ES-002",
      title: "OpenSearch node-to-node encryption is disabled",
      severity: "high",
      types: ES_TYPES,
      description:
        "Traffic between the nodes of a multi-node domain is unencrypted. A single-node domain (instance_count 1, the default, and no dedicated masters) has no node-to-node traffic.",
      remediation: "Add node_to_node_encryption { enabled = true }.",
      references: [ES + "ntn.html"],
      checkov: ["CKV_AWS_6"],
      trivy: ["AVD-AWS-0043"],
    },
    (r) => {
      const count = attr(r, "cluster_config.instance_count");
      const masters = isTrue(attr(r, "cluster_config.dedicated_master_enabled"));
      if (!masters && (count === undefined || count === null || Number(count) <= 1)) return pass();
      return mustBeTrue(
        "node_to_node_encryption.enabled",
        "node-to-node encryption is not enabled",
      )(r);
    },
  ),
  aws(
    {
      id: "AWS-ES-003",
      title: "OpenSearch domain does not enforce HTTPS",
      severity: "high",
      types: ES_TYPES,
      description:
        "Clients may send queries and credentials over plain HTTP. The provider enforces HTTPS unless enforce_https is set to false.",
      remediation: "Set domain_endpoint_options { enforce_https = true } (or leave it unset).",
      references: [ES + "infrastructure-security.html"],
      checkov: ["CKV_AWS_83"],
      trivy: ["AVD-AWS-0046"],
    },
    (r) =>
      expect(
        r,
        "domain_endpoint_options.enforce_https",
        (v) => !isFalse(v),
        "pass",
        "HTTPS is not enforced",
      ),
  ),
  aws(
    {
      id: "AWS-ES-004",
      title: "OpenSearch domain allows TLS older than 1.2",
      severity: "medium",
      types: ES_TYPES,
      description: "TLS 1.0 and 1.1 have known weaknesses.",
      remediation:
        'Set domain_endpoint_options { tls_security_policy = "Policy-Min-TLS-1-2-2019-07" } (or the PFS 2023-10 policy).',
      references: [ES + "infrastructure-security.html"],
      checkov: ["CKV_AWS_228"],
      trivy: ["AVD-AWS-0126"],
    },
    (r) =>
      expect(
        r,
        "domain_endpoint_options.tls_security_policy",
        (v) => text(v).startsWith("Policy-Min-TLS-1-2"),
        "fail",
        "TLS policy allows TLS < 1.2",
      ),
  ),
  aws(
    {
      id: "AWS-ES-005",
      title: "OpenSearch audit logs are not published",
      severity: "medium",
      types: ES_TYPES,
      description: "Audit logs record authentication and index access.",
      remediation:
        'Add log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = … }.',
      references: [ES + "audit-logs.html"],
      checkov: ["CKV_AWS_317"],
      trivy: ["AVD-AWS-0042"],
    },
    (r) => {
      const opts = Array.isArray(r.values.log_publishing_options)
        ? r.values.log_publishing_options
        : [];
      const ok = opts.some(
        (o) =>
          typeof o === "object" &&
          o !== null &&
          !Array.isArray(o) &&
          (o as Record<string, unknown>).log_type === "AUDIT_LOGS" &&
          (o as Record<string, unknown>).enabled !== false,
      );
      return ok ? pass() : fail(r, "log_publishing_options", "AUDIT_LOGS are not published");
    },
  ),
  aws(
    {
      id: "AWS-ES-006",
      title: "OpenSearch domain is not inside a VPC",
      severity: "medium",
      types: ES_TYPES,
      description: "A public endpoint relies only on the access policy for protection.",
      remediation: "Add vpc_options { subnet_ids = …, security_group_ids = … }.",
      references: [ES + "vpc.html"],
      checkov: ["CKV_AWS_137"],
    },
    (r) =>
      attr(r, "vpc_options") !== undefined
        ? pass()
        : fail(r, "vpc_options", "domain has a public endpoint"),
  ),
  aws(
    {
      id: "AWS-ES-007",
      title: "OpenSearch domain has fewer than three dedicated master nodes",
      severity: "low",
      types: ES_TYPES,
      description: "Three dedicated master nodes avoid split brain and keep the cluster available.",
      remediation:
        "Set cluster_config { dedicated_master_enabled = true, dedicated_master_count = 3 }.",
      references: [ES + "managedomains-dedicatedmasternodes.html"],
      checkov: ["CKV_AWS_318"],
    },
    (r) =>
      isTrue(attr(r, "cluster_config.dedicated_master_enabled"))
        ? atLeastNum(
            "cluster_config.dedicated_master_count",
            3,
            "fewer than 3 dedicated masters",
          )(r)
        : fail(r, "cluster_config", "dedicated masters are not enabled"),
  ),
];
