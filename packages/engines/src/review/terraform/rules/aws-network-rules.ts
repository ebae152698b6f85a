import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { naclIngress, noWorldAccess, sgRules } from "./net-kit";
import { attr, blocks, mustBeSet, tfRule, worst } from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
const SG_TYPES = [
  "aws_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
];
const EGRESS_TYPES = [
  "aws_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_egress_rule",
];
const NACL_TYPES = ["aws_network_acl", "aws_network_acl_rule"];
const SG_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html";
const NACL_DOC = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html";
function sgPort(id: string, port: number, name: string, checkov: string[], cis: string[]): TfRule {
  return aws(
    {
      id,
      title: `Security group allows ingress from 0.0.0.0/0 to port ${port} (${name})`,
      severity: port === 80 ? "medium" : "high",
      types: SG_TYPES,
      description: `Port ${port} (${name}) reachable from the whole internet invites brute force and exploitation.`,
      remediation: `Restrict cidr_blocks / ipv6_cidr_blocks (or cidr_ipv4 / cidr_ipv6) of the rule covering port ${port} to known networks.`,
      references: [SG_DOC],
      frameworks: cis,
      checkov,
      trivy: ["AVD-AWS-0107"],
    },
    noWorldAccess((r) => sgRules(r, "ingress"), [port], "security group ingress"),
  );
}

function naclPort(id: string, port: number, checkov: string): TfRule {
  return aws(
    {
      id,
      title: `Network ACL allows ingress from 0.0.0.0/0 to port ${port}`,
      severity: "medium",
      types: NACL_TYPES,
      description: `An allow rule for port ${port} from anywhere weakens the subnet's network boundary.`,
      remediation: `Restrict cidr_block of the NACL rule allowing port ${port}, or set its action/rule_action to "deny".`,
      references: [NACL_DOC],
      frameworks: ["CIS AWS 5.1"],
      checkov: [checkov],
      trivy: ["AVD-AWS-0105"],
    },
    noWorldAccess(naclIngress, [port], "network ACL ingress"),
  );
}

/** AWS security group and network ACL rules. */
export const awsNetworkRules: readonly TfRule[] = [
  sgPort("AWS-EC2-001", 22, "SSH", ["CKV_AWS_24"], ["CIS AWS 5.2"]),
  sgPort("AWS-EC2-002", 3389, "RDP", ["CKV_AWS_25"], ["CIS AWS 5.3"]),
  sgPort("AWS-EC2-003", 80, "HTTP", ["CKV_AWS_260"], []),
  aws(
    {
      id: "AWS-EC2-004",
      title: "Security group allows ingress from 0.0.0.0/0 on all ports",
      severity: "critical",
      types: SG_TYPES,
      description:
        "Allowing every port and protocol from anywhere exposes every service on the instances.",
      remediation:
        'Replace protocol = "-1" / from_port = 0, to_port = 65535 with the needed ports and restrict cidr_blocks.',
      references: [SG_DOC],
      checkov: ["CKV_AWS_277"],
      trivy: ["AVD-AWS-0107"],
    },
    noWorldAccess((r) => sgRules(r, "ingress"), undefined, "security group ingress"),
  ),
  aws(
    {
      id: "AWS-EC2-005",
      title: "Security group allows egress to 0.0.0.0/0 on all ports",
      severity: "low",
      types: EGRESS_TYPES,
      description:
        "Egress should be denied by default so compromised workloads cannot reach arbitrary hosts.",
      remediation:
        "Restrict egress cidr_blocks (or cidr_ipv4) and ports to the destinations the workload needs.",
      references: [SG_DOC],
      checkov: ["CKV_AWS_382"],
      trivy: ["AVD-AWS-0104"],
    },
    noWorldAccess((r) => sgRules(r, "egress"), undefined, "security group egress"),
  ),
  aws(
    {
      id: "AWS-EC2-006",
      title: "Security group or rule has no description",
      severity: "low",
      types: [
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule",
      ],
      description:
        "Descriptions let reviewers tell why a rule exists and whether it is still needed.",
      remediation:
        "Set description on the security group and on every ingress/egress block or rule.",
      references: [SG_DOC],
      checkov: ["CKV_AWS_23"],
      trivy: ["AVD-AWS-0099", "AVD-AWS-0124"],
    },
    (r) => {
      const outs: RuleOutcome[] = [mustBeSet("description", "description is missing")(r)];
      if (r.type === "aws_security_group") {
        for (const dir of ["ingress", "egress"])
          blocks(attr(r, dir)).forEach((_b, i) =>
            outs.push(mustBeSet(`${dir}.${i}.description`, `${dir} rule has no description`)(r)),
          );
      }
      return worst(outs);
    },
  ),
  aws(
    {
      id: "AWS-EC2-007",
      title: "Security group exposes a database port to 0.0.0.0/0",
      severity: "critical",
      types: SG_TYPES,
      description:
        "Database ports (MySQL 3306, PostgreSQL 5432, MSSQL 1433, Oracle 1521, MongoDB 27017, Redis 6379, Elasticsearch 9200) must not face the internet.",
      remediation:
        "Restrict cidr_blocks of the rule covering the database port to application subnets or security groups.",
      references: [SG_DOC],
      trivy: ["AVD-AWS-0107"],
    },
    noWorldAccess(
      (r) => sgRules(r, "ingress"),
      [3306, 5432, 1433, 1521, 27017, 6379, 9200],
      "security group ingress",
    ),
  ),
  naclPort("AWS-EC2-008", 22, "CKV_AWS_232"),
  naclPort("AWS-EC2-009", 3389, "CKV_AWS_231"),
  naclPort("AWS-EC2-010", 21, "CKV_AWS_229"),
  naclPort("AWS-EC2-011", 20, "CKV_AWS_230"),
  aws(
    {
      id: "AWS-EC2-012",
      title: "Network ACL rule allows all ports from 0.0.0.0/0",
      severity: "high",
      types: ["aws_network_acl_rule"],
      description: "A NACL rule allowing every port from anywhere removes the subnet boundary.",
      remediation:
        'Set protocol, from_port and to_port to the needed range, or rule_action = "deny".',
      references: [NACL_DOC],
      checkov: ["CKV_AWS_352"],
      trivy: ["AVD-AWS-0102"],
    },
    noWorldAccess(naclIngress, undefined, "network ACL ingress"),
  ),
];
